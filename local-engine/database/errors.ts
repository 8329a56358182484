/**
 * Errors shaped like wx-server-sdk's: an `Error` whose message starts with `<api>:fail `, with
 * `errCode` and `errMsg` fields, so code that inspects either behaves the same on both engines.
 */

/** CloudBase error codes (wx-server-sdk TCB_ERR_CODE) that the local engine reproduces. */
export const ERR = {
  SYS_ERR: -501001,
  INVALID_PARAM: -501007,
  DATABASE_REQUEST_FAILED: -502001,
  DATABASE_INVALID_OPERATOR: -502002,
  GENERIC: -1,
} as const;

export class DatabaseError extends Error {
  readonly errCode: number;
  readonly errMsg: string;

  constructor(api: string, message: string, errCode: number = ERR.GENERIC) {
    const full = `${api}:fail ${message}`;
    super(full);
    this.name = 'DatabaseError';
    this.errCode = errCode;
    this.errMsg = full;
  }
}

/** A usage error detected while building a query (thrown synchronously, like the SDK's validators). */
export function invalidParam(api: string, message: string): DatabaseError {
  return new DatabaseError(api, message, ERR.INVALID_PARAM);
}

/** Engine-internal failures (bad operator, bad value) before they get an API name. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly errCode: number = ERR.INVALID_PARAM,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Re-labels an error thrown inside the engine with the public API name it surfaced through. */
export function toApiError(api: string, e: unknown): unknown {
  if (e instanceof DatabaseError) return e;
  if (e instanceof EngineError) return new DatabaseError(api, e.message, e.errCode);
  if (e instanceof Error) return new DatabaseError(api, e.message, ERR.DATABASE_REQUEST_FAILED);
  return e;
}

/**
 * Errors shaped like wx-server-sdk's: an `Error` whose message starts with `<api>:fail `, with
 * `errCode` and `errMsg` fields and no `code`, so code that inspects any of them behaves the same on
 * both engines.
 *
 * wx-server-sdk 4.0.2 (index.js, utils/error.ts `toSDKError` via database/helper/error-checker.ts
 * `checkError`) turns a server answer `{ code, message }` into
 * `new Error(\`${api}:fail ${errCode} ${ERR_CODE[errCode]}. ${message}\`)` with `errCode` =
 * `TCB_ERR_CODE[code] || SYS_ERR` and `errMsg` = the same text. A thrown string (the SDK's own
 * "document with _id x does not exist") becomes `${api}:fail ${text}` with errCode -1.
 */

/** CloudBase error codes (wx-server-sdk TCB_ERR_CODE) that the local engine reproduces. */
export const ERR = {
  SYS_ERR: -501001,
  INVALID_PARAM: -501007,
  DATABASE_REQUEST_FAILED: -502001,
  DATABASE_INVALID_OPERATOR: -502002,
  DATABASE_COLLECTION_NOT_EXIST: -502005,
  GENERIC: -1,
} as const;

/** wx-server-sdk's config/error.config.ts ERR_CODE texts for those codes. */
const ERR_TEXT: Record<number, string> = {
  [ERR.SYS_ERR]: 'resource system error',
  [ERR.INVALID_PARAM]: 'invalid parameters',
  [ERR.DATABASE_REQUEST_FAILED]: 'database request fail',
  [ERR.DATABASE_INVALID_OPERATOR]: 'database invalid command',
  [ERR.DATABASE_COLLECTION_NOT_EXIST]: 'database collection not exists',
};

/**
 * The server's text for a lost write (DATABASE_TRANSACTION_CONFLICT, which TCB_ERR_CODE does not
 * list, so wx-server-sdk reports errCode SYS_ERR). Quoted from the CloudBase node-sdk's own
 * transaction tests.
 */
export const CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ' +
  'Please check your request, but if the problem persists, contact us.';

/** The server's text for a collection that was never created (DATABASE_COLLECTION_NOT_EXIST). */
export function collectionNotExistMessage(name: string): string {
  return `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem persists, contact us.`;
}

export class DatabaseError extends Error {
  readonly errCode: number;
  readonly errMsg: string;

  constructor(api: string, message: string, errCode: number = ERR.GENERIC) {
    const text = ERR_TEXT[errCode];
    const full = text ? `${api}:fail ${errCode} ${text}. ${message}` : `${api}:fail ${message}`;
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

/** A transaction that lost to another write, as wx-server-sdk reports it. */
export function conflictError(api: string): DatabaseError {
  return new DatabaseError(api, CONFLICT_MESSAGE, ERR.SYS_ERR);
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

import { rateLimitedMessage, type ApiError, type Envelope, type ErrorCode, type ValidationIssue } from '../../types';

/** Client-side codes on top of the server's: the call never reached a function. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

export class CloudError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly issues: ValidationIssue[] = [],
    /** RATE_LIMITED: seconds until the server takes this again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export const networkError = () => new CloudError('NETWORK', '网络连接失败，请检查网络后重试');

export function isEnvelope(value: unknown): value is Envelope<unknown> {
  return !!value && typeof value === 'object' && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** Turns the `{ok, data|error}` envelope into a value or a thrown CloudError. */
export function unwrap<T>(envelope: unknown): T {
  if (!isEnvelope(envelope)) throw new CloudError('INTERNAL', '服务返回格式异常，请稍后重试');
  if (envelope.ok) return envelope.data as T;
  const error: ApiError = envelope.error;
  if (error.code === 'RATE_LIMITED') {
    // Said the same way on every screen, with the wait in plain words (the server's seconds, not its wording).
    const seconds = Number(error.retryAfterSeconds);
    if (Number.isFinite(seconds) && seconds > 0) {
      throw new CloudError('RATE_LIMITED', rateLimitedMessage(seconds), [], Math.ceil(seconds));
    }
    throw new CloudError('RATE_LIMITED', '操作太频繁，请稍后再试');
  }
  throw new CloudError(error.code, error.message, error.issues ?? []);
}

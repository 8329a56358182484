import { rateLimitedMessage, type ErrorCode, type ValidationIssue } from '../../types';
import type { ZodError } from 'zod';

/** An error meant for the caller: its code and Chinese message travel in the envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
    /** RATE_LIMITED: seconds until the caller may try again (travels in the envelope). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function invalidInput(error: ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  return new AppError('INVALID_INPUT', first ? `输入有误：${first.message}` : '输入有误', issues);
}

export const forbidden = (message = '无权进行此操作') => new AppError('FORBIDDEN', message);
export const notFound = (message = '记录不存在') => new AppError('NOT_FOUND', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);

/** Over a rate limit (rate-limit.ts): the envelope says when the caller may try again. */
export function rateLimited(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError('RATE_LIMITED', rateLimitedMessage(seconds), undefined, seconds);
}

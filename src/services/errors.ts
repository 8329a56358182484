import type { ValidationIssue } from '../../types';
import { CloudError } from './cloud-error';

/** Whatever a call threw, as a CloudError with a Chinese message. */
export function asCloudError(e: unknown, fallback = '操作失败，请重试'): CloudError {
  return e instanceof CloudError ? e : new CloudError('INTERNAL', fallback);
}

/** Field issues (server or zod) keyed by their top-level field, first message wins. */
export function issueMap(issues: ValidationIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path, message } of issues) {
    const field = path.split('.')[0] || 'form';
    out[field] ??= message;
  }
  return out;
}

/** zod issues in the server's `{path, message}` shape. */
export function zodIssues(issues: { path: (string | number)[]; message: string }[]): ValidationIssue[] {
  return issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

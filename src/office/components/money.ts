import type { RewardRule } from '../../../types/reward';
import { CloudError } from '../../services/cloud-error';
import { asCloudError } from '../../services/errors';

/** Why a case was refused, in plain words (the rule stored with the decision). */
export const RULE_WORDS: Record<RewardRule, string> = {
  general: '一般隐患，在奖励区间内核定',
  major: '重大事故隐患，按罚款金额的比例计算',
  notFirstReporter: '不是首位举报人（重复或附议的举报）',
  alreadyKnown: '责任部门此前已发现并正在处理',
  departmentStaff: '举报人是责任部门的工作人员',
  enterpriseManager: '举报人是该企业的安全管理人员',
  officerRefused: '镇安委办决定不予奖励',
};

/** A failed call with the field message first (the server's zod issue), else its own message. */
export function plainError(e: unknown, fallback = '操作失败，请重试'): CloudError {
  const err = asCloudError(e, fallback);
  const issue = err.issues[0]?.message;
  return issue ? new CloudError(err.code, issue, err.issues) : err;
}

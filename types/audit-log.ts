// 操作日志 (issue 11, DESIGN.md §4 `admin.audits`, §9): 安委办 and leaders read the audit trail — who did what,
// when, on which record —, filtered by person, kind of action, case and date. Never an openid: people come out
// by their display name (or 已注销用户), residents as 群众, the system as 系统.
import { z } from 'zod';
import { DateOnly, Paging } from './common';

/** The kinds of action the log filters by: each a set of action-code prefixes and exact codes. */
export const AUDIT_GROUPS = [
  'tipoff',
  'ledger',
  'reward',
  'identity',
  'drill',
  'enterprise',
  'internalReport',
  'people',
  'training',
  'config',
] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export const AUDIT_GROUP_LABELS: Record<AuditGroup, string> = {
  tipoff: '举报办理',
  ledger: '隐患台账',
  reward: '举报奖励',
  identity: '查看举报人身份',
  drill: '应急演练',
  enterprise: '企业',
  internalReport: '企业内部报告',
  people: '人员与邀请码',
  training: '培训考核',
  config: '配置',
};

/** Every audited read of a sealed reporter identity (the page marks them 查看举报人身份). */
export const IDENTITY_READ_ACTIONS: readonly string[] = ['reward.identity'];

/** Which action codes each group holds: a code matches by an exact code or by starting with a prefix. */
export const AUDIT_GROUP_MATCH: Record<AuditGroup, { prefixes: string[]; exact: string[] }> = {
  tipoff: { prefixes: ['tipoff.'], exact: [] },
  ledger: { prefixes: ['ledger.'], exact: [] },
  reward: { prefixes: ['reward.'], exact: [] },
  identity: { prefixes: [], exact: [...IDENTITY_READ_ACTIONS] },
  drill: { prefixes: ['drill.'], exact: [] },
  enterprise: { prefixes: ['enterprise.'], exact: [] },
  internalReport: { prefixes: ['internalReport.'], exact: [] },
  people: { prefixes: ['people.'], exact: [] },
  training: { prefixes: ['training.', 'trainingio.'], exact: [] },
  config: { prefixes: ['config.'], exact: ['reward.setPolicy'] },
};

export function inAuditGroup(action: string, group: AuditGroup): boolean {
  const m = AUDIT_GROUP_MATCH[group];
  return m.exact.includes(action) || m.prefixes.some((p) => action.startsWith(p));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The anchored pattern the query uses for a group. A single prefix stays a plain `^prefix` (MongoDB bounds the
 * `action` index scan by it); groups of several codes are an anchored alternation.
 */
export function auditGroupPattern(group: AuditGroup): string {
  const m = AUDIT_GROUP_MATCH[group];
  const parts = [...m.prefixes.map(escapeRe), ...m.exact.map((e) => `${escapeRe(e)}$`)];
  return parts.length === 1 ? `^${parts[0]}` : `^(${parts.join('|')})`;
}

/** Action codes in words. Codes not listed fall back to their group's words (auditActionLabel). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'tipoff.accept': '受理举报',
  'tipoff.reject': '不予受理',
  'tipoff.transfer': '转办其他部门',
  'tipoff.merge': '合并重复举报',
  'tipoff.verify': '现场核实',
  'tipoff.order': '责令整改',
  'tipoff.rectified': '提交整改结果',
  'tipoff.signoff': '复核销号',
  'tipoff.extend': '延长办理期限',
  'tipoff.escalate': '上报镇安委办',
  'tipoff.reopen': '重新办理',
  'tipoff.fine': '登记罚款',
  'tipoff.rate': '群众评价',
  'tipoff.urge': '群众催办',
  'tipoff.record': '登记外部来源举报',
  'tipoff.photoHidden': '照片未通过内容安全检查，已隐藏',
  'ledger.create': '登记重大隐患',
  'ledger.progress': '填写整改进展',
  'ledger.close': '隐患销号',
  'ledger.sendBack': '退回整改',
  'ledger.enterpriseProgress': '企业填写整改进展',
  'ledger.enterpriseDone': '企业申请销号',
  'reward.open': '生成奖励案件',
  'reward.decide': '核定奖励',
  'reward.approve': '审批奖励',
  'reward.pay': '发放奖励',
  'reward.reject': '不予奖励',
  'reward.claim': '领取匿名奖励',
  'reward.identity': '查看举报人身份',
  'reward.setPolicy': '修改奖励标准',
  'config.set': '修改系统配置',
  'internalReport.accept': '受理企业内部报告',
  'internalReport.fixed': '企业内部报告已整改',
  'internalReport.escalate': '企业内部报告转报镇里',
  'drill.create': '计划应急演练',
  'drill.cancel': '取消演练',
  'drill.start': '开始演练',
  'drill.allClear': '演练解除警报',
  'drill.addByHand': '手工登记签到',
  'drill.close': '演练记录归档',
  'enterprise.register': '登记企业',
  'enterprise.approve': '审核企业登记',
  'enterprise.update': '修改企业信息',
  'enterprise.setHighRisk': '调整高危企业',
  'enterprise.close': '注销企业',
  'enterprise.confirmJoin': '确认员工加入',
  'enterprise.removeWorker': '移出员工',
  'enterprise.selfInspect': '企业自查',
  'people.invite': '发放邀请码',
  'people.revokeInvite': '作废邀请码',
  'people.revoke': '解除人员身份',
  'people.bind': '使用邀请码绑定身份',
  'people.bind.request': '申请加入企业',
  'training.saveQuestion': '修改题目',
  'training.retireQuestion': '停用或恢复题目',
  'training.quizCreate': '发布考试',
  'training.assign': '布置培训',
  'trainingio.importQuestions': '导入题库',
  'user.consent': '同意隐私政策',
  'user.deleteMe': '注销账号',
  'privacy.retention.erase': '到期删除举报人身份',
  'exposure.supervise': '挂牌督办（上曝光台）',
  'exposure.withdraw': '从曝光台撤下',
};

const GROUP_FALLBACK: Record<string, string> = {
  tipoff: '举报办理',
  ledger: '隐患台账',
  reward: '举报奖励',
  drill: '应急演练',
  enterprise: '企业',
  internalReport: '企业内部报告',
  people: '人员',
  training: '培训考核',
  config: '修改配置',
};

export function auditActionLabel(action: string): string {
  const exact = AUDIT_ACTION_LABELS[action];
  if (exact) return exact;
  if (action.startsWith('tipoff.escalate.')) return '逾期自动升级';
  if (action.startsWith('internalReport.')) return '处理企业内部报告';
  const group = GROUP_FALLBACK[action.split('.')[0]];
  return group ?? '其他操作';
}

export const AUDIT_TARGET_LABELS: Record<string, string> = {
  tipoff: '举报',
  ledger: '隐患台账',
  reporterIdentity: '举报人身份',
  system: '系统',
  invite: '邀请码',
  person: '人员',
  internalReport: '企业内部报告',
  enterprise: '企业',
  reward: '奖励案件',
  quiz: '考试',
  question: '题目',
  config: '配置',
  drill: '演练',
};

/** At most this many days, both ends included (a year, a leap year's too). */
export const AUDIT_MAX_DAYS = 366;
/** With no dates given: the last 30 days, today included. */
export const AUDIT_DEFAULT_DAYS = 30;

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

export const AdminAuditsInput = Paging.extend({
  /** A person's display name (exact) or personId. */
  actor: z.string().trim().min(1, '请输入人员姓名').max(40, '姓名最多 40 个字').optional(),
  group: z.enum(AUDIT_GROUPS, { errorMap: () => ({ message: '请选择操作类别' }) }).optional(),
  /** A case number (MX-…), a ledger number (ZD-…) or a record id. */
  target: z.string().trim().min(1, '请输入编号').max(64, '编号最多 64 个字符').optional(),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
})
  .strict()
  .superRefine((v, ctx) => {
    if (v.from && v.to) {
      if (v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
      else if (dayNumber(v.to) - dayNumber(v.from) + 1 > AUDIT_MAX_DAYS)
        ctx.addIssue({ code: 'custom', path: ['from'], message: `一次最多查询 ${AUDIT_MAX_DAYS} 天` });
    }
  });
export type AdminAuditsInput = z.input<typeof AdminAuditsInput>;

export type AuditActorKind = 'person' | 'resident' | 'system' | 'deleted';

export interface AuditEntry {
  id: string;
  at: string;
  /** Who: a person by display name (and personId, to filter by), 群众, 系统 or 已注销用户. Never an openid. */
  actor: { kind: AuditActorKind; name: string; personId?: string };
  action: string;
  actionLabel: string;
  /** What it was done to: the kind in words, and the case / ledger number when there is one. */
  target: { type: string; typeLabel: string; id?: string; no?: string };
  /** A read of a sealed reporter identity: the page marks it in a warning colour. */
  identityRead: boolean;
  /** Why the identity was read (identity reads only). */
  reason?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  /** The date range applied (town dates, both included). */
  from: string;
  to: string;
}

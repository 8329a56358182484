// Every collection the code uses, as CloudBase must have it before going live: the set-up script
// (scripts/setup-cloudbase.ts) creates each one with its indexes and the "functions only" permission.
import { AUDITS } from './audit';
import { COUNTERS } from './counters';
import { CREDIT_CODES, ENTERPRISES, JOINS } from './enterprises';
import { FILES } from './files';
import { INVITES } from './invites';
import { REPORTER_IDENTITIES } from './identity';
import { GEO_INDEXES, INDEXES } from './indexes';
import { LEDGER } from './ledger';
import { INTERNAL_REPORTS } from './internal-reports';
import { MEDIA_CHECKS } from './media';
import { FOLLOWS, MESSAGES } from './messages';
import { RATE_LIMITS } from './rate-limit';
import { IDENTITY_READS, REWARDS } from './actions/reward';
import { MONTHLY_REPORTS } from './reports/monthly-store';
import {
  ASSIGNMENTS,
  ATTEMPT_COUNTERS,
  ATTEMPTS,
  CERTIFICATES,
  LESSON_PROGRESS,
  QUIZZES,
  WRONG_BOOKS,
} from './actions/training';
import { QUESTIONS } from './training/bank-store';
import { DRILL_CHECKINS, DRILLS } from './drills/docs';
import { EXPOSURES } from './exposure';
import { TIPOFFS } from './tipoffs';
import { INSPECTIONS } from './checklists';
import { CONFIG } from './town-config';
import { USERS } from './users';

/**
 * CloudBase's database permission tags (ModifyDatabaseACL `AclTag`). Only ADMINONLY (控制台 "仅管理端可读写")
 * is used: the mini-program never reads the database directly, every read and write goes through a function,
 * so no client may touch a collection at all.
 */
export type CollectionAcl = 'ADMINONLY';

export interface CollectionDecl {
  name: string;
  acl: CollectionAcl;
  /** Compound field indexes, each a list of field paths (ascending). */
  indexes: string[][];
  /** Fields that hold GeoJSON points and need a 2dsphere index (geoNear). */
  geo: string[];
  /** What lives there: for the person reading the set-up output. */
  purpose: string;
}

const collection = (name: string, purpose: string): CollectionDecl => ({
  name,
  acl: 'ADMINONLY',
  indexes: INDEXES[name] ?? [],
  geo: GEO_INDEXES[name] ?? [],
  purpose,
});

export const COLLECTIONS: readonly CollectionDecl[] = [
  collection(USERS, '用户与角色'),
  collection(TIPOFFS, '隐患随手拍'),
  collection(REPORTER_IDENTITIES, '举报人身份（加密）'),
  collection(COUNTERS, '编号计数器'),
  collection(FOLLOWS, '附议关注'),
  collection(MESSAGES, '站内消息'),
  collection(AUDITS, '操作审计'),
  collection(LEDGER, '重大事故隐患台账'),
  collection(ENTERPRISES, '企业'),
  collection(JOINS, '企业加入申请'),
  collection(INVITES, '邀请码（只存哈希）'),
  collection(INTERNAL_REPORTS, '企业内部隐患报告'),
  collection(CREDIT_CODES, '已登记的统一社会信用代码（防重复）'),
  collection('meta', '数据版本标记'),
  collection(RATE_LIMITS, '频率限制计数'),
  collection(FILES, '上传文件归属'),
  collection(MEDIA_CHECKS, '图片内容审核'),
  collection(REWARDS, '举报奖励案件'),
  collection(IDENTITY_READS, '举报人身份查看记录'),
  collection(CONFIG, '镇级可配置数据（按版本保存）'),
  collection(MONTHLY_REPORTS, '月度报表（每月一份，文件在云存储）'),
  collection(QUESTIONS, '培训题库（按版本）'),
  collection(QUIZZES, '考试'),
  collection(ATTEMPTS, '答题记录（含试卷与答案，仅云函数可读）'),
  collection(ATTEMPT_COUNTERS, '每人每卷的作答次数'),
  collection(WRONG_BOOKS, '错题本'),
  collection(CERTIFICATES, '培训合格证书'),
  collection(ASSIGNMENTS, '企业布置的考试'),
  collection(LESSON_PROGRESS, '课程学习进度'),
  collection(INSPECTIONS, '企业重大隐患自查记录'),
  collection(DRILLS, '应急演练（计划、过程与记录）'),
  collection(DRILL_CHECKINS, '演练签到（每次演练每人一条）'),
  collection(EXPOSURES, '曝光台（超期曝光、挂牌督办及撤下记录）'),
];

export const COLLECTION_NAMES: readonly string[] = COLLECTIONS.map((c) => c.name);

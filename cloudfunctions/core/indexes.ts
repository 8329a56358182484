import { AUDIT_INDEXES, AUDITS } from './audit';
import { ENTERPRISE_INDEXES, ENTERPRISES, JOIN_INDEXES, JOINS } from './enterprises';
import { INTERNAL_REPORT_INDEXES, INTERNAL_REPORTS } from './internal-reports';
import { LEDGER, LEDGER_INDEXES } from './ledger';
import { INSPECTION_INDEXES, INSPECTIONS } from './checklists';
import { FOLLOW_INDEXES, FOLLOWS, MESSAGE_INDEXES, MESSAGES } from './messages';
import { TIPOFF_INDEXES, TIPOFFS } from './tipoffs';
import { INVITE_INDEXES, INVITES } from './invites';
import { USER_INDEXES, USERS } from './users';
import { QUESTION_INDEXES, QUESTIONS } from './training/bank-store';
import { TRAINING_INDEXES } from './actions/training';
import { DRILL_INDEXES } from './drills/docs';
import { EXPOSURE_INDEXES, EXPOSURES } from './exposure';
import { IDENTITY_READ_INDEXES, IDENTITY_READS, REWARD_INDEXES, REWARDS } from './actions/reward';
import { RATE_LIMITS } from './rate-limit';
import { MONTHLY_REPORT_INDEXES, MONTHLY_REPORTS } from './reports/monthly-store';
import { RATE_LIMIT_INDEXES } from './rate-limit-cleanup';

/**
 * Field indexes per collection. The local engine creates them at open (and keeps the fields
 * scalar); the set-up script (scripts/setup-cloudbase.ts) creates the same ones on CloudBase.
 */
export const INDEXES: Record<string, string[][]> = {
  [TIPOFFS]: TIPOFF_INDEXES,
  [MESSAGES]: MESSAGE_INDEXES,
  [FOLLOWS]: FOLLOW_INDEXES,
  [LEDGER]: LEDGER_INDEXES,
  [INVITES]: INVITE_INDEXES,
  [USERS]: USER_INDEXES,
  [INTERNAL_REPORTS]: INTERNAL_REPORT_INDEXES,
  [ENTERPRISES]: ENTERPRISE_INDEXES,
  [JOINS]: JOIN_INDEXES,
  [REWARDS]: REWARD_INDEXES,
  [MONTHLY_REPORTS]: MONTHLY_REPORT_INDEXES,
  [IDENTITY_READS]: IDENTITY_READ_INDEXES,
  [QUESTIONS]: QUESTION_INDEXES,
  [RATE_LIMITS]: RATE_LIMIT_INDEXES,
  [INSPECTIONS]: INSPECTION_INDEXES,
  [AUDITS]: AUDIT_INDEXES,
  [EXPOSURES]: EXPOSURE_INDEXES,
  ...TRAINING_INDEXES,
  ...DRILL_INDEXES,
};

/**
 * 2dsphere (地理位置) indexes per collection: the only fields geoNear / geoWithin may query, on
 * CloudBase and in the local engine alike (which also refuses a non-GeoJSON value in them).
 */
export const GEO_INDEXES: Record<string, string[]> = {
  [TIPOFFS]: ['geo'],
};

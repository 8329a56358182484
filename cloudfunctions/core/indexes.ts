import { LEDGER, LEDGER_INDEXES } from './ledger';
import { FOLLOW_INDEXES, FOLLOWS, MESSAGE_INDEXES, MESSAGES } from './messages';
import { TIPOFF_INDEXES, TIPOFFS } from './tipoffs';

/**
 * Field indexes per collection. The local engine creates them at open; on CloudBase create the
 * same ones in the console (数据库 → 索引管理) before going live, plus a 2dsphere index on tipoffs.geo.
 */
export const INDEXES: Record<string, string[][]> = {
  [TIPOFFS]: TIPOFF_INDEXES,
  [MESSAGES]: MESSAGE_INDEXES,
  [FOLLOWS]: FOLLOW_INDEXES,
  [LEDGER]: LEDGER_INDEXES,
};

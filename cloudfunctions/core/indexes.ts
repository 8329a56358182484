import { TIPOFF_INDEXES, TIPOFFS } from './tipoffs';

/**
 * Field indexes per collection. The local engine creates them at open; on CloudBase create the
 * same ones in the console (数据库 → 索引管理) before going live.
 */
export const INDEXES: Record<string, string[][]> = {
  [TIPOFFS]: TIPOFF_INDEXES,
};

// Town data 安委办 changes without a developer (issue 11, admin.config / setConfig / route): departments, areas,
// categories, routing rules, SLA days and blocked words, kept versioned in the `config` collection (core/town-config.ts),
// seeded from config/town/. A report keeps the versions it was routed and judged under.
import { z } from 'zod';
import { CleanText, cleanText } from './text';

export const TOWN_CONFIG_KEYS = ['departments', 'areas', 'categories', 'routing', 'sla', 'blockedWords'] as const;
export const TownConfigKey = z.enum(TOWN_CONFIG_KEYS);
export type TownConfigKey = z.infer<typeof TownConfigKey>;

export const TOWN_CONFIG_LABELS: Record<TownConfigKey, string> = {
  departments: '部门',
  areas: '居民区和村',
  categories: '隐患类别',
  routing: '分派规则',
  sla: '办理时限',
  blockedWords: '屏蔽词',
};

/** The data of `blockedWords` (config/town/blocked-words.json). */
export const BlockedWords = z.object({
  words: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(20)
        // A word hiding invisible characters reads back as another word: the duplicate check misses its twin.
        .refine((w) => cleanText(w) === w, '屏蔽词不能含不可见字符'),
    )
    .max(2000),
});
export type BlockedWords = z.infer<typeof BlockedWords>;

/** `admin.config`: the current version (or `version`, an older one) and the list of versions, newest first. */
export const ConfigGetInput = z
  .object({ key: TownConfigKey, version: z.number().int().min(1).max(100000).optional() })
  .strict();
export type ConfigGetInput = z.infer<typeof ConfigGetInput>;

export interface ConfigVersionInfo {
  version: number;
  /** A display name, or 初始配置 for the seeded files. Never an openid. */
  by: string;
  at: string;
  note?: string;
}

export interface ConfigView {
  key: TownConfigKey;
  label: string;
  version: number;
  /** Whether this is the current version. */
  current: boolean;
  /** The key's data, in the shape of its schema (types/town.ts Department[], Area[], Category[], RoutingTable, SlaPolicy; BlockedWords). */
  data: unknown;
  by: string;
  at: string;
  note?: string;
  /** Newest first, at most 50. */
  history: ConfigVersionInfo[];
}

/**
 * `admin.setConfig`: the whole new data of one key. Validated by its schema and against the rest of the town
 * (a rule naming an unknown department, a department still routed to, a category in use by a rule… are
 * INVALID_INPUT with the path); `baseVersion` must be the current version (else CONFLICT: someone changed it
 * since — reload). `note`: why (kept with the version).
 */
export const SetConfigInput = z
  .object({
    key: TownConfigKey,
    data: z.unknown(),
    baseVersion: z.number().int().min(1).max(100000),
    note: CleanText(2, 200, { min: '请写明修改原因', max: '修改原因不超过 200 字' }),
  })
  .strict();
export type SetConfigInput = z.infer<typeof SetConfigInput>;

/** `admin.route`: which department would a report like this go to, under the current rules. */
export const RouteTestInput = z
  .object({
    categoryId: z.string().min(1).max(40),
    areaId: z.string().min(1).max(40),
    description: z.string().max(500).default(''),
  })
  .strict();
export type RouteTestInput = z.infer<typeof RouteTestInput>;

export interface RouteTestResult {
  departmentId: string;
  departmentName: string;
  coDepartments: { id: string; name: string }[];
  /** The rule that matched; null = no rule matched, 安委办 triages. */
  ruleId: string | null;
  ruleName: string | null;
  /** The same sentence a report's routing keeps (core/routing.ts). */
  reason: string;
  /** The routing version the answer was computed under. */
  routingVersion: number;
}

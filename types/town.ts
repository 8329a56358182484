import { z } from 'zod';
import { cleanText } from './text';

/** The town's data files in config/town are validated with these at load time. */
export const AreaKind = z.enum(['community', 'village']);
export type AreaKind = z.infer<typeof AreaKind>;

/**
 * Bounds on what 安委办 may save through 系统配置 (admin.setConfig; the shipped files pass them too): a town needs a
 * few dozen of each, and a value past them would stall every report (a 10⁹-working-day deadline is walked day by
 * day) or bloat the town every function loads.
 */
export const TOWN_CONFIG_BOUNDS = {
  text: 40,
  longText: 200,
  listItems: 200,
  keywords: 50,
  rules: 500,
  workingDays: 60,
  calendarDays: 365,
  overdueWorkingDays: 250,
  radiusMeters: 5000,
} as const;

/** Text people see as typed: no invisible or control characters, no spaces at the ends (cleanText leaves it as is). */
const townText = (max: number = TOWN_CONFIG_BOUNDS.text) =>
  z
    .string()
    .min(1)
    .max(max, `不超过 ${max} 个字`)
    .refine((s) => cleanText(s) === s, '不能含不可见字符或首尾空格');
const townId = z.string().min(1).max(TOWN_CONFIG_BOUNDS.text);
const townIds = z.array(townId).max(TOWN_CONFIG_BOUNDS.listItems, `不超过 ${TOWN_CONFIG_BOUNDS.listItems} 项`);
const days = (max: number) => z.number().int().min(1).max(max, `不超过 ${max} 天`);

export const Area = z.object({
  id: townId,
  name: townText(),
  kind: AreaKind,
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
export type Area = z.infer<typeof Area>;

export const Category = z.object({
  id: townId,
  name: townText(),
  group: townText(),
  emergency: z.boolean(),
});
export type Category = z.infer<typeof Category>;

export const Department = z.object({
  code: z.string().regex(/^[A-Z]{2,6}$/),
  name: townText(),
  fullName: townText(TOWN_CONFIG_BOUNDS.longText),
  safetyOffice: z.boolean().optional(),
});
export type Department = z.infer<typeof Department>;

export const RoutingRule = z.object({
  id: townId,
  name: townText(),
  categoryIds: townIds.optional(),
  areaIds: townIds.optional(),
  areaKinds: z.array(AreaKind).max(2).optional(),
  keywords: z
    .array(townText(20))
    .max(TOWN_CONFIG_BOUNDS.keywords, `关键词不超过 ${TOWN_CONFIG_BOUNDS.keywords} 个`)
    .optional(),
  departmentCode: z.string().max(6),
  coDepartmentCodes: z.array(z.string().max(6)).max(20).optional(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const RoutingTable = z.object({
  source: z.string().max(1000).optional(),
  fallback: z.object({ departmentCode: z.string().max(6), reason: townText(TOWN_CONFIG_BOUNDS.longText) }),
  rules: z.array(RoutingRule).max(TOWN_CONFIG_BOUNDS.rules, `分派规则不超过 ${TOWN_CONFIG_BOUNDS.rules} 条`),
});
export type RoutingTable = z.infer<typeof RoutingTable>;

export const SlaPolicy = z.object({
  source: z.string().max(1000).optional(),
  acceptWorkingDays: days(TOWN_CONFIG_BOUNDS.workingDays),
  verifyWorkingDays: days(TOWN_CONFIG_BOUNDS.workingDays),
  verifyMajorWorkingDays: days(TOWN_CONFIG_BOUNDS.workingDays),
  closeDays: days(TOWN_CONFIG_BOUNDS.calendarDays),
  extendDays: days(TOWN_CONFIG_BOUNDS.calendarDays),
  escalation: z
    .array(
      z.object({
        step: z.enum(['notice', 'bulletin', 'summons', 'exposure']),
        overdueWorkingDays: z
          .number()
          .int()
          .min(0)
          .max(TOWN_CONFIG_BOUNDS.overdueWorkingDays, `不超过 ${TOWN_CONFIG_BOUNDS.overdueWorkingDays} 个工作日`),
      }),
    )
    .length(4),
  duplicateRadiusMeters: z
    .number()
    .positive()
    .max(TOWN_CONFIG_BOUNDS.radiusMeters, `不超过 ${TOWN_CONFIG_BOUNDS.radiusMeters} 米`),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/** A town date, YYYY-MM-DD. */
const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

/** One year's official holiday arrangement (国务院办公厅 notice): dates off and make-up working days (调休上班). */
export const HolidayYear = z.object({
  source: z.string().optional(),
  // Every year has days off: an empty entry would only silence the missing-arrangement warning.
  off: z.array(IsoDate).min(1),
  workdays: z.array(IsoDate),
});
export type HolidayYear = z.infer<typeof HolidayYear>;

/**
 * config/town/holidays.json: arrangements by year, layered over the `chinese-days` library (a date listed here
 * wins over the library). Each date must lie in its year, and no date may be both off and a working day.
 */
export const HolidayTable = z
  .object({
    description: z.string().optional(),
    years: z.record(z.string().regex(/^\d{4}$/), HolidayYear),
  })
  .superRefine((table, ctx) => {
    for (const [year, { off, workdays }] of Object.entries(table.years)) {
      for (const date of [...off, ...workdays]) {
        if (!date.startsWith(`${year}-`)) {
          ctx.addIssue({ code: 'custom', path: ['years', year], message: `${date} 不属于 ${year} 年` });
        }
      }
      for (const date of off) {
        if (workdays.includes(date)) {
          ctx.addIssue({ code: 'custom', path: ['years', year], message: `${date} 不能既放假又上班` });
        }
      }
    }
  });
export type HolidayTable = z.infer<typeof HolidayTable>;

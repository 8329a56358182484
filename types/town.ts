import { z } from 'zod';

/** The town's data files in config/town are validated with these at load time. */
export const AreaKind = z.enum(['community', 'village']);
export type AreaKind = z.infer<typeof AreaKind>;

export const Area = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: AreaKind,
  latitude: z.number(),
  longitude: z.number(),
});
export type Area = z.infer<typeof Area>;

export const Category = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  group: z.string().min(1),
  emergency: z.boolean(),
});
export type Category = z.infer<typeof Category>;

export const Department = z.object({
  code: z.string().regex(/^[A-Z]{2,6}$/),
  name: z.string().min(1),
  fullName: z.string().min(1),
  safetyOffice: z.boolean().optional(),
});
export type Department = z.infer<typeof Department>;

export const RoutingRule = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  categoryIds: z.array(z.string()).optional(),
  areaIds: z.array(z.string()).optional(),
  areaKinds: z.array(AreaKind).optional(),
  keywords: z.array(z.string().min(1)).optional(),
  departmentCode: z.string(),
  coDepartmentCodes: z.array(z.string()).optional(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const RoutingTable = z.object({
  source: z.string().optional(),
  fallback: z.object({ departmentCode: z.string(), reason: z.string() }),
  rules: z.array(RoutingRule),
});
export type RoutingTable = z.infer<typeof RoutingTable>;

export const SlaPolicy = z.object({
  source: z.string().optional(),
  acceptWorkingDays: z.number().int().min(1),
  verifyWorkingDays: z.number().int().min(1),
  verifyMajorWorkingDays: z.number().int().min(1),
  closeDays: z.number().int().min(1),
  extendDays: z.number().int().min(1),
  escalation: z
    .array(
      z.object({
        step: z.enum(['notice', 'bulletin', 'summons', 'exposure']),
        overdueWorkingDays: z.number().int().min(0),
      }),
    )
    .length(4),
  duplicateRadiusMeters: z.number().positive(),
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

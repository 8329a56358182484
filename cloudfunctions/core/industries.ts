import { z } from 'zod';
import industriesFile from '../../config/town/industries.json';

/** One line of the town's industry list (config/town/industries.json; why each default: industries.md). */
export const Industry = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    name: z.string().min(1).max(30),
    /** The high-risk default of an enterprise of this industry (安委办 may override one enterprise). */
    highRisk: z.boolean(),
    /** For people: which 判定标准 makes it high risk. */
    basis: z.string().min(1).optional(),
    /**
     * The department (departments.json code) that keeps the ledger entries of this industry's self-inspections
     * (管行业必须管安全, as routing.json); absent: 镇安委办 triages them.
     */
    departmentId: z.string().min(1).max(16).optional(),
    /** The hazard category (categories.json id) those ledger entries carry; absent: `other`. */
    categoryId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type Industry = z.infer<typeof Industry>;

export const IndustryList = z
  .array(Industry)
  .min(1)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const [i, item] of list.entries()) {
      if (seen.has(item.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'id'], message: 'duplicate id' });
      seen.add(item.id);
    }
    if (!list.some((i) => i.id === 'other'))
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'the list needs an "other" industry' });
  });

export interface Industries {
  list: Industry[];
  get(id: string): Industry | undefined;
}

export function buildIndustries(raw: unknown): Industries {
  const list = IndustryList.parse(raw);
  const byId = new Map(list.map((i) => [i.id, i]));
  return { list, get: (id) => byId.get(id) };
}

let cached: Industries | undefined;
/** The list as shipped in config/town (bundled into each function), validated once. */
export function townIndustries(): Industries {
  cached ??= buildIndustries(industriesFile);
  return cached;
}

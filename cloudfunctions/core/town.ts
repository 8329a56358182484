import { z } from 'zod';
import { Area, Category, Department, HolidayTable, RoutingTable, SlaPolicy } from '../../types';
import areasFile from '../../config/town/areas.json';
import categoriesFile from '../../config/town/categories.json';
import departmentsFile from '../../config/town/departments.json';
import holidaysFile from '../../config/town/holidays.json';
import routingFile from '../../config/town/routing.json';
import slaFile from '../../config/town/sla.json';
import blockedWordsFile from '../../config/town/blocked-words.json';
import { TOWN_CONFIG_KEYS, type TownConfigKey } from '../../types/town-config';
import { holidaysFrom, type Holidays } from './holidays';

/** The town's reference data (config/town/*.json), validated once and indexed for lookups. */
export interface Town {
  areas: Area[];
  categories: Category[];
  departments: Department[];
  routing: RoutingTable;
  sla: SlaPolicy;
  /** The town's holiday data over the library's (holidays.ts). */
  holidays: Holidays;
  area(id: string): Area | undefined;
  category(id: string): Category | undefined;
  department(code: string): Department | undefined;
  safetyOffice: Department;
  /** The town's own blocked words (config key `blockedWords`), checked on every submitted text. */
  blockedWords: string[];
  /** The config version of each key this town was built from (1 = the files; core/town-store.ts). */
  versions: Record<TownConfigKey, number>;
}

/** Every key at version 1: the town as shipped. */
export const SEED_VERSIONS: Record<TownConfigKey, number> = Object.fromEntries(
  TOWN_CONFIG_KEYS.map((k) => [k, 1]),
) as Record<TownConfigKey, number>;

export function buildTown(raw: {
  areas: unknown;
  categories: unknown;
  departments: unknown;
  routing: unknown;
  sla: unknown;
  /** Absent: the library's arrangements alone. */
  holidays?: unknown;
  /** Absent: none. */
  blockedWords?: string[];
  /** Absent: every key at version 1. */
  versions?: Record<TownConfigKey, number>;
}): Town {
  const areas = z.array(Area).parse(raw.areas);
  const categories = z.array(Category).parse(raw.categories);
  const departments = z.array(Department).parse(raw.departments);
  const routing = RoutingTable.parse(raw.routing);
  const sla = SlaPolicy.parse(raw.sla);
  const holidays = holidaysFrom(HolidayTable.parse(raw.holidays ?? { years: {} }));

  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
  const areaMap = byId(areas);
  const categoryMap = byId(categories);
  const departmentMap = new Map(departments.map((d) => [d.code, d]));

  const safetyOffice = departments.find((d) => d.safetyOffice);
  if (!safetyOffice) throw new Error('town data: no department is marked safetyOffice');
  // Fail at load, not at the first unlucky report, if the rules name unknown things.
  for (const rule of routing.rules) {
    for (const code of [rule.departmentCode, ...(rule.coDepartmentCodes ?? [])]) {
      if (!departmentMap.has(code)) throw new Error(`routing rule ${rule.id}: unknown department ${code}`);
    }
    for (const id of rule.categoryIds ?? []) {
      if (!categoryMap.has(id)) throw new Error(`routing rule ${rule.id}: unknown category ${id}`);
    }
    for (const id of rule.areaIds ?? []) {
      if (!areaMap.has(id)) throw new Error(`routing rule ${rule.id}: unknown area ${id}`);
    }
  }
  if (!departmentMap.has(routing.fallback.departmentCode)) throw new Error('routing fallback: unknown department');

  return {
    areas,
    categories,
    departments,
    routing,
    sla,
    holidays,
    blockedWords: raw.blockedWords ?? [],
    versions: raw.versions ?? SEED_VERSIONS,
    area: (id) => areaMap.get(id),
    category: (id) => categoryMap.get(id),
    department: (code) => departmentMap.get(code),
    safetyOffice,
  };
}

let cached: Town | undefined;
/** The town as shipped in config/town (bundled into each function). */
export function defaultTown(): Town {
  cached ??= buildTown({
    areas: areasFile.areas,
    categories: categoriesFile,
    departments: departmentsFile,
    routing: routingFile,
    sla: slaFile,
    holidays: holidaysFile,
    blockedWords: blockedWordsFile.words,
  });
  return cached;
}

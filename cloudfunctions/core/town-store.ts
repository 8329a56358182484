// The town's data as 安委办 keeps it (issue 11): departments, areas, categories, routing rules, SLA and blocked
// words, each a versioned config entry (town-config.ts) seeded from config/town/. `loadTown` builds the Town from
// the current versions in ONE query and keeps it per database object for a short while: a CloudBase instance is
// reused for many calls, so most calls read nothing; `admin.setConfig` drops the copy at once in its own instance,
// and another warm instance sees a change within TOWN_CACHE_MS. Decisions already taken are frozen on the record
// (a report keeps its department, routing reason, deadlines and `townVersions`), so a new version never rewrites
// the past. Later steps of a report use the SLA version it was filed under (slaForReport, queue.act); the sweep's
// escalation ladder (sla.escalation) is the town's supervision policy when it runs, so it uses the current version,
// applied to the deadline (dueAt) each report already holds.
import { z } from 'zod';
import { Area, Category, Department, RoutingTable, SlaPolicy, TOWN_CONFIG_BOUNDS } from '../../types';
import { BlockedWords, TOWN_CONFIG_KEYS, type TownConfigKey } from '../../types/town-config';
import { isMissingDoc } from './counters';
import type { Database, Transaction } from './db';
import { CONFIG, versionId, type ConfigDoc, type ConfigEntry } from './town-config';
import { buildTown, defaultTown, type Town } from './town';

/** How long a loaded town is reused by one function instance (another instance's change shows after this). */
export const TOWN_CACHE_MS = 30_000;

export interface TownConfigData {
  departments: Department[];
  areas: Area[];
  categories: Category[];
  routing: RoutingTable;
  sla: SlaPolicy;
  blockedWords: BlockedWords;
}

const seedTown = defaultTown();

function entry<K extends TownConfigKey>(
  key: K,
  schema: z.ZodType<TownConfigData[K], z.ZodTypeDef, unknown>,
  seed: TownConfigData[K],
): ConfigEntry<TownConfigData[K]> {
  return { key, schema, seed };
}

/** One versioned entry per key; version 1 is the file as shipped. */
export const TOWN_ENTRIES: { [K in TownConfigKey]: ConfigEntry<TownConfigData[K]> } = {
  departments: entry('departments', z.array(Department).max(100, '部门不超过 100 个'), seedTown.departments),
  areas: entry(
    'areas',
    z.array(Area).max(TOWN_CONFIG_BOUNDS.listItems, `居民区和村不超过 ${TOWN_CONFIG_BOUNDS.listItems} 个`),
    seedTown.areas,
  ),
  categories: entry(
    'categories',
    z.array(Category).max(TOWN_CONFIG_BOUNDS.listItems, `隐患类别不超过 ${TOWN_CONFIG_BOUNDS.listItems} 个`),
    seedTown.categories,
  ),
  routing: entry('routing', RoutingTable, seedTown.routing),
  sla: entry('sla', SlaPolicy, seedTown.sla),
  blockedWords: entry('blockedWords', BlockedWords, { words: seedTown.blockedWords }),
};

/** The data of every key as `town` holds it (what buildTown needs, and the seed of a town without stored config). */
export function townData(town: Town): TownConfigData {
  return {
    departments: town.departments,
    areas: town.areas,
    categories: town.categories,
    routing: town.routing,
    sla: town.sla,
    blockedWords: { words: town.blockedWords },
  };
}

/**
 * Builds a town from a whole set of data (validated: schemas, and every rule naming known departments, categories
 * and areas). The holidays are not config: they come from `base`.
 */
export function townFrom(data: TownConfigData, versions: Record<TownConfigKey, number>, base: Town): Town {
  const built = buildTown({
    departments: data.departments,
    areas: data.areas,
    categories: data.categories,
    routing: data.routing,
    sla: data.sla,
    blockedWords: BlockedWords.parse(data.blockedWords).words,
    versions,
  });
  return { ...built, holidays: base.holidays };
}

/** The current config documents of the town's keys, by key: one query. */
export async function readTownDocs(db: Database): Promise<Map<TownConfigKey, ConfigDoc<unknown>>> {
  const { data } = await db
    .collection<ConfigDoc<unknown> & { _id: string }>(CONFIG)
    .where({ _id: db.command.in([...TOWN_CONFIG_KEYS]) })
    .limit(TOWN_CONFIG_KEYS.length)
    .get();
  return new Map(data.map((d) => [d.key as TownConfigKey, d]));
}

async function readTown(db: Database, fallback: Town): Promise<Town> {
  const docs = await readTownDocs(db);
  // Nothing stored yet (a fresh CloudBase environment, a test database): the shipped town, version 1 everywhere.
  if (docs.size === 0) return fallback;
  const seed = townData(fallback);
  const data = {} as Record<TownConfigKey, unknown>;
  const versions = {} as Record<TownConfigKey, number>;
  for (const key of TOWN_CONFIG_KEYS) {
    const doc = docs.get(key);
    data[key] = doc ? TOWN_ENTRIES[key].schema.parse(doc.data) : seed[key];
    versions[key] = doc?.version ?? 1;
  }
  return townFrom(data as unknown as TownConfigData, versions, fallback);
}

const cache = new WeakMap<Database, { at: number; fallback: Town; town: Town }>();

/**
 * The town under its current config versions (`fallback`: the shipped town, for keys nobody stored). Reused for
 * TOWN_CACHE_MS by the same database object (one function instance); stored data that fails validation is an error.
 */
export async function loadTown(db: Database, fallback: Town = seedTown): Promise<Town> {
  const hit = cache.get(db);
  if (hit && hit.fallback === fallback && Date.now() - hit.at < TOWN_CACHE_MS) return hit.town;
  const town = await readTown(db, fallback);
  cache.set(db, { at: Date.now(), fallback, town });
  return town;
}

/** Forgets the loaded town of `db` (after a change in this instance: the next call reads it afresh). */
export function dropTownCache(db: Database): void {
  cache.delete(db);
}

/**
 * The SLA a report was filed under (`townVersions.sla`; reports from before versioning: version 1). The current
 * town's when it is that version, so the usual case reads nothing.
 */
export async function slaForReport(
  tx: Transaction,
  town: Town,
  doc: { townVersions?: { sla?: number } },
): Promise<SlaPolicy> {
  const version = doc.townVersions?.sla ?? 1;
  if (version === town.versions.sla) return town.sla;
  // Inside the step's transaction: a single-document read of the immutable `sla@<version>`.
  try {
    const { data } = await tx.collection<ConfigDoc<unknown>>(CONFIG).doc(versionId('sla', version)).get();
    if (data) return SlaPolicy.parse((data as ConfigDoc<unknown>).data);
  } catch (e) {
    if (!isMissingDoc(e)) throw e;
  }
  // Version 1 never stored (a fresh environment): the shipped file.
  return version === 1 ? TOWN_ENTRIES.sla.seed : town.sla;
}

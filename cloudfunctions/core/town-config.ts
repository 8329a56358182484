// Town data the office may change, versioned (DESIGN.md §2): seeded from config/town/, kept in the `config`
// collection as `{key, version, data, by, at}`. The document `<key>` is the current version; every version,
// the first included, is also kept as `<key>@<version>`, so a record judged under a version can always be
// read back and a change never rewrites the past.
import type { z } from 'zod';
import type { Database, Transaction } from './db';
import { isMissingDoc } from './counters';

export const CONFIG = 'config';

export interface ConfigDoc<T> {
  key: string;
  version: number;
  data: T;
  /** openid of who set it, or `seed` for the file's version. */
  by: string;
  at: string;
  note?: string;
}

export interface ConfigEntry<T> {
  key: string;
  /** The file's data: version 1, current until someone sets another. */
  seed: T;
  schema: z.ZodType<T, z.ZodTypeDef, unknown>;
}

export const versionId = (key: string, version: number) => `${key}@${version}`;

const seedDoc = <T>(entry: ConfigEntry<T>, at: string): ConfigDoc<T> => ({
  key: entry.key,
  version: 1,
  data: entry.seed,
  by: 'seed',
  at,
});

async function txTryGet<T>(tx: Transaction, id: string): Promise<ConfigDoc<T> | null> {
  try {
    const { data } = await tx.collection<ConfigDoc<T>>(CONFIG).doc(id).get();
    return (data as ConfigDoc<T>) ?? null;
  } catch (e) {
    if (isMissingDoc(e)) return null;
    throw e;
  }
}

/** Outside a transaction: a query by _id (never throws for a missing one). */
async function dbTryGet<T>(db: Database, id: string): Promise<ConfigDoc<T> | null> {
  const { data } = await db.collection<ConfigDoc<T>>(CONFIG).where({ _id: id }).limit(1).get();
  return data[0] ?? null;
}

function current<T>(entry: ConfigEntry<T>, doc: ConfigDoc<T> | null, at: string): ConfigDoc<T> {
  if (!doc) return seedDoc(entry, at);
  return {
    key: doc.key,
    version: doc.version,
    data: entry.schema.parse(doc.data),
    by: doc.by,
    at: doc.at,
    ...(doc.note ? { note: doc.note } : {}),
  };
}

/**
 * The current version (in or out of a transaction). Before anyone set one, the seed, as version 1; stored data
 * that no longer passes the schema is an error (never silently replaced by the file).
 */
export async function readConfig<T>(db: Database, entry: ConfigEntry<T>): Promise<ConfigDoc<T>> {
  return current(entry, await dbTryGet<T>(db, entry.key), '');
}

/** The same, read inside a transaction (a decision judged under the version it reads). */
export async function readConfigTx<T>(tx: Transaction, entry: ConfigEntry<T>): Promise<ConfigDoc<T>> {
  return current(entry, await txTryGet<T>(tx, entry.key), '');
}

/** A version by number (the seed for 1 when nobody stored it), or null. */
export async function readConfigVersion<T>(
  db: Database,
  entry: ConfigEntry<T>,
  version: number,
): Promise<ConfigDoc<T> | null> {
  const doc = await dbTryGet<T>(db, versionId(entry.key, version));
  if (doc) return doc;
  return version === 1 ? seedDoc(entry, '') : null;
}

/** Writes the seed as version 1 unless a version exists (the local seed; idempotent). */
export async function seedConfig<T>(db: Database, entry: ConfigEntry<T>, at: string): Promise<void> {
  if (await dbTryGet<T>(db, entry.key)) return;
  const doc = seedDoc(entry, at);
  await db
    .collection(CONFIG)
    .doc(versionId(entry.key, 1))
    .set({ data: { ...doc } });
  await db
    .collection(CONFIG)
    .doc(entry.key)
    .set({ data: { ...doc } });
}

/**
 * Inside the caller's transaction: the next version (validated), kept as history and made current. Only
 * single-document reads and writes (CloudBase transactions). Returns the new version.
 */
export async function setConfig<T>(
  tx: Transaction,
  entry: ConfigEntry<T>,
  data: T,
  by: string,
  at: string,
  note?: string,
): Promise<{ previous: ConfigDoc<T>; current: ConfigDoc<T> }> {
  const parsed = entry.schema.parse(data);
  const stored = await txTryGet<T>(tx, entry.key);
  const previous = stored ?? seedDoc(entry, at);
  // The seed was never written (CloudBase without the local seed): keep it as version 1 first.
  if (!stored)
    await tx
      .collection(CONFIG)
      .doc(versionId(entry.key, 1))
      .set({ data: { ...previous } });
  const current: ConfigDoc<T> = {
    key: entry.key,
    version: previous.version + 1,
    data: parsed,
    by,
    at,
    ...(note ? { note } : {}),
  };
  await tx
    .collection(CONFIG)
    .doc(versionId(entry.key, current.version))
    .set({ data: { ...current } });
  await tx
    .collection(CONFIG)
    .doc(entry.key)
    .set({ data: { ...current } });
  return { previous, current };
}

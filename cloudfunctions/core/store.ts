// Small helpers over the CloudBase database API that several actions share.
import type { Database, Query, Transaction } from './db';
import { isMissingDoc } from './counters';
import { notFound } from './errors';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * CloudBase `update` merges nested objects field by field; wrapping them in `_.set` replaces them whole,
 * which is what a state change means (e.g. a transfer's new `deadlines` drops the old ones).
 */
export function replacing(db: Pick<Database, 'command'>, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    out[k] = isPlainObject(v) ? db.command.set(v) : v;
  }
  return out;
}

/** Reads one document in a transaction; a missing one is a NOT_FOUND for the caller. */
export async function txGet<T>(
  tx: Transaction,
  collection: string,
  id: string,
  what = '记录',
): Promise<T & { _id: string }> {
  try {
    const { data } = await tx.collection<T>(collection).doc(id).get();
    return { ...(data as T), _id: id };
  } catch (e) {
    if (isMissingDoc(e)) throw notFound(`${what}不存在`);
    throw e;
  }
}

/** Reads one document in a transaction, or null when there is none (one read, unlike txExists + txGet). */
export async function txFind<T>(
  tx: Transaction,
  collection: string,
  id: string,
): Promise<(T & { _id: string }) | null> {
  try {
    const { data } = await tx.collection<T>(collection).doc(id).get();
    return { ...(data as T), _id: id };
  } catch (e) {
    if (isMissingDoc(e)) return null;
    throw e;
  }
}

/** Whether a document exists, inside a transaction (where queries are not allowed). */
export async function txExists(tx: Transaction, collection: string, id: string): Promise<boolean> {
  try {
    await tx.collection(collection).doc(id).get();
    return true;
  } catch (e) {
    if (isMissingDoc(e)) return false;
    throw e;
  }
}

/** Reads one document outside a transaction, or null. `where` never throws for a missing id. */
export async function findById<T>(db: Database, collection: string, id: string): Promise<(T & { _id: string }) | null> {
  const { data } = await db.collection<T & { _id: string }>(collection).where({ _id: id }).limit(1).get();
  return data[0] ?? null;
}

export type SortOrder = [field: string, direction: 'asc' | 'desc'][];

/**
 * The order with `_id` as its last key. MongoDB returns documents that tie on every sort key in no
 * fixed order, and not the same one from one query to the next, so `skip` paging over ties (every
 * `dueAt` of a day is 23:59:59) repeats some rows and drops others. The unique `_id` breaks every tie.
 */
export function stableOrder(order: SortOrder): SortOrder {
  if (order.some(([field]) => field === '_id')) return order;
  const last = order[order.length - 1];
  return [...order, ['_id', last ? last[1] : 'asc']];
}

/** One page of a query and the total it pages over: what every list action returns. */
export async function fetchPage<T>(
  query: Query<T>,
  { page, pageSize }: { page: number; pageSize: number },
  order: SortOrder,
): Promise<{ data: T[]; total: number }> {
  let ordered = query;
  for (const [field, direction] of stableOrder(order)) ordered = ordered.orderBy(field, direction);
  const [{ data }, { total }] = await Promise.all([
    ordered
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .get(),
    query.count(),
  ]);
  return { data, total };
}

/** CloudBase returns at most 100 documents per get() in a cloud function. */
export const MAX_GET = 100;

/**
 * Every document a query matches, up to `max`, read 100 at a time in `_id` order (stable across pages).
 * For bounded sets only — a topic's questions, an enterprise's workers, one quiz's attempts.
 */
export async function fetchAll<T>(query: Query<T>, max = 1000): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; skip < max; skip += MAX_GET) {
    const { data } = await query
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(Math.min(MAX_GET, max - skip))
      .get();
    out.push(...data);
    if (data.length < MAX_GET) break;
  }
  return out;
}

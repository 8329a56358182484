// When is a query "covered" by a declared index? The rule the index-coverage test applies to every query
// the code makes (collected with the local engine's onQuery hook). It follows how MongoDB (CloudBase's
// database) serves a query without scanning the collection and without sorting in memory:
//
//  1. A query with neither filter nor sort (a plain count) needs no index.
//  2. A filter on `_id` is served by the primary key.
//  3. A filter on a declared 2dsphere field (geoNear) is served by the geo index.
//  4. Otherwise some declared index I must
//     a. bound the scan: I's leading fields are filter fields (at least the first one), unless the query has
//        no filter at all; and
//     b. give the order: the sort fields, after that leading part, are I's next fields in the same order
//        (sorting on a field the leading part already fixes costs nothing, so such sort fields are dropped).
//     Filter fields outside I's leading part are checked on the documents I returns, which is fine: the scan
//     is already bounded by the index.
//  A trailing `_id` tie-break in the sort is a sort field like any other: the index must end with it.
//
// The hook reports field paths only, not operators, so an equality and a range filter look alike; the rule
// treats every filter field as able to lead the index, which is right for the equality prefixes the code uses.

export interface ObservedQuery {
  collection: string;
  op: string;
  where: string[];
  orderBy: string[];
}

export type Coverage =
  | { covered: true; by: 'none-needed' | '_id' | 'geo' | string[] }
  | { covered: false; reason: string };

export function coverage(q: ObservedQuery, indexes: string[][], geo: string[]): Coverage {
  const where = new Set(q.where);
  if (where.size === 0 && q.orderBy.length === 0) return { covered: true, by: 'none-needed' };
  if (where.has('_id')) return { covered: true, by: '_id' };
  if (q.where.some((f) => geo.includes(f))) return { covered: true, by: 'geo' };
  for (const index of indexes) {
    let lead = 0;
    while (lead < index.length && where.has(index[lead])) lead++;
    if (lead === 0 && where.size > 0) continue;
    const fixed = new Set(index.slice(0, lead));
    const sort = q.orderBy.filter((f) => !fixed.has(f));
    if (sort.every((f, i) => index[lead + i] === f)) return { covered: true, by: index };
  }
  return {
    covered: false,
    reason:
      `no index of ${q.collection} leads with a filter field of [${q.where.join(', ')}]` +
      (q.orderBy.length ? ` and then gives the order [${q.orderBy.join(', ')}]` : ''),
  };
}

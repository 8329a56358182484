/**
 * Reading a dotted path the way MongoDB does: through objects, into arrays by numeric segment,
 * and across arrays of objects (collecting each element's value).
 */
export function resolvePath(value: unknown, path: string): unknown {
  let cur: unknown = value;
  const segs = path.split('.');
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if (Array.isArray(cur)) {
      if (/^\d+$/.test(seg)) {
        cur = cur[Number(seg)];
        continue;
      }
      const rest = segs.slice(i).join('.');
      const out = cur.map((el) => resolvePath(el, rest)).filter((v) => v !== undefined);
      return out.flatMap((v) => (Array.isArray(v) ? v : [v]));
    }
    if (typeof cur !== 'object' || cur === null || cur instanceof Date) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

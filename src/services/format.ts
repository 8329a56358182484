/** `2026-11-28T10:00:00+08:00` → `2026-11-28 10:00` (times already travel in town time). */
export function formatTime(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}

/** `2026-11-28T23:59:59+08:00` or `2026-11-28` → `2026-11-28`. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '';
}

/** Today in town time (UTC+8), YYYY-MM-DD. */
export function townToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Integer fen (分) as people read money (shared with the functions' messages). */
export { formatYuan } from '../../types/money';

/**
 * Fen as the text of a 元 input: 450000 → `4500.00`, 1 → `0.01` (two decimals, no grouping, so it parses back).
 */
export function fenToYuanText(fen: number): string {
  const abs = Math.abs(Math.round(fen));
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * What a person typed in a 元 field, as integer fen: `4500` / `4500.5` / `4,500.00` / `¥4500` → 450000 /
 * 450050 / 450000; null for anything else (empty, negative, letters, more than two decimals). Parsed as text,
 * never through floating point, so 0.29 is 29 fen exactly.
 */
export function yuanTextToFen(text: string): number | null {
  const clean = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
    .replace(/,/g, '')
    .trim();
  const m = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(clean);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

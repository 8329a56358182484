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

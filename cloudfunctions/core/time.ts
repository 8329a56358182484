import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** The town keeps Beijing time; every stored and returned time carries +08:00. */
export const TOWN_UTC_OFFSET_MINUTES = 480;

/** A clock is injected so tests and the scheduler can move time. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export function toTownTime(date: Date) {
  return dayjs(date).utcOffset(TOWN_UTC_OFFSET_MINUTES);
}

/** ISO 8601 with +08:00, e.g. 2026-11-28T10:00:00+08:00 (sorts as text within one offset). */
export function isoTown(date: Date): string {
  return toTownTime(date).format('YYYY-MM-DDTHH:mm:ssZ');
}

export function townYear(date: Date): number {
  return toTownTime(date).year();
}

/** Hours from `from` to `to` (ISO strings), rounded to 0.1: a report's 用时 to each milestone (stats.ts). */
export function hoursBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 360_000) / 10;
}

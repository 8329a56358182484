// Quiz windows and attempt deadlines (issue 9), all in town time (Beijing). A quiz is open from 00:00 of its
// first day to the end of its last day; an attempt's deadline is its time limit, cut short by the quiz's close,
// and a submission is accepted for a short grace after it (a slow network, a tap at the last second).
import dayjs from 'dayjs';
import { TOWN_UTC_OFFSET_MINUTES } from '../time';

/** Seconds accepted after an attempt's deadline. */
export const SUBMIT_GRACE_SECONDS = 60;

/** 00:00 town time of a YYYY-MM-DD day, as epoch ms. */
export function townDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) - TOWN_UTC_OFFSET_MINUTES * 60_000;
}

export type WindowState = 'upcoming' | 'open' | 'closed';

/** `closesOn` is the last day the quiz can be started: it closes at 24:00 of that day. */
export function quizWindowState(nowMs: number, opensOn: string, closesOn: string): WindowState {
  if (nowMs < townDayStart(opensOn)) return 'upcoming';
  if (nowMs >= townDayStart(closesOn) + 86_400_000) return 'closed';
  return 'open';
}

/** Start + time limit, but never past the quiz's close. */
export function attemptDeadline(startedAtMs: number, timeLimitMinutes: number, closesOn: string): number {
  return Math.min(startedAtMs + timeLimitMinutes * 60_000, townDayStart(closesOn) + 86_400_000);
}

/** true up to and including deadline + grace. */
export function acceptsSubmission(nowMs: number, deadlineMs: number, graceSeconds = SUBMIT_GRACE_SECONDS): boolean {
  return nowMs <= deadlineMs + graceSeconds * 1000;
}

/** The town's calendar day (YYYY-MM-DD) of an instant. */
export const townDay = (ms: number) => dayjs(ms).utcOffset(TOWN_UTC_OFFSET_MINUTES).format('YYYY-MM-DD');

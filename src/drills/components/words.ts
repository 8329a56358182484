// Plain words for drills: times, the evacuation time, the check-in circle; shared by the drills pages.
import type { Role } from '../../../types';
import type { DrillStatus, DrillSummary } from '../../../types/drill';
import type { BadgeTone } from '../../components/ui/Badge';
import { formatTime } from '../../services/format';

/** Who plans and runs drills: an enterprise's safety manager, 安委办 (admin). */
export const PLAN_ROLES: readonly Role[] = ['safetyManager', 'admin'];
/** Who sees the drills they organise (leaders read town drills). */
export const MANAGE_ROLES: readonly Role[] = ['safetyManager', 'admin', 'leader'];
/** Everyone signed in: the detail page is opened by participants too. */
export const ALL_ROLES: readonly Role[] = ['resident', 'worker', 'safetyManager', 'staff', 'head', 'admin', 'leader'];

export const STATUS_TONES: Record<DrillStatus, BadgeTone> = {
  planned: 'info',
  started: 'danger',
  allClear: 'warning',
  closed: 'success',
  cancelled: 'neutral',
};

/** 205 → "3 分 25 秒"; 45 → "45 秒"; 3725 → "1 小时 2 分 5 秒". */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} 小时 ${m} 分 ${sec} 秒`;
  if (m > 0) return `${m} 分 ${sec} 秒`;
  return `${sec} 秒`;
}

/** "2026-12-05 09:30 至 10:30" (one day), or both ends in full. */
export function windowText(d: Pick<DrillSummary, 'startAt' | 'endAt'>): string {
  const a = formatTime(d.startAt);
  const b = formatTime(d.endAt);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} 至 ${b.slice(11)}` : `${a} 至 ${b}`;
}

/** The town-time ISO of a date and an HH:mm. */
export const townIso = (ymd: string, hhmm: string) => `${ymd}T${hhmm}:00+08:00`;

/**
 * "已签到 37 / 应到 42" (an open drill: 预计). When people from outside the enterprise also checked in
 * (`expectedPresent` given and smaller), the enterprise's own count comes first so 2 / 2 never hides a missing
 * worker: "本企业已到 1 / 应到 2，另有 1 人签到".
 */
export function headcountText(checkedIn: number, expected: number, open = false, expectedPresent?: number): string {
  if (!open && expectedPresent !== undefined && expectedPresent < checkedIn)
    return `本企业已到 ${expectedPresent} / 应到 ${expected}，另有 ${checkedIn - expectedPresent} 人签到`;
  return `已签到 ${checkedIn} / ${open ? '预计' : '应到'} ${expected}`;
}

export const detailUrl = (id: string) => `/drills/pages/detail/index?id=${encodeURIComponent(id)}`;
export const runUrl = (id: string) => `/drills/pages/run/index?id=${encodeURIComponent(id)}`;
export const closeUrl = (id: string) => `/drills/pages/close/index?id=${encodeURIComponent(id)}`;
export const PLAN_URL = '/drills/pages/plan/index';
export const CHECKIN_URL = '/drills/pages/checkin/index';

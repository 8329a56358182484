// Where and when a drill check-in counts (issue 10): inside the circle around the assembly point, the phone's
// GPS accuracy taken into account within limits, and inside the drill's window.
import { CHECKIN_EARLY_MINUTES } from '../../../types/drill';
import { distanceMeters } from '../geo';

/** A fix less precise than this proves nothing about where the person stands: try again in the open. */
export const MAX_ACCURACY_M = 200;
/**
 * The circle is widened by the reported accuracy, at most this much: a phone indoors reports ±30–60 m while
 * standing at the spot, but a large accuracy must not let someone across the road check in.
 */
export const ACCURACY_SLACK_CAP_M = 50;

export type GeofenceCheck =
  | { ok: true; distanceM: number }
  | { ok: false; reason: 'inaccurate' | 'outside'; distanceM: number; allowedM: number };

/** Inside when distance ≤ radius + min(accuracy, ACCURACY_SLACK_CAP_M); refused when accuracy > MAX_ACCURACY_M. */
export function checkGeofence(
  center: { latitude: number; longitude: number },
  radiusM: number,
  fix: { latitude: number; longitude: number; accuracy?: number },
): GeofenceCheck {
  const distanceM = Math.round(distanceMeters(center, fix));
  const accuracy = fix.accuracy ?? 0;
  const allowedM = radiusM + Math.min(accuracy, ACCURACY_SLACK_CAP_M);
  if (accuracy > MAX_ACCURACY_M) return { ok: false, reason: 'inaccurate', distanceM, allowedM };
  if (distanceM > allowedM) return { ok: false, reason: 'outside', distanceM, allowedM };
  return { ok: true, distanceM };
}

/** 约 80 米 / 约 5.0 公里, for the refusal. */
export function distanceText(m: number): string {
  return m < 1000 ? `约 ${Math.round(m)} 米` : `约 ${(m / 1000).toFixed(1)} 公里`;
}

export function geofenceRefusal(check: Extract<GeofenceCheck, { ok: false }>, accuracy?: number): string {
  if (check.reason === 'inaccurate')
    return `定位不够准确（误差约 ${Math.round(accuracy ?? 0)} 米），请到室外开阔处重新定位后签到`;
  // Whole metres: a fractional accuracy widens the circle by a fraction, and a refused distance (whole metres)
  // is always above the floor of the allowed one, so the two numbers never contradict each other.
  return `您距离集合点${distanceText(check.distanceM)}，须在 ${Math.floor(check.allowedM)} 米内签到`;
}

export type WindowCheck = { ok: true } | { ok: false; reason: 'early' | 'late'; opensAt: Date; closesAt: Date };

/** Check-in is open from CHECKIN_EARLY_MINUTES before the planned start to the planned end, both inclusive. */
export function checkWindow(startAt: string, endAt: string, now: Date): WindowCheck {
  const opensAt = new Date(Date.parse(startAt) - CHECKIN_EARLY_MINUTES * 60_000);
  const closesAt = new Date(Date.parse(endAt));
  // Written as "not inside" so that an unreadable date (NaN) closes the window instead of opening it.
  if (!(now.getTime() >= opensAt.getTime())) return { ok: false, reason: 'early', opensAt, closesAt };
  if (!(now.getTime() <= closesAt.getTime())) return { ok: false, reason: 'late', opensAt, closesAt };
  return { ok: true };
}

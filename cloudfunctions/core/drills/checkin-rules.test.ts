// Where and when a drill check-in counts (issue 10), at its boundaries: the haversine distance against known
// distances, the radius edge in whole metres, the GPS accuracy slack and its cap, the accuracy limit, 5 km away,
// the refusal texts, and the check-in window to the millisecond.
import fc from 'fast-check';
import { CHECKIN_EARLY_MINUTES } from '../../../types/drill';
import { distanceMeters } from '../geo';
import {
  ACCURACY_SLACK_CAP_M,
  checkGeofence,
  checkWindow,
  distanceText,
  geofenceRefusal,
  MAX_ACCURACY_M,
  type GeofenceCheck,
} from './checkin-rules';

/** 庙行镇 (Baoshan, Shanghai), about 31.35 N 121.43 E: the assembly point of the tests. */
const CENTER = { latitude: 31.35, longitude: 121.43 };
/** Metres per degree of latitude on the sphere geo.ts uses (R = 6,371,008.8 m). */
const M_PER_DEG = (6371008.8 * Math.PI) / 180;
/** A point `m` metres due north of the centre: haversine along a meridian is exactly R·Δφ. */
const north = (m: number, accuracy?: number) => ({
  latitude: CENTER.latitude + m / M_PER_DEG,
  longitude: CENTER.longitude,
  ...(accuracy === undefined ? {} : { accuracy }),
});
const refused = (c: GeofenceCheck) => {
  if (c.ok) throw new Error(`expected a refusal, got ${JSON.stringify(c)}`);
  return c;
};

describe('constants', () => {
  it('is the contract: ±200 m at most, slack at most 50 m, 15 minutes early', () => {
    expect(MAX_ACCURACY_M).toBe(200);
    expect(ACCURACY_SLACK_CAP_M).toBe(50);
    expect(CHECKIN_EARLY_MINUTES).toBe(15);
  });
});

describe('distanceMeters (haversine)', () => {
  it('1° of latitude ≈ 111.2 km, anywhere along a meridian', () => {
    expect(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 })).toBeCloseTo(111_195.08, 1);
    expect(distanceMeters({ latitude: 31, longitude: 121.43 }, { latitude: 32, longitude: 121.43 })).toBeCloseTo(
      111_195.08,
      1,
    );
  });

  it('1° of longitude is 111.2 km on the equator and ×cos φ at 31.35° N (≈ 94.9 km)', () => {
    expect(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 })).toBeCloseTo(111_195.08, 1);
    const d = distanceMeters({ latitude: 31.35, longitude: 121 }, { latitude: 31.35, longitude: 122 });
    // Along a parallel the great circle is a little shorter than the parallel itself (94,924 m).
    expect(d).toBeGreaterThan(94_900);
    expect(d).toBeLessThan(Math.cos((31.35 * Math.PI) / 180) * 111_195.08 + 0.01);
  });

  it('a quarter of the meridian, pole to equator: ≈ 10,007.5 km; antipodes: half the circumference', () => {
    expect(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 90, longitude: 0 }) / 1000).toBeCloseTo(
      10_007.55,
      1,
    );
    expect(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(
      Math.PI * 6371008.8,
      3,
    );
  });

  it('a few hundred metres in 庙行镇 agree with the local flat-earth formula to a centimetre', () => {
    const cos = Math.cos((CENTER.latitude * Math.PI) / 180);
    for (const [dn, de] of [
      [300, 0],
      [0, 300],
      [300, 400], // 500 m
      [-120, 50],
      [-700, -240],
    ]) {
      const p = { latitude: CENTER.latitude + dn / M_PER_DEG, longitude: CENTER.longitude + de / (M_PER_DEG * cos) };
      expect(Math.abs(distanceMeters(CENTER, p) - Math.hypot(dn, de))).toBeLessThan(0.01);
    }
  });

  it('is symmetric, zero at the same point, and the same in any direction', () => {
    expect(distanceMeters(CENTER, CENTER)).toBe(0);
    const p = { latitude: 31.352, longitude: 121.427 };
    expect(distanceMeters(CENTER, p)).toBeCloseTo(distanceMeters(p, CENTER), 9);
    expect(distanceMeters(CENTER, north(250))).toBeCloseTo(250, 6);
    expect(distanceMeters(CENTER, north(-250))).toBeCloseTo(250, 6);
  });
});

describe('checkGeofence: the radius edge (whole metres)', () => {
  it('at the centre: ok, 0 m', () => {
    expect(checkGeofence(CENTER, 100, CENTER)).toEqual({ ok: true, distanceM: 0 });
  });

  it('distance = radius → ok; radius + 1 m → refused as outside', () => {
    expect(checkGeofence(CENTER, 100, north(100))).toEqual({ ok: true, distanceM: 100 });
    expect(checkGeofence(CENTER, 100, north(101))).toEqual({
      ok: false,
      reason: 'outside',
      distanceM: 101,
      allowedM: 100,
    });
  });

  it('compares the distance rounded to whole metres: +0.49 m still ok, +0.51 m refused', () => {
    expect(checkGeofence(CENTER, 100, north(100.49))).toEqual({ ok: true, distanceM: 100 });
    expect(refused(checkGeofence(CENTER, 100, north(100.51)))).toMatchObject({ reason: 'outside', distanceM: 101 });
    expect(checkGeofence(CENTER, 100, north(37.4))).toEqual({ ok: true, distanceM: 37 });
  });

  it('the smallest and largest radii of the contract (20 m, 1000 m)', () => {
    expect(checkGeofence(CENTER, 20, north(20)).ok).toBe(true);
    expect(checkGeofence(CENTER, 20, north(21)).ok).toBe(false);
    expect(checkGeofence(CENTER, 1000, north(1000)).ok).toBe(true);
    expect(checkGeofence(CENTER, 1000, north(1001)).ok).toBe(false);
  });

  it('5 km away is refused, whatever the accuracy claims', () => {
    const far = { latitude: CENTER.latitude + 5000 / M_PER_DEG, longitude: CENTER.longitude };
    for (const accuracy of [undefined, 0, 10, 50, 200]) {
      const c = refused(checkGeofence(CENTER, 1000, { ...far, accuracy }));
      expect(c).toMatchObject({ reason: 'outside', distanceM: 5000 });
      expect(c.allowedM).toBe(1000 + Math.min(accuracy ?? 0, 50));
    }
  });

  it('property: inside exactly when the rounded distance ≤ radius + min(accuracy, 50), accuracy ≤ 200', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 1000 }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 400, noNaN: true }), { nil: undefined }),
        (radius, metres, accuracy) => {
          const c = checkGeofence(CENTER, radius, north(metres, accuracy));
          const distanceM = Math.round(distanceMeters(CENTER, north(metres)));
          const allowedM = radius + Math.min(accuracy ?? 0, 50);
          if ((accuracy ?? 0) > 200) expect(c).toEqual({ ok: false, reason: 'inaccurate', distanceM, allowedM });
          else if (distanceM > allowedM) expect(c).toEqual({ ok: false, reason: 'outside', distanceM, allowedM });
          else expect(c).toEqual({ ok: true, distanceM });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('checkGeofence: GPS accuracy', () => {
  it('missing accuracy: no slack', () => {
    expect(checkGeofence(CENTER, 100, north(100)).ok).toBe(true);
    expect(refused(checkGeofence(CENTER, 100, north(101))).allowedM).toBe(100);
  });

  it('accuracy 0: no slack', () => {
    expect(refused(checkGeofence(CENTER, 100, north(101, 0))).allowedM).toBe(100);
  });

  it('the circle grows by the accuracy: ±30 m → 130 m ok, 131 m refused', () => {
    expect(checkGeofence(CENTER, 100, north(130, 30))).toEqual({ ok: true, distanceM: 130 });
    expect(checkGeofence(CENTER, 100, north(131, 30))).toEqual({
      ok: false,
      reason: 'outside',
      distanceM: 131,
      allowedM: 130,
    });
  });

  it('a fractional accuracy widens by the fraction: ±12.5 m → 112 m ok, 113 m refused (allowed 112.5)', () => {
    expect(checkGeofence(CENTER, 100, north(112.4, 12.5)).ok).toBe(true);
    expect(refused(checkGeofence(CENTER, 100, north(112.6, 12.5)))).toMatchObject({ distanceM: 113, allowedM: 112.5 });
  });

  it('the slack is capped at 50 m: ±49, ±50, ±51, ±120, ±200 all give at most radius + 50', () => {
    expect(refused(checkGeofence(CENTER, 100, north(150, 49))).allowedM).toBe(149);
    expect(checkGeofence(CENTER, 100, north(150, 50)).ok).toBe(true);
    expect(refused(checkGeofence(CENTER, 100, north(151, 50))).allowedM).toBe(150);
    for (const accuracy of [50.1, 51, 120, 199.9, 200]) {
      expect(checkGeofence(CENTER, 100, north(150, accuracy)).ok).toBe(true);
      expect(refused(checkGeofence(CENTER, 100, north(151, accuracy)))).toEqual({
        ok: false,
        reason: 'outside',
        distanceM: 151,
        allowedM: 150,
      });
    }
  });

  it('accuracy exactly 200 m is used (capped); 200.1 m or more is refused as inaccurate, even at the centre', () => {
    expect(checkGeofence(CENTER, 100, north(0, 200))).toEqual({ ok: true, distanceM: 0 });
    for (const accuracy of [200.1, 201, 5000]) {
      expect(checkGeofence(CENTER, 100, north(0, accuracy))).toEqual({
        ok: false,
        reason: 'inaccurate',
        distanceM: 0,
        allowedM: 150,
      });
    }
  });

  it('an inaccurate fix far away is told it is inaccurate first (the fix proves nothing)', () => {
    expect(refused(checkGeofence(CENTER, 100, north(5000, 500)))).toEqual({
      ok: false,
      reason: 'inaccurate',
      distanceM: 5000,
      allowedM: 150,
    });
  });
});

describe('distanceText and geofenceRefusal', () => {
  it.each([
    [0, '约 0 米'],
    [80, '约 80 米'],
    [80.4, '约 80 米'],
    [999, '约 999 米'],
    [1000, '约 1.0 公里'],
    [1049, '约 1.0 公里'],
    [1250, '约 1.3 公里'],
    [5000, '约 5.0 公里'],
    [12_345, '约 12.3 公里'],
  ])('%d m → %s', (m, text) => {
    expect(distanceText(m)).toBe(text);
  });

  it('outside: the distance and the allowed metres', () => {
    const c = refused(checkGeofence(CENTER, 100, north(5000, 30)));
    expect(geofenceRefusal(c, 30)).toBe('您距离集合点约 5.0 公里，须在 130 米内签到');
    const near = refused(checkGeofence(CENTER, 100, north(131, 30)));
    expect(geofenceRefusal(near, 30)).toBe('您距离集合点约 131 米，须在 130 米内签到');
  });

  it('outside with a fractional slack: whole metres in the text, never "113 米 … 须在 113 米内"', () => {
    const c = refused(checkGeofence(CENTER, 100, north(112.6, 12.5)));
    expect(geofenceRefusal(c, 12.5)).toBe('您距离集合点约 113 米，须在 112 米内签到');
  });

  it('inaccurate: the accuracy, rounded, and what to do', () => {
    const c = refused(checkGeofence(CENTER, 100, north(0, 201.4)));
    expect(geofenceRefusal(c, 201.4)).toBe('定位不够准确（误差约 201 米），请到室外开阔处重新定位后签到');
    expect(geofenceRefusal(c)).toContain('误差约 0 米');
  });
});

describe('checkWindow', () => {
  const startAt = '2026-11-30T09:00:00+08:00';
  const endAt = '2026-11-30T10:30:00+08:00';
  const start = Date.parse(startAt);
  const end = Date.parse(endAt);
  const opens = start - CHECKIN_EARLY_MINUTES * 60_000;
  const closed = { opensAt: new Date(opens), closesAt: new Date(end) };

  it.each([
    ['a day early', opens - 86_400_000, 'early'],
    ['1 ms before it opens (15 min before the start)', opens - 1, 'early'],
    ['exactly 15 min before the start', opens, 'ok'],
    ['1 ms after it opens', opens + 1, 'ok'],
    ['at the start', start, 'ok'],
    ['in the middle', (start + end) / 2, 'ok'],
    ['exactly at the planned end', end, 'ok'],
    ['1 ms after the end', end + 1, 'late'],
    ['a day late', end + 86_400_000, 'late'],
  ])('%s → %s', (_, ms, state) => {
    const c = checkWindow(startAt, endAt, new Date(ms));
    expect(c).toEqual(state === 'ok' ? { ok: true } : { ok: false, reason: state, ...closed });
  });

  it('reads the times with their offsets (UTC and +08:00 are the same instant)', () => {
    expect(checkWindow('2026-11-30T01:00:00.000Z', '2026-11-30T02:30:00.000Z', new Date(opens))).toEqual({
      ok: true,
    });
    expect(checkWindow('2026-11-30T01:00:00.000Z', '2026-11-30T02:30:00.000Z', new Date(end + 1))).toMatchObject({
      reason: 'late',
    });
  });

  it('an unreadable date closes the window rather than opening it', () => {
    expect(checkWindow('not a date', endAt, new Date(start))).toMatchObject({ ok: false, reason: 'early' });
    expect(checkWindow(startAt, 'not a date', new Date(start))).toMatchObject({ ok: false, reason: 'late' });
  });

  it('property: ok exactly on [start − 15 min, end]', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3 * 3600_000, max: 6 * 3600_000 }), (offset) => {
        const now = start + offset;
        const c = checkWindow(startAt, endAt, new Date(now));
        expect(c.ok).toBe(now >= opens && now <= end);
        if (!c.ok) expect(c.reason).toBe(now < opens ? 'early' : 'late');
      }),
      { numRuns: 300 },
    );
  });
});

// The check-in page's two device steps: reading the drill's token from a scan or a paste, and the phone's position.
import Taro from '@tarojs/taro';
import { isDenied } from '../services/media';
import { wgs84ToGcj02 } from './geo';

/**
 * The drill token in a scanned or pasted text: the token itself (`mhd1.<drillId>.<issued>.<sig>`, what the
 * organiser's screen shows), or a link carrying it as `token=`. Undefined when the text holds none.
 */
export function checkinTokenIn(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let raw = text.trim();
  const param = /[?&#]token=([^&#\s]*)/i.exec(raw);
  if (param) {
    try {
      raw = decodeURIComponent(param[1]);
    } catch {
      return undefined;
    }
  }
  raw = raw.replace(/\s+/g, '');
  return /^mhd1\.[A-Za-z0-9_-]{1,64}\.\d{1,12}\.[A-Za-z0-9_-]{10,64}$/.test(raw) ? raw : undefined;
}

/** The drill a token names (the server checks the signature; this only finds the drill to show). */
export function drillIdOf(token: string): string {
  return token.split('.')[1] ?? '';
}

export interface Fix {
  latitude: number;
  longitude: number;
  /** Metres, as the phone reports it. */
  accuracy?: number;
}

export type Located = { ok: true; fix: Fix } | { ok: false; reason: 'denied' | 'failed' };

function accuracyOf(res: { accuracy?: number; horizontalAccuracy?: number }): number | undefined {
  for (const v of [res.accuracy, res.horizontalAccuracy])
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  return undefined;
}

/**
 * The phone's position in GCJ-02 with its accuracy. weapp: WeChat's getLocation (gcj02, high accuracy).
 * h5: the browser's geolocation (WGS-84 — Taro h5 refuses type gcj02), converted to GCJ-02 here.
 */
export async function locate(): Promise<Located> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const res = await Taro.getLocation({ type: 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: 15000 });
      return { ok: true, fix: { ...wgs84ToGcj02(res), accuracy: accuracyOf(res) } };
    }
    const res = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 });
    return { ok: true, fix: { latitude: res.latitude, longitude: res.longitude, accuracy: accuracyOf(res) } };
  } catch (e) {
    return { ok: false, reason: isDenied(e) ? 'denied' : 'failed' };
  }
}

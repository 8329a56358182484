import { TrackInput } from '../../../types';

/** Normalises a typed tracking code (spaces, lower case) and checks it like the server does. */
export function checkTrackingCode(raw: string): { code: string; error?: string } {
  const code = raw.replace(/\s+/g, '').toUpperCase();
  if (!code) return { code, error: '请输入查询码' };
  const parsed = TrackInput.safeParse({ trackingCode: code });
  return parsed.success ? { code: parsed.data.trackingCode } : { code, error: parsed.error.issues[0].message };
}

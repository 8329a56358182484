// The drill's rotating check-in token (issue 10): `mhd1.<drillId>.<issued seconds>.<signature>`, HMAC-SHA256 with a
// key derived from the function's one secret (HKDF, its own label). It proves the scanner saw the manager's
// screen within the last TOKEN_LIFE_SECONDS; the radius, the window and once-per-person are checked apart.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { TOKEN_LIFE_SECONDS } from '../../../types/drill';

const PREFIX = 'mhd1';
/** A token stamped later than the server's clock by more than this is refused (clocks of one platform agree). */
export const FUTURE_SKEW_SECONDS = 5;

function tokenKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'miaohang-safety', 'drill-checkin-token-v1', 32));
}

function signature(drillId: string, issued: number, secret: string): string {
  return createHmac('sha256', tokenKey(secret))
    .update(`${PREFIX}.${drillId}.${issued}`)
    .digest('base64url')
    .slice(0, 22);
}

/** A token for the drill, issued at `now` (whole seconds), and when it stops being accepted. */
export function signToken(drillId: string, now: Date, secret: string): { token: string; expiresAt: Date } {
  const issued = Math.floor(now.getTime() / 1000);
  return {
    token: `${PREFIX}.${drillId}.${issued}.${signature(drillId, issued, secret)}`,
    expiresAt: new Date((issued + TOKEN_LIFE_SECONDS) * 1000),
  };
}

export type TokenCheck =
  | { ok: true; drillId: string; issuedAt: Date }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'future' };

/**
 * Checks a scanned token: shape, signature (constant time), then age. Valid from its issue second for
 * TOKEN_LIFE_SECONDS inclusive; the same token may be scanned by everyone in front of the screen meanwhile.
 */
export function verifyToken(token: string, now: Date, secret: string): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) return { ok: false, reason: 'malformed' };
  const [, drillId, issuedText, sig] = parts;
  // The second as signToken writes it (no leading zeros): one second has exactly one token text.
  if (
    !/^[A-Za-z0-9_-]{1,64}$/.test(drillId) ||
    !/^(?:0|[1-9]\d{0,11})$/.test(issuedText) ||
    !/^[A-Za-z0-9_-]{22}$/.test(sig)
  )
    return { ok: false, reason: 'malformed' };
  const issued = Number(issuedText);
  const expected = Buffer.from(signature(drillId, issued, secret));
  if (!timingSafeEqual(expected, Buffer.from(sig))) return { ok: false, reason: 'forged' };
  const nowSeconds = now.getTime() / 1000;
  if (issued - nowSeconds > FUTURE_SKEW_SECONDS) return { ok: false, reason: 'future' };
  if (nowSeconds - issued > TOKEN_LIFE_SECONDS) return { ok: false, reason: 'expired' };
  return { ok: true, drillId, issuedAt: new Date(issued * 1000) };
}

/** What a person is told for each refusal. */
export const TOKEN_REFUSALS: Record<Exclude<TokenCheck, { ok: true }>['reason'], string> = {
  malformed: '这不是演练签到二维码，请扫描组织者手机上的签到码',
  forged: '签到二维码无效，请扫描组织者手机上的签到码',
  expired: `签到二维码已过期（每 ${TOKEN_LIFE_SECONDS} 秒更新），请扫描现场最新的二维码`,
  future: '签到二维码时间异常，请重新扫描',
};

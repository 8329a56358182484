import { createHash, createHmac, randomInt } from 'node:crypto';

/** Pseudonymous, stable key for a reporter: lets "my reports" work without storing the openid on the report. */
export function reporterKey(openid: string, secret: string): string {
  return createHmac('sha256', secret).update(openid).digest('hex').slice(0, 32);
}

/**
 * Pseudonymous key for rate-limit counters: HMAC like reporterKey but with its own label, so a counter
 * document cannot be joined to a person's reports (nor carries the openid).
 */
export function rateLimitKey(openid: string, secret: string): string {
  return createHmac('sha256', secret).update(`rate-limit:${openid}`).digest('hex').slice(0, 32);
}

/** The same submission (reporter + requestId) always maps to the same document id: retries cannot file twice. */
export function tipoffIdFor(key: string, requestId: string): string {
  return 't' + createHash('sha256').update(`${key}:${requestId}`).digest('hex').slice(0, 31);
}

// No 0/O, 1/I/L: a tracking code is read aloud and typed by hand.
const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newTrackingCode(length = 10): string {
  let code = '';
  for (let i = 0; i < length; i++) code += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return code;
}

/** Readable case number, e.g. MX-2026-000001. */
export function tipoffNo(year: number, seq: number): string {
  return `MX-${year}-${String(seq).padStart(6, '0')}`;
}

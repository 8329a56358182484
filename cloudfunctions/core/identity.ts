// Reporter identity at rest (DESIGN.md §6): the openid, name and phone behind a report are sealed with
// AES-256-GCM, so a database export or a console browse shows nothing readable. The key is derived from
// the function's secret (HKDF, its own label), so deployment still needs one secret only.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export const REPORTER_IDENTITIES = 'reporterIdentities';

export interface ReporterIdentity {
  /**
   * The WeChat user who filed it. Absent for a report staff recorded from another channel (queue.record):
   * nobody in the app filed it, so there is no account to notify or to check for the reward rules.
   */
  openid?: string;
  name?: string;
  phone?: string;
}

/** As stored: only the sealed blob and when it was written. */
export interface ReporterIdentityDoc {
  _id: string; // = tipoff id
  sealed: string;
  createdAt: string;
}

function identityKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'miaohang-safety', 'reporter-identity-v1', 32));
}

/**
 * iv (12 bytes) | tag (16 bytes) | ciphertext, base64, of any JSON value; `boundTo` is bound in as associated
 * data (the record it belongs to), so the blob cannot be moved to another record.
 */
export function sealJson(value: unknown, boundTo: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', identityKey(secret), iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Throws if the blob was altered, moved to another record, or sealed with another secret. */
export function openJson<T>(sealed: string, boundTo: string, secret: string): T {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', identityKey(secret), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(raw.subarray(12, 28));
  const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  return JSON.parse(text) as T;
}

/** The tip-off id is bound in as associated data. */
export function sealIdentity(identity: ReporterIdentity, tipoffId: string, secret: string): string {
  return sealJson(identity, tipoffId, secret);
}

/** Throws if the blob was altered, moved to another report, or sealed with another secret. */
export function openIdentity(sealed: string, tipoffId: string, secret: string): ReporterIdentity {
  return openJson<ReporterIdentity>(sealed, tipoffId, secret);
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The local stand-in for the function's REPORTER_KEY_SECRET environment variable:
 * made once per data folder and kept there, so reporter keys stay stable across restarts.
 */
export function loadOrCreateSecret(dataDir: string, name = 'reporter-key.secret'): string {
  const file = path.join(dataDir, name);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    // wx: exclusive create, so two processes starting together agree on one secret.
    try {
      fs.writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}

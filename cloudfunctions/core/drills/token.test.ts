// The drill's rotating check-in token at its boundaries (issue 10): signing, expiry (TOKEN_LIFE_SECONDS inclusive,
// counted from the floored issue second), a stamp from the future, forged and foreign signatures, malformed shapes.
import fc from 'fast-check';
import { TOKEN_LIFE_SECONDS } from '../../../types/drill';
import { FUTURE_SKEW_SECONDS, signToken, TOKEN_REFUSALS, verifyToken } from './token';

const SECRET = 'test-secret-0123456789';
const DRILL = 'DR20261129abc';
/** 2026-11-29 06:00:00 UTC, a whole second. */
const T0 = Date.UTC(2026, 10, 29, 6, 0, 0);
const at = (ms: number) => new Date(ms);

describe('constants', () => {
  it('is the contract: a 30 s life, 5 s of clock skew', () => {
    expect(TOKEN_LIFE_SECONDS).toBe(30);
    expect(FUTURE_SKEW_SECONDS).toBe(5);
  });
});

describe('signToken', () => {
  it('writes mhd1.<drillId>.<issued seconds>.<22-char signature> and the expiry', () => {
    const { token, expiresAt } = signToken(DRILL, at(T0), SECRET);
    expect(token).toMatch(/^mhd1\.DR20261129abc\.\d+\.[A-Za-z0-9_-]{22}$/);
    expect(token.split('.')[2]).toBe(String(T0 / 1000));
    expect(expiresAt.getTime()).toBe(T0 + TOKEN_LIFE_SECONDS * 1000);
  });

  it('floors the issue second: signed at .999 is the same token as at .000', () => {
    const a = signToken(DRILL, at(T0), SECRET);
    const b = signToken(DRILL, at(T0 + 999), SECRET);
    expect(b.token).toBe(a.token);
    expect(b.expiresAt.getTime()).toBe(T0 + 30_000);
    expect(signToken(DRILL, at(T0 + 1000), SECRET).token).not.toBe(a.token);
  });

  it('is deterministic and depends on the drill, the second and the secret', () => {
    const base = signToken(DRILL, at(T0), SECRET).token;
    expect(signToken(DRILL, at(T0), SECRET).token).toBe(base);
    const sig = (t: string) => t.split('.')[3];
    expect(sig(signToken('OTHER', at(T0), SECRET).token)).not.toBe(sig(base));
    expect(sig(signToken(DRILL, at(T0 + 1000), SECRET).token)).not.toBe(sig(base));
    expect(sig(signToken(DRILL, at(T0), 'another-secret').token)).not.toBe(sig(base));
  });

  it('is not a bare HMAC of the secret: the key is derived (a known-answer check)', () => {
    // Pins the derivation (HKDF-SHA256, salt miaohang-safety, info drill-checkin-token-v1) and the signed text:
    // a change to either would invalidate every code on a manager's screen mid-drill, so it must be deliberate.
    expect(signToken('D1', at(1_700_000_000_000), 'k').token).toBe(KNOWN_TOKEN);
  });
});

// Computed independently: HKDF-SHA256(ikm 'k', salt 'miaohang-safety', info 'drill-checkin-token-v1', 32) as the HMAC key
// over 'mhd1.D1.1700000000', base64url, first 22 characters.
const KNOWN_TOKEN = 'mhd1.D1.1700000000.c_gpYFTzjZPpzOtpkI_brr';

// Tokens are signed inside the tests (beforeAll), never while jest collects them: a broken signToken then fails
// the tests (a killed mutant) instead of the whole file (a runtime error Stryker does not count).
describe('verifyToken: age', () => {
  let token: string;
  beforeAll(() => {
    token = signToken(DRILL, at(T0), SECRET).token;
  });

  it('accepts at once, with the drill id and the issue time', () => {
    expect(verifyToken(token, at(T0), SECRET)).toEqual({ ok: true, drillId: DRILL, issuedAt: at(T0) });
  });

  it.each([
    [0, true],
    [1, true],
    [29_999, true],
    [30_000, true], // exactly TOKEN_LIFE_SECONDS old: still accepted
    [30_001, false], // 1 ms later
    [30_999, false],
    [31_000, false], // one second more
    [3_600_000, false], // an hour later: a photo of the screen replayed
  ])('%i ms after the issue second → ok %s', (ms, ok) => {
    const check = verifyToken(token, at(T0 + ms), SECRET);
    expect(check.ok).toBe(ok);
    if (!ok) expect(check).toEqual({ ok: false, reason: 'expired' });
  });

  it('counts from the floored second: signed at .999, it expires 29.001 s later', () => {
    const late = signToken(DRILL, at(T0 + 999), SECRET).token;
    expect(verifyToken(late, at(T0 + 30_000), SECRET).ok).toBe(true);
    expect(verifyToken(late, at(T0 + 30_001), SECRET)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([
    [-1, true],
    [-4_999, true],
    [-5_000, true], // stamped exactly FUTURE_SKEW_SECONDS ahead of the server's clock: accepted
    [-5_001, false],
    [-6_000, false],
    [-86_400_000, false],
  ])('%i ms before the issue second → ok %s', (ms, ok) => {
    const check = verifyToken(token, at(T0 + ms), SECRET);
    expect(check.ok).toBe(ok);
    if (!ok) expect(check).toEqual({ ok: false, reason: 'future' });
  });

  it('property: a token signed at t verifies from t to its issue second + 30 s, and not 1 ms after', () => {
    const moment = fc.integer({ min: 1_500_000_000_000, max: 4_000_000_000_000 });
    const drillId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    fc.assert(
      fc.property(moment, drillId, fc.integer({ min: 0, max: 30_000 }), (t, id, after) => {
        const { token: tok, expiresAt } = signToken(id, at(t), SECRET);
        const issuedMs = Math.floor(t / 1000) * 1000;
        const now = Math.min(t + after, expiresAt.getTime());
        expect(verifyToken(tok, at(now), SECRET)).toEqual({ ok: true, drillId: id, issuedAt: at(issuedMs) });
        expect(verifyToken(tok, at(expiresAt.getTime()), SECRET).ok).toBe(true);
        expect(verifyToken(tok, at(expiresAt.getTime() + 1), SECRET)).toEqual({ ok: false, reason: 'expired' });
        expect(verifyToken(tok, at(issuedMs - FUTURE_SKEW_SECONDS * 1000 - 1), SECRET)).toEqual({
          ok: false,
          reason: 'future',
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('verifyToken: signature', () => {
  let token: string, prefix: string, drillId: string, issued: string, sig: string;
  beforeAll(() => {
    token = signToken(DRILL, at(T0), SECRET).token;
    [prefix, drillId, issued, sig] = token.split('.');
  });

  it('refuses the token under another secret', () => {
    expect(verifyToken(token, at(T0), 'another-secret')).toEqual({ ok: false, reason: 'forged' });
  });

  it("refuses another drill's signature on this drill's id (and the other way round)", () => {
    const other = signToken('DR-other', at(T0), SECRET).token.split('.')[3];
    expect(verifyToken(`${prefix}.${drillId}.${issued}.${other}`, at(T0), SECRET)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyToken(`${prefix}.DR-other.${issued}.${sig}`, at(T0), SECRET)).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it('refuses a re-stamped second (an old token made young) — forged, not expired', () => {
    const young = `${prefix}.${drillId}.${Number(issued) + 60}.${sig}`;
    expect(verifyToken(young, at(T0 + 60_000), SECRET)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses the same second written with a leading zero (one second, one token)', () => {
    expect(verifyToken(`${prefix}.${drillId}.0${issued}.${sig}`, at(T0), SECRET)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('refuses any one flipped character of the signature', () => {
    for (let i = 0; i < sig.length; i++) {
      const flipped = sig.slice(0, i) + (sig[i] === 'A' ? 'B' : 'A') + sig.slice(i + 1);
      expect(verifyToken(`${prefix}.${drillId}.${issued}.${flipped}`, at(T0), SECRET)).toEqual({
        ok: false,
        reason: 'forged',
      });
    }
  });

  it('checks the signature before the age: a forged old token is forged', () => {
    const bad = `${prefix}.${drillId}.${issued}.${'A'.repeat(22)}`;
    expect(verifyToken(bad, at(T0 + 3_600_000), SECRET)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyToken(bad, at(T0 - 3_600_000), SECRET)).toEqual({ ok: false, reason: 'forged' });
  });

  it('property: random signatures of the right shape never pass', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), (guess) => {
        fc.pre(guess !== sig);
        expect(verifyToken(`${prefix}.${drillId}.${issued}.${guess}`, at(T0), SECRET)).toEqual({
          ok: false,
          reason: 'forged',
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('verifyToken: shape', () => {
  type Parts = { token: string; drillId: string; issued: string; sig: string };
  const parts = (): Parts => {
    const token = signToken(DRILL, at(T0), SECRET).token;
    const [, drillId, issued, sig] = token.split('.');
    return { token, drillId, issued, sig };
  };
  const long = 'x'.repeat(65);

  it.each([
    ['empty', () => ''],
    ['a URL', () => 'https://example.com/?t=1'],
    ['wrong prefix', (p: Parts) => `mhd2.${p.drillId}.${p.issued}.${p.sig}`],
    ['upper-case prefix', (p: Parts) => `MHD1.${p.drillId}.${p.issued}.${p.sig}`],
    ['no prefix', (p: Parts) => `${p.drillId}.${p.issued}.${p.sig}`],
    ['three parts', (p: Parts) => `mhd1.${p.drillId}.${p.issued}`],
    ['five parts', (p: Parts) => `${p.token}.x`],
    ['a dot in the drill id', (p: Parts) => `mhd1.a.b.${p.issued}.${p.sig}`],
    ['empty drill id', (p: Parts) => `mhd1..${p.issued}.${p.sig}`],
    ['drill id over 64', (p: Parts) => `mhd1.${long}.${p.issued}.${p.sig}`],
    ['drill id with a space', (p: Parts) => `mhd1.D 1.${p.issued}.${p.sig}`],
    ['drill id with a slash', (p: Parts) => `mhd1.D/1.${p.issued}.${p.sig}`],
    ['drill id with a Chinese character', (p: Parts) => `mhd1.演练.${p.issued}.${p.sig}`],
    ['empty second', (p: Parts) => `mhd1.${p.drillId}..${p.sig}`],
    ['non-digit second', (p: Parts) => `mhd1.${p.drillId}.17x0000000.${p.sig}`],
    ['negative second', (p: Parts) => `mhd1.${p.drillId}.-${p.issued}.${p.sig}`],
    ['fractional second', (p: Parts) => `mhd1.${p.drillId}.${p.issued}.5.${p.sig}`],
    ['exponent second', (p: Parts) => `mhd1.${p.drillId}.1e9.${p.sig}`],
    ['second over 12 digits', (p: Parts) => `mhd1.${p.drillId}.1${'0'.repeat(12)}.${p.sig}`],
    ['leading-zero second', (p: Parts) => `mhd1.${p.drillId}.0${p.issued}.${p.sig}`],
    ['signature 21 chars', (p: Parts) => `mhd1.${p.drillId}.${p.issued}.${p.sig.slice(1)}`],
    ['signature 23 chars', (p: Parts) => `mhd1.${p.drillId}.${p.issued}.${p.sig}A`],
    ['signature with +', (p: Parts) => `mhd1.${p.drillId}.${p.issued}.${p.sig.slice(1)}+`],
    ['signature with =', (p: Parts) => `mhd1.${p.drillId}.${p.issued}.${p.sig.slice(1)}=`],
    ['padding around', (p: Parts) => ` ${p.token} `],
    ['newline after', (p: Parts) => `${p.token}\n`],
  ])('%s → malformed', (_, text) => {
    expect(verifyToken(text(parts()), at(T0), SECRET)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts the extremes of the allowed shape (64-char id with _ and -, second 0)', () => {
    const id = `${'a'.repeat(31)}_-${'Z9'.repeat(15)}9`;
    expect(id).toHaveLength(64);
    const tok = signToken(id, at(T0), SECRET).token;
    expect(verifyToken(tok, at(T0), SECRET)).toMatchObject({ ok: true, drillId: id });
    const one = signToken('A', at(T0), SECRET).token;
    expect(verifyToken(one, at(T0), SECRET)).toMatchObject({ ok: true, drillId: 'A' });
    const epoch = signToken(DRILL, at(0), SECRET).token;
    expect(epoch.split('.')[2]).toBe('0');
    expect(verifyToken(epoch, at(30_000), SECRET)).toEqual({ ok: true, drillId: DRILL, issuedAt: at(0) });
  });

  it('accepts a 12-digit second (year 33658) and the same check holds there', () => {
    const far = 999_999_999_999 * 1000;
    const tok = signToken(DRILL, at(far), SECRET).token;
    expect(verifyToken(tok, at(far + 30_000), SECRET).ok).toBe(true);
    expect(verifyToken(tok, at(far + 30_001), SECRET)).toEqual({ ok: false, reason: 'expired' });
  });

  it('property: arbitrary text never throws and is never accepted', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(verifyToken(text, at(T0), SECRET).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('TOKEN_REFUSALS', () => {
  it('says why in Chinese for every reason, and the expiry names the refresh', () => {
    expect(Object.keys(TOKEN_REFUSALS).sort()).toEqual(['expired', 'forged', 'future', 'malformed']);
    for (const text of Object.values(TOKEN_REFUSALS)) expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(TOKEN_REFUSALS.expired).toContain('30 秒');
  });
});

import { render, screen } from '@testing-library/react';
import { QrCode, qrMatrix, utf8Bytes } from './QrCode';

describe('QrCode', () => {
  test('a short code makes a version-1 matrix (21 × 21) with the three finder patterns', () => {
    const m = qrMatrix('ABCD-EFGH');
    expect(m.length).toBe(21);
    expect(m.every((row) => row.length === 21)).toBe(true);
    // Each finder pattern's 7-module border row is dark, and the separator beside it light.
    for (const [r, c] of [
      [0, 0],
      [0, 14],
      [14, 0],
    ]) {
      expect(m[r].slice(c, c + 7).every(Boolean)).toBe(true);
      expect(m[r + 1][c + 1]).toBe(false);
      expect(m[r + 2][c + 2]).toBe(true);
    }
    expect(qrMatrix('ABCD-EFGH')).toEqual(m); // deterministic
    expect(qrMatrix('ABCD-EFGJ')).not.toEqual(m);
  });

  test('renders one row per module row, sized to the requested side, named for screen readers', () => {
    const { container } = render(<QrCode text="ABCD-EFGH" size={240} label="邀请码二维码" />);
    const root = screen.getByLabelText('邀请码二维码');
    expect(container.querySelectorAll('.qr-code__row').length).toBe(21);
    // 21 modules + 2 × 4 quiet = 29 cells of 8 px = 232 px (never more than asked).
    expect(root.style.width).toBe('232px');
    const dark = container.querySelectorAll('.qr-code__dark');
    expect(dark.length).toBeGreaterThan(21);
  });
});

describe('QrCode without TextEncoder (WeChat)', () => {
  test('a lower-case token (a drill check-in) is drawn from bytes made here, the same matrix qrcode makes', () => {
    expect(typeof (globalThis as { TextEncoder?: unknown }).TextEncoder).toBe('undefined');
    const token = 'mhd1.drill_abc.1764900000.Zx-9_q';
    const mine = qrMatrix(token);
    // With an encoder present, the library's own byte mode gives the very same code.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (globalThis as { TextEncoder?: unknown }).TextEncoder = require('util').TextEncoder;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { modules } = require('qrcode').create([{ data: token, mode: 'byte' }], { errorCorrectionLevel: 'M' });
      const theirs = Array.from({ length: modules.size }, (_, r) =>
        Array.from({ length: modules.size }, (_, c) => !!modules.get(r, c)),
      );
      expect(mine).toEqual(theirs);
    } finally {
      delete (globalThis as { TextEncoder?: unknown }).TextEncoder;
    }
    expect(utf8Bytes('庙a')).toEqual(Uint8Array.from([0xe5, 0xba, 0x99, 0x61]));
  });
});

import { View } from '@tarojs/components';
import { create } from 'qrcode';
import { useMemo } from 'react';
import { a11y } from './ui/a11y';

/** QR alphanumeric mode's characters: such text (an invite code) is left to the library's own segmentation. */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/** UTF-8 bytes without TextEncoder (WeChat's JS engine lacks it; qrcode's byte mode calls it for a string). */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** The dark modules of `text` as a square matrix (rows of booleans), error correction M. */
export function qrMatrix(text: string): boolean[][] {
  // Anything beyond the alphanumeric set (a drill's check-in token, lower case) goes in as bytes made here.
  const data = ALPHANUMERIC.test(text) ? text : [{ data: utf8Bytes(text), mode: 'byte' as const }];
  const { modules } = create(data, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, r) =>
    Array.from({ length: modules.size }, (_, c) => !!modules.get(r, c)),
  );
}

/** One row as runs of equal modules, so a row draws as a few Views instead of one per module. */
function runs(row: boolean[]): { dark: boolean; n: number }[] {
  const out: { dark: boolean; n: number }[] = [];
  for (const dark of row) {
    const last = out[out.length - 1];
    if (last && last.dark === dark) last.n += 1;
    else out.push({ dark, n: 1 });
  }
  return out;
}

/**
 * A QR code drawn with plain Views (works alike on weapp and h5, no canvas): `size` is the side in CSS px,
 * with a 4-module quiet zone. `label` names it for screen readers (the code itself is shown beside it in text).
 */
export function QrCode({
  text,
  size = 240,
  label = '二维码',
  className = '',
}: {
  text: string;
  size?: number;
  label?: string;
  className?: string;
}) {
  const matrix = useMemo(() => qrMatrix(text), [text]);
  const quiet = 4;
  const cell = Math.max(1, Math.floor(size / (matrix.length + quiet * 2)));
  const side = cell * (matrix.length + quiet * 2);
  return (
    <View
      className={`qr-code ${className}`}
      style={{
        width: `${side}px`,
        height: `${side}px`,
        padding: `${cell * quiet}px`,
        background: '#ffffff',
        boxSizing: 'border-box',
      }}
      {...a11y({ role: 'img', label })}
    >
      {matrix.map((row, r) => (
        <View key={r} className="qr-code__row" style={{ display: 'flex', height: `${cell}px` }}>
          {runs(row).map((run, i) => (
            <View
              key={i}
              className={run.dark ? 'qr-code__dark' : 'qr-code__light'}
              style={{ width: `${run.n * cell}px`, height: `${cell}px`, background: run.dark ? '#000000' : '#ffffff' }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}

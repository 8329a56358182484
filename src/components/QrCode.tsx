import { View } from '@tarojs/components';
import { create } from 'qrcode';
import { useMemo } from 'react';
import { a11y } from './ui/a11y';

/** The dark modules of `text` as a square matrix (rows of booleans), error correction M. */
export function qrMatrix(text: string): boolean[][] {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
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

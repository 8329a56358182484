/** WCAG 2 contrast between two #rrggbb colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The custom properties declared in a block of CSS, e.g. `{ '--c-text': '#1f2329' }` (the first block wins). */
export function readTokens(css: string, selector = 'body'): Record<string, string> {
  const block = new RegExp(`${selector}\\s*{([^}]*)}`).exec(css.replace(/\/\*[\s\S]*?\*\//g, ''));
  const out: Record<string, string> = {};
  for (const [, name, value] of (block?.[1] ?? '').matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) out[name] = value.trim();
  return out;
}

import fs from 'node:fs';
import path from 'node:path';
import { contrast, readTokens } from './contrast';

const css = fs.readFileSync(path.join(__dirname, 'tokens.css'), 'utf8');
const t = readTokens(css);
const large = readTokens(css, '\\.ui-large-text');

// Every text colour on every background it is used on: WCAG AA for normal text.
const pairs: [string, string][] = [
  ['--c-text', '--c-bg'],
  ['--c-text', '--c-surface'],
  ['--c-text-2', '--c-bg'],
  ['--c-text-2', '--c-surface'],
  ['--c-text-3', '--c-bg'],
  ['--c-text-3', '--c-surface'],
  ['--c-on-primary', '--c-primary'],
  ['--c-on-primary', '--c-primary-pressed'],
  ['--c-primary', '--c-bg'],
  ['--c-primary', '--c-surface'],
  ['--c-primary', '--c-primary-soft'],
  ['--c-on-primary', '--c-danger'],
  ['--c-danger', '--c-surface'],
  ['--c-danger', '--c-danger-soft'],
  ['--c-warning', '--c-surface'],
  ['--c-warning', '--c-warning-soft'],
  ['--c-on-primary', '--c-success'],
  ['--c-success', '--c-surface'],
  ['--c-success', '--c-success-soft'],
  ['--c-info', '--c-info-soft'],
  ['--c-disabled-text', '--c-disabled-bg'],
  ['--c-text', '--c-disabled-bg'],
];

describe('design tokens', () => {
  it.each(pairs)('%s on %s is at least 4.5 : 1', (fg, bg) => {
    expect(t[fg]).toBeDefined();
    expect(t[bg]).toBeDefined();
    expect(contrast(t[fg], t[bg])).toBeGreaterThanOrEqual(4.5);
  });

  it('the greys the issue measured fail, so the check is real', () => {
    expect(contrast('#8a8f99', '#ffffff')).toBeLessThan(4.5);
    expect(contrast('#a0a4ab', '#ffffff')).toBeLessThan(4.5);
    expect(contrast('#07c160', '#ffffff')).toBeLessThan(4.5); // why the primary is blue, not WeUI green
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  const px = (v: string) => Number(/^(\d+(?:\.\d+)?)px$/.exec(v)?.[1] ?? NaN);

  it('type sizes are fixed CSS px (the file opts out of pxtransform), body 17, none under 14', () => {
    expect(css.startsWith('/* postcss-pxtransform disable */')).toBe(true);
    const sizes = ['--fs-xs', '--fs-sm', '--fs-md', '--fs-lg', '--fs-xl'].map((k) => px(t[k]));
    expect(sizes.every((s) => s >= 14)).toBe(true);
    expect(px(t['--fs-md'])).toBe(17);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  });

  it('tap targets are at least 44 px, the primary button taller than the others', () => {
    expect(px(t['--tap'])).toBeGreaterThanOrEqual(44);
    expect(px(t['--btn-h'])).toBeGreaterThanOrEqual(44);
    expect(px(t['--btn-h-primary'])).toBeGreaterThan(px(t['--btn-h']));
  });

  it('large-text mode scales every type size up (body 17 → 22) and keeps targets ≥ 44', () => {
    for (const k of ['--fs-xs', '--fs-sm', '--fs-md', '--fs-lg', '--fs-xl'])
      expect(px(large[k])).toBeGreaterThan(px(t[k]));
    expect(px(large['--fs-md'])).toBe(22);
    expect(px(large['--tap'])).toBeGreaterThanOrEqual(44);
  });
});

describe('resident and staff stylesheets use the tokens', () => {
  const root = path.join(__dirname, '..');
  const cssFiles = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory() ? cssFiles(path.join(dir, e.name)) : e.name.endsWith('.css') ? [path.join(dir, e.name)] : [],
      );
  const staffFiles = cssFiles(path.join(root, 'staff'));
  const files = [
    ...cssFiles(path.join(root, 'pages')),
    ...cssFiles(path.join(root, 'components')),
    ...cssFiles(path.join(root, 'resident')),
    ...cssFiles(path.join(root, 'training')),
    ...cssFiles(path.join(root, 'drills')),
    ...staffFiles,
  ];

  it('the staff subpackage has stylesheets to check', () => expect(staffFiles.length).toBeGreaterThanOrEqual(5));

  // Staff pages: every colour is a token (one primary, the semantic set), no hex fallbacks left to drift.
  it.each(staffFiles.map((f) => [path.relative(root, f)]))('%s: colours only from the tokens', (rel) => {
    const css = fs.readFileSync(path.join(root, rel), 'utf8');
    const hex = css.match(/#[0-9a-f]{3,8}\b/gi) ?? [];
    expect(`${rel}: ${hex.join(' ') || 'none'}`).toBe(`${rel}: none`);
  });

  it.each(files.map((f) => [path.relative(root, f)]))('%s: type sizes from the scale, no failing greys', (rel) => {
    const css = fs.readFileSync(path.join(root, rel), 'utf8');
    for (const [, value] of css.matchAll(/font-size:\s*([^;]+);/g)) {
      // A token, or an icon glyph (★, ＋) of at least 56 design px (28 CSS px).
      const ok = /^var\(--fs-(xs|sm|md|lg|xl)\)$/.test(value) || (/^(\d+)px$/.test(value) && parseInt(value, 10) >= 56);
      expect(`${rel}: font-size: ${value} ${ok ? 'ok' : 'is off the scale'}`).toMatch(/ ok$/);
    }
    expect(css).not.toMatch(/#8a8f99|#a0a4ab|#c0392b/i);
  });
});

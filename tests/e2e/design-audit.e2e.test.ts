// The design system at a phone's width: resident pages at 320 and 390 px, standard and large text (适老化).
// On each: a screenshot, no sideways overflow, no text under 14 px, every tap target at least 44 × 44,
// and text contrast at least 4.5 : 1 against the background it sits on.
import type { Page } from 'playwright-core';
import { browserSession, screenshot } from './harness';

const session = browserSession();

interface Finding {
  kind: string;
  what: string;
}

/** Runs in the page: what breaks the rules on the visible page. */
function audit(): Finding[] {
  const out: Finding[] = [];
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const label = (el: Element) =>
    `${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 2).join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
  const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]: number[]) =>
    [r, g, b]
      .map((v) => v / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((a, c, i) => a + c * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el: Element | null): number[] | null => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage !== 'none' && !s.backgroundImage.startsWith('linear')) return null; // over a picture
      const c = rgb(s.backgroundColor);
      if (c.length >= 3 && (c.length === 3 || c[3] > 0.5)) return c.slice(0, 3);
      if (e.tagName === 'IMG') return null;
    }
    return [255, 255, 255];
  };

  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    out.push({
      kind: 'overflow',
      what: `page is ${document.documentElement.scrollWidth} px wide in ${window.innerWidth}`,
    });

  let texts = 0;
  let taps = 0;
  const page = Array.from(document.querySelectorAll('.taro_page')).find((p) => shown(p)) ?? document.body;
  for (const el of Array.from(page.querySelectorAll('*'))) {
    if (!shown(el) || el.closest('.identity-bar')) continue;
    const ownText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim());
    const s = getComputedStyle(el);
    if (ownText) {
      texts++;
      const size = parseFloat(s.fontSize);
      if (size < 14) out.push({ kind: 'small-text', what: `${label(el)} ${size}px` });
      const bg = background(el);
      const fg = rgb(s.color);
      if (bg && (fg.length === 3 || fg[3] === 1)) {
        const [a, b] = [lum(fg), lum(bg)];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5)
          out.push({ kind: 'contrast', what: `${label(el)} ${ratio.toFixed(2)} (${s.color} on rgb(${bg}))` });
      }
    }
    const role = el.getAttribute('role');
    const tappable =
      ['button', 'radio', 'checkbox', 'link'].includes(role ?? '') ||
      ['TARO-BUTTON-CORE', 'SELECT', 'BUTTON'].includes(el.tagName);
    if (tappable) {
      taps++;
      const r = el.getBoundingClientRect();
      if (r.height < 43.5 || r.width < 43.5)
        out.push({ kind: 'tap-target', what: `${label(el)} ${Math.round(r.width)}×${Math.round(r.height)}` });
    }
  }
  // What was checked, so a page that renders nothing cannot pass.
  out.push({ kind: 'checked', what: `${texts} texts, ${taps} tap targets` });
  return out;
}

async function setLarge(page: Page, on: boolean) {
  await page.evaluate((v) => localStorage.setItem('mx.ui.largeText', JSON.stringify({ data: v })), on ? 'on' : 'off');
}

const PAGES: { name: string; hash: string; ready: string; prepare?: (page: Page) => Promise<void> }[] = [
  { name: 'home', hash: 'pages/index/index', ready: '.home__report' },
  {
    name: 'report',
    hash: 'pages/report/index',
    ready: '.emergency__continue',
    prepare: async (page) => {
      await page.locator('.emergency__continue:visible').click();
      await page.getByText('提交举报', { exact: true }).waitFor();
    },
  },
  { name: 'mine', hash: 'pages/mine/index', ready: '.mine__text-size' },
  {
    name: 'detail',
    hash: 'pages/mine/index',
    ready: '.mine__item',
    prepare: async (page) => {
      await page.locator('.mine__item:visible').first().click();
      await page.locator('.tipoff-detail__body:visible').first().waitFor();
    },
  },
  { name: 'messages', hash: 'pages/messages/index', ready: '.messages__header' },
  { name: 'track', hash: 'pages/track/index', ready: '.track__form' },
];

test.each([
  [320, false],
  [390, false],
  [320, true],
  [390, true],
])('resident pages at %i px, large text %s', async (width, large) => {
  const { page, gateway } = session;
  await page.setViewportSize({ width, height: 780 });
  await page.goto(`${gateway.url}/#/pages/index/index`);
  await setLarge(page, large);
  const findings: string[] = [];
  for (const p of PAGES) {
    await page.goto(`${gateway.url}/#/${p.hash}`);
    await page.reload();
    await page.locator(`${p.ready}:visible`).first().waitFor();
    await p.prepare?.(page);
    await page.waitForTimeout(300);
    await screenshot(page, `audit-${width}${large ? '-large' : ''}-${p.name}`);
    const found = await page.evaluate(audit);
    const checked = found.find((f) => f.kind === 'checked')?.what ?? '';
    expect(`${p.name}: ${checked}`).toMatch(/: [1-9]\d* texts, \d+ tap targets$/);
    for (const f of found) if (f.kind !== 'checked') findings.push(`${p.name}: ${f.kind} ${f.what}`);
  }
  expect(findings).toEqual([]);
});

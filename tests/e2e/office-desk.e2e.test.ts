// Issue 11's "Done when", in the browser: 安委办 (admin-demo) opens 数据看板 on a town seeded with six months of report
// history (SEED_HISTORY=1) and reads the same numbers this test computes from the raw documents — the gateway's
// SQLite file read here, read-only, with its own arithmetic (not core/stats.ts); changes a routing rule on 系统配置
// and sees a new report follow it while an old one keeps its department, reason and deadlines; generates and
// downloads the monthly workbook and reads it back with exceljs (sheet names, 汇总 and 分区域 totals).
//
// Order matters: the dashboard is read before this test files its own two reports (they would count in this
// year), and the monthly cycle (the 23rd of last month to the 22nd of this one) never holds today's reports.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import areasFile from '../../config/town/areas.json';
import routingConfig from '../../config/town/routing.json';
import { defaultReportMonth, monthlyCycle, MONTHLY_SHEETS } from '../../types/monthly';
import { OPEN_STATUSES } from '../../types/tipoff';
import { submission } from './fixtures';
import { browserSession, callCloud, screenshot, SCREENSHOTS } from './harness';

const session = browserSession({ env: { SEED_HISTORY: '1' } });
beforeAll(() => session.page.setViewportSize({ width: 390, height: 844 }));

// ---------- the raw documents and the figures computed from them ----------

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every document of a collection as stored (dates tagged {"$date"} come back as their ISO text). */
function rawDocs(collection: string): Doc[] {
  const db = new BetterSqlite3(path.join(session.gateway.dataDir, 'cloud.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT _id, data FROM "col_${collection}"`).all() as { _id: string; data: string }[];
    return rows.map((r) => ({
      ...JSON.parse(r.data, (_k, v) => (v && typeof v === 'object' && typeof v.$date === 'string' ? v.$date : v)),
      _id: r._id,
    }));
  } finally {
    db.close();
  }
}
const rawDoc = (collection: string, id: string) => rawDocs(collection).find((d) => d._id === id);

/** The town (Beijing) date of an instant given as ISO text with any offset. */
const townDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const TODAY = () => townDate(new Date().toISOString());

interface Figures {
  total: number;
  verified: number;
  founded: number;
  closed: number;
  open: number;
  overdue: number;
  byArea: Map<string, { total: number; founded: number; closed: number; overdue: number }>;
}

/** The reports filed between two town dates (both inclusive), counted one by one. */
function reportFigures(from: string, to: string): Figures {
  const now = Date.now();
  const f: Figures = { total: 0, verified: 0, founded: 0, closed: 0, open: 0, overdue: 0, byArea: new Map() };
  for (const t of rawDocs('tipoffs')) {
    const day = townDate(t.createdAt);
    if (day < from || day > to) continue;
    const founded = t.verification?.founded === true;
    const verified = founded || t.verification?.founded === false;
    const closed = t.status === 'closed';
    const open = OPEN_STATUSES.includes(t.status);
    const overdue = open && typeof t.dueAt === 'string' && t.dueAt !== '' && Date.parse(t.dueAt) < now;
    f.total++;
    if (verified) f.verified++;
    if (founded) f.founded++;
    if (closed) f.closed++;
    if (open) f.open++;
    if (overdue) f.overdue++;
    const a = f.byArea.get(t.areaId) ?? { total: 0, founded: 0, closed: 0, overdue: 0 };
    a.total++;
    a.founded += Number(founded);
    a.closed += Number(closed);
    a.overdue += Number(overdue);
    f.byArea.set(t.areaId, a);
  }
  return f;
}

/** 重大隐患 of a calendar year: ledger entries created in it, closed, open, open past their deadline date. */
function majorFigures(year: number) {
  const today = TODAY();
  const inYear = rawDocs('ledger').filter((l) => townDate(l.createdAt).startsWith(`${year}-`));
  const closed = inYear.filter((l) => l.status === 'closed').length;
  const overdue = inYear.filter((l) => l.status !== 'closed' && l.deadline && l.deadline < today).length;
  return { found: inYear.length, closed, open: inYear.length - closed, overdue };
}

const pct = (n: number, d: number) => (d === 0 ? '暂无' : `${Math.round((n / d) * 1000) / 10}%`);
const areasConfig = areasFile.areas;
const areaName = (id: string) => areasConfig.find((a) => a.id === id)?.name ?? id;

// ---------- page helpers ----------

const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`).first();
const tileValue = (page: Page, name: string) =>
  visible(page, `.dash [aria-label="${name}"] .dash-tile__value`).textContent();
const tileNote = (page: Page, name: string) =>
  visible(page, `.dash [aria-label="${name}"] .dash-tile__note`).textContent();

/** 我的 → an entry of the menu, as 安委办's officer (admin-demo). */
async function openFromMine(title: string) {
  const { as } = session;
  await as.openHome();
  await as.become('admin-demo');
  await as.openHome();
  await as.visible('.home__mine').click();
  await as.visible(`.mine__entry:has-text("${title}")`).click();
}

/** Waits until the dashboard shows `label · 全镇` with fresh figures. */
async function dashboardShows(page: Page, label: string) {
  await page.locator('.dash-meta__scope:visible', { hasText: `${label} · 全镇` }).waitFor({ timeout: 60000 });
  await page.locator('.dash-meta__time:visible', { hasText: '统计时间' }).waitFor({ timeout: 60000 });
}

/** The rows of a share table: name → [总数, 属实, 销号, 超期]. */
async function tableRows(page: Page, label: string): Promise<Map<string, number[]>> {
  const rows = await page
    .locator(`.dash [aria-label="${label}"]:visible .dash-table__row:not(.dash-table__row--head)`)
    .evaluateAll((els) =>
      els.map((el) => [
        el.querySelector('.dash-table__name')?.textContent?.trim() ?? '',
        ['total', 'founded', 'closed', 'overdue'].map((c) =>
          Number(el.querySelector(`.dash-cell--${c}`)?.textContent?.trim()),
        ),
      ]),
    );
  return new Map(rows as [string, number[]][]);
}

async function expectReportTiles(page: Page, f: Figures) {
  expect(await tileValue(page, '举报总数')).toBe(`${f.total} 件`);
  expect(await tileNote(page, '举报总数')).toBe(`在办 ${f.open} 件`);
  expect(await tileValue(page, '属实率')).toBe(pct(f.founded, f.verified));
  expect(await tileNote(page, '属实率')).toBe(`属实 ${f.founded} / 已核查 ${f.verified}`);
  expect(await tileValue(page, '销号率')).toBe(pct(f.closed, f.founded));
  expect(await tileNote(page, '销号率')).toBe(`已销号 ${f.closed} / 属实 ${f.founded}`);
  expect(await tileValue(page, '超期')).toBe(`${f.overdue} 件`);
}

async function expectMajorTiles(page: Page, year: number) {
  const m = majorFigures(year);
  await page.locator('.dash-section:visible', { hasText: `重大隐患（${year}年内）` }).waitFor();
  expect(await tileValue(page, '年内发现')).toBe(`${m.found} 项`);
  expect(await tileValue(page, '已销号')).toBe(`${m.closed} 项`);
  expect(await tileValue(page, '未销号')).toBe(`${m.open} 项`);
  if (m.overdue > 0) expect(await tileNote(page, '未销号')).toBe(`其中超期 ${m.overdue} 项`);
  return m;
}

// ---------- 1. the dashboard ----------

const today0 = TODAY();
const thisYear = Number(today0.slice(0, 4));
const thisMonth = Number(today0.slice(5, 7));
/** Last month (town time): the seeded history covers it whole. */
const past = thisMonth === 1 ? { y: thisYear - 1, m: 12 } : { y: thisYear, m: thisMonth - 1 };
const pastFrom = `${past.y}-${String(past.m).padStart(2, '0')}-01`;
const pastTo = new Date(Date.UTC(past.y, past.m, 0)).toISOString().slice(0, 10);

test('数据看板: last month and this year show the figures counted from the raw documents', async () => {
  const { page } = session;
  await openFromMine('安委办：数据看板');
  await dashboardShows(page, `${thisYear}年${thisMonth}月`);

  // (A ui Button's ariaLabel does not reach the DOM on h5 — taro-button-core drops it — so buttons go by text.)
  await visible(page, '.dash-period .ui-button:has-text("上一期")').click();
  await dashboardShows(page, `${past.y}年${past.m}月`);
  const month = reportFigures(pastFrom, pastTo);
  expect(month.total).toBeGreaterThan(20); // the seeded history: 40 a month
  expect(month.founded).toBeGreaterThan(0);
  expect(month.closed).toBeGreaterThan(0);
  await expectReportTiles(page, month);

  // 按居民区/村: every area with reports, with its four numbers.
  const shown = await tableRows(page, '按居民区/村');
  const expected = new Map(
    [...month.byArea].map(([id, a]) => [areaName(id), [a.total, a.founded, a.closed, a.overdue]]),
  );
  expect(new Map([...shown].sort())).toEqual(new Map([...expected].sort()));
  expect(expected.size).toBeGreaterThan(3);
  await expectMajorTiles(page, past.y);
  await screenshot(page, 'office-01-dashboard-month');

  // 年: this year (or last month's year in January), the whole of it.
  await visible(page, '.dash [role="radio"]:has-text("年")').click();
  await dashboardShows(page, `${past.y}年`);
  const year = reportFigures(`${past.y}-01-01`, `${past.y}-12-31`);
  expect(year.total).toBeGreaterThan(month.total);
  await expectReportTiles(page, year);
  const yearAreas = await tableRows(page, '按居民区/村');
  expect([...yearAreas.values()].reduce((s, r) => s + r[0], 0)).toBe(year.total);
  const m = await expectMajorTiles(page, past.y);
  expect(m.found).toBeGreaterThan(0);
  await screenshot(page, 'office-02-dashboard-year');
  console.log(
    `dashboard ${pastFrom}…${pastTo}: total ${month.total}, verified ${month.verified}, founded ${month.founded}, ` +
      `closed ${month.closed}, open ${month.open}, overdue ${month.overdue}, areas ${expected.size}; ` +
      `year ${past.y}: total ${year.total}, founded ${year.founded}, closed ${year.closed}, overdue ${year.overdue}; ` +
      `major ${JSON.stringify(m)}`,
  );
});

// ---------- 2. a routing rule changed ----------

const RULE = routingConfig.rules.find((r) => r.id === 'R06')!; // 电梯与特种设备 → 市场监管所
const elevator = (description: string, areaId: string, address: string) => {
  const area = areasConfig.find((a) => a.id === areaId)!;
  return submission({
    categoryId: 'elevator',
    description,
    areaId,
    location: { latitude: area.latitude, longitude: area.longitude, address },
  });
};

test('系统配置: 电梯 moves from 市场监管所 to 城建; a new report follows, the old one keeps its department', async () => {
  const { page, gateway } = session;
  expect(RULE.departmentCode).toBe('SCS');
  expect(RULE.categoryIds).toContain('elevator');

  // The OLD report, filed under the rules as they are.
  const old = await callCloud(
    gateway.url,
    'tipoff',
    'resident-demo',
    elevator('共康五村 3 号楼电梯这几天经常突然停顿，门关不严。', 'gk5', '共康五村 3 号楼'),
  );
  const oldBefore = rawDoc('tipoffs', old.id)!;
  expect(oldBefore.departmentId).toBe('SCS');
  expect(oldBefore.routing.ruleId).toBe('R06');

  await openFromMine('安委办：系统配置');
  const card = visible(page, '.config-card[aria-label="分派规则"]');
  await card.waitFor();
  const versionBefore = ((await card.locator('.config-card__version').textContent()) ?? '').trim();
  expect(versionBefore).toBe('第 1 版');
  await card.locator('.config-card__edit').click();

  const rule = visible(page, `.config-edit__item[aria-label="6. ${RULE.name}"]`);
  await rule.waitFor();
  await rule.locator('.ui-button', { hasText: '编辑' }).click();
  const lead = rule.getByRole('radiogroup', { name: '主办部门' });
  await lead.getByText('城建', { exact: true }).click();
  await expect(lead.getByRole('radio', { name: '城建' }).getAttribute('aria-checked')).resolves.toBe('true');
  await visible(page, '.config-edit__note input').fill('电梯隐患改由城建牵头（镇安委会议决定）');
  await visible(page, '.config-edit__save').click();
  const dialog = visible(page, '.ui-dialog__box');
  await dialog.getByText('保存为第 2 版分派规则？').waitFor();
  // The change in words names the one rule that changed (it listed all sixteen while the editor's key order differed).
  await dialog.getByText(`修改规则：${RULE.name}`, { exact: true }).waitFor();
  await dialog.getByText('修改原因：电梯隐患改由城建牵头（镇安委会议决定）').waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'office-03-routing-confirm.png') });
  await visible(page, '.ui-dialog__confirm').click();
  await visible(page, '.config-edit__saved').getByText('已保存为第 2 版').waitFor({ timeout: 30000 });
  await screenshot(page, 'office-04-routing-saved');

  // Back on 系统配置: 第 2 版 with its reason, and the tester sends 电梯 in 共康五村 to 城建.
  await visible(page, '.title-bar__back').click();
  const card2 = visible(page, '.config-card[aria-label="分派规则"]');
  await card2.locator('.config-card__version', { hasText: '第 2 版' }).waitFor({ timeout: 30000 });
  await card2.getByText('修改原因：电梯隐患改由城建牵头（镇安委会议决定）').waitFor();
  const tester = visible(page, '.config-tester');
  await tester.getByText('电梯故障/困人隐患', { exact: true }).click();
  await tester.getByText('共康五村', { exact: true }).click();
  await tester.locator('.config-tester__run').click();
  await tester.locator('.config-tester__dept').getByText('交 城建 办理').waitFor();
  await tester.getByText(`符合规则：${RULE.name}`).waitFor();
  await tester.getByText('按第 2 版分派规则').waitFor();
  await tester.locator('.config-tester__result').scrollIntoViewIfNeeded();
  await screenshot(page, 'office-05-routing-tester');

  // The NEW report follows the new rule; the old one is untouched.
  const fresh = await callCloud(
    gateway.url,
    'tipoff',
    'resident-demo',
    elevator('共康二村 18 号楼电梯按钮失灵，昨晚困人十分钟。', 'gk2', '共康二村 18 号楼'),
  );
  const freshDoc = rawDoc('tipoffs', fresh.id)!;
  expect(freshDoc.departmentId).toBe('CJ');
  expect(freshDoc.routing.ruleId).toBe('R06');
  const detail = await callCloud(gateway.url, 'queue', 'admin-demo', { action: 'detail', id: fresh.id });
  expect(JSON.stringify(detail)).toContain('城建');

  const oldAfter = rawDoc('tipoffs', old.id)!;
  expect(oldAfter.departmentId).toBe('SCS');
  expect(oldAfter.routing).toEqual(oldBefore.routing);
  expect(oldAfter.deadlines).toEqual(oldBefore.deadlines);
  expect(oldAfter.dueAt).toBe(oldBefore.dueAt);
  console.log(
    `routing: old ${old.no} ${oldAfter.departmentId} (${oldAfter.routing.reason}), new ${fresh.no} ` +
      `${freshDoc.departmentId} (${freshDoc.routing.reason})`,
  );
});

// ---------- 3. the monthly workbook ----------

test('月度报表: generated, downloaded and read back — seven sheets, 汇总 and 分区域 equal the raw count', async () => {
  const { page } = session;
  const cycle = monthlyCycle(defaultReportMonth(TODAY()));
  await openFromMine('安委办：月度报表');
  const card = visible(page, '.monthly-current');
  await card.getByText(`统计区间 ${cycle.rangeText}`).waitFor();
  await card.getByText('尚未生成').waitFor();
  await card.getByText('生成报表').click();
  await visible(page, '.ui-dialog__box').getByText(`生成${cycle.label}报表？`).waitFor();
  await visible(page, '.ui-dialog__confirm').click();
  await card.getByText(/^生成时间 /).waitFor({ timeout: 60000 });
  await card.getByText(MONTHLY_SHEETS.join('、'), { exact: false }).waitFor();
  await screenshot(page, 'office-06-monthly');

  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    card.locator('.ui-button', { hasText: '下载' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`月度报表-${cycle.label}.xlsx`);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual([...MONTHLY_SHEETS]);

  const f = reportFigures(cycle.from, cycle.to);
  expect(f.total).toBeGreaterThan(20);
  const summary = new Map<string, unknown>();
  wb.getWorksheet('汇总')!.eachRow((row) => {
    const k = row.getCell(1).value;
    if (typeof k === 'string' && !summary.has(k)) summary.set(k, row.getCell(2).value);
  });
  const pct1 = (n: number, d: number) => (d === 0 ? '—' : `${((n / d) * 100).toFixed(1)}%`);
  expect(summary.get('统计区间')).toBe(`${cycle.from} 至 ${cycle.to}`);
  expect({
    举报总数: summary.get('举报总数'),
    已核查: summary.get('已核查'),
    核查属实: summary.get('核查属实'),
    属实率: summary.get('属实率'),
    已销号: summary.get('已销号'),
    销号率: summary.get('销号率'),
    办理中: summary.get('办理中'),
    超期未办结: summary.get('超期未办结'),
  }).toEqual({
    举报总数: f.total,
    已核查: f.verified,
    核查属实: f.founded,
    属实率: pct1(f.founded, f.verified),
    已销号: f.closed,
    销号率: pct1(f.closed, f.founded),
    办理中: f.open,
    超期未办结: f.overdue,
  });
  const year = Number(cycle.to.slice(0, 4));
  const m = majorFigures(year);
  expect(summary.get(`重大隐患 ${year}年发现`)).toBe(m.found);
  expect(summary.get(`重大隐患 ${year}年已销号`)).toBe(m.closed);
  expect(summary.get(`重大隐患 ${year}年未销号`)).toBe(m.open);

  // 分区域: one row per area with its four numbers, and the 合计 row.
  const areas = new Map<string, number[]>();
  wb.getWorksheet('分区域')!.eachRow((row, i) => {
    if (i === 1) return;
    const cells = [2, 3, 4, 5].map((c) => Number(row.getCell(c).value));
    areas.set(String(row.getCell(1).value), cells);
  });
  expect(areas.get('合计')).toEqual([f.total, f.founded, f.closed, f.overdue]);
  areas.delete('合计');
  const expected = new Map([...f.byArea].map(([id, a]) => [areaName(id), [a.total, a.founded, a.closed, a.overdue]]));
  expect(new Map([...areas].sort())).toEqual(new Map([...expected].sort()));
  console.log(
    `workbook ${cycle.from}…${cycle.to}: total ${f.total}, verified ${f.verified}, founded ${f.founded}, ` +
      `closed ${f.closed}, open ${f.open}, overdue ${f.overdue}, areas ${expected.size}, major ${JSON.stringify(m)}`,
  );
});

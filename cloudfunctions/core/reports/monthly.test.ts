// 月度报表 (issue 11): the cycle rules at the 22nd/23rd and across a year end; the workbook read back with
// exceljs (sheet names, totals equal to the dashboard's computeStats over the same cycle); no identity in any
// cell; who may generate and read; the scheduler on the 22nd does nothing and on the 23rd writes once.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { defaultReportMonth, MONTHLY_SHEETS, monthlyCycle, shiftMonth } from '../../../types/monthly';
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { computeStats } from '../stats';
import { TIPOFFS, type TipoffDoc } from '../tipoffs';
import { AUDITS } from '../audit';
import { USERS } from '../users';
import { MONTHLY_REPORTS, prepareDueMonthly } from './monthly-store';
import { coverage, type ObservedQuery } from '../../../scripts/index-coverage';
import { GEO_INDEXES, INDEXES } from '../indexes';
import { LEDGER } from '../ledger';
import { REWARDS } from '../actions/reward';

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};

describe('the report cycle (每月23日前报送)', () => {
  it('covers the 23rd of the month before through the 22nd', () => {
    expect(monthlyCycle('2026-11')).toEqual({
      month: '2026-11',
      label: '2026年11月',
      from: '2026-10-23',
      to: '2026-11-22',
      rangeText: '10月23日—11月22日',
    });
  });

  it('crosses a year end in January, and names both years', () => {
    expect(monthlyCycle('2026-01')).toMatchObject({ from: '2025-12-23', to: '2026-01-22' });
    expect(monthlyCycle('2026-01').rangeText).toBe('2025年12月23日—2026年1月22日');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
  });

  it('defaults to the latest closed cycle: this month from the 23rd, the month before until the 22nd', () => {
    expect(defaultReportMonth('2026-11-22')).toBe('2026-10');
    expect(defaultReportMonth('2026-11-23')).toBe('2026-11');
    expect(defaultReportMonth('2026-11-30')).toBe('2026-11');
    expect(defaultReportMonth('2026-01-22')).toBe('2025-12');
    expect(defaultReportMonth('2026-01-23')).toBe('2026-01');
    expect(defaultReportMonth('2026-12-31')).toBe('2026-12');
  });
});

const NAME = '王小明';
const PHONE = '13912345678';
const ADDRESS = '共康五村 7 号楼 302 室';

async function readBook(env: TestEnv, fileID: string) {
  const { file } = await env.runtime.storage.locate(fileID);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  return wb;
}
const cells = (wb: ExcelJS.Workbook) => {
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? '')))),
  );
  return out;
};
/** The value beside a label in column A. */
const valueOf = (ws: ExcelJS.Worksheet, label: string) => {
  let v: unknown;
  ws.eachRow((row) => {
    if (v === undefined && row.getCell(1).value === label) v = row.getCell(2).value;
  });
  return v;
};
const lastRow = (ws: ExcelJS.Worksheet) => ws.getRow(ws.actualRowCount);

describe('the workbook', () => {
  let env: TestEnv;
  const queries = new Map<string, ObservedQuery>();
  beforeEach(async () => {
    env = await openTestEnv({
      start: '2026-11-10T10:00:00+08:00',
      onQuery: (q) => queries.set(JSON.stringify([q.collection, q.op, q.where, q.orderBy]), q),
    });
  });
  afterEach(() => env.close());

  async function fileReports() {
    // The demo seed's own reports are filed at the start (inside the cycle) too.
    const seeded = (await env.runtime.db.collection(TIPOFFS).count()).total;
    const filed = [];
    for (const areaId of ['gk5', 'gk5', 'gk2']) {
      filed.push(
        ok(
          await env.call(
            'tipoff',
            'submit',
            validSubmission({
              areaId,
              anonymous: false,
              contact: { name: NAME, phone: PHONE },
              location: { latitude: 31.3318, longitude: 121.4447, address: ADDRESS },
            }),
            'resident-demo',
          ),
        ),
      );
    }
    // At the cycle's edges: the first second in, the first second after (out).
    const { data } = await env.runtime.db.collection<TipoffDoc>(TIPOFFS).where({ _id: filed[0].id }).get();
    const base = data[0];
    const col = env.runtime.db.collection(TIPOFFS);
    const copy = (id: string, createdAt: string) => {
      const { _id, ...rest } = base;
      void _id;
      return col.doc(id).set({ data: { ...rest, no: `MX-2026-9${id.slice(-5)}`, createdAt } });
    };
    await copy('edge-in-00001', '2026-10-23T00:00:00+08:00');
    await copy('edge-out-0001', '2026-11-23T00:00:00+08:00');
    await copy('edge-out-0002', '2026-10-22T23:59:59+08:00');
    return { filed, seeded };
  }

  it('has the seven sheets, the dashboard’s totals over the 23rd-to-22nd cycle, and no identity anywhere', async () => {
    const { filed, seeded } = await fileReports();
    env.clock.now = new Date('2026-11-23T09:00:00+08:00');
    const view = ok(await env.call('admin', 'monthly', {}, 'admin-demo'));
    expect(view).toMatchObject({
      month: '2026-11',
      label: '2026年11月',
      from: '2026-10-23',
      to: '2026-11-22',
      by: expect.any(String),
      fileName: '月度报表-2026年11月.xlsx',
      sheets: [...MONTHLY_SHEETS],
    });
    expect(view.url).toMatch(/^\/storage\//);
    expect(JSON.stringify(view)).not.toMatch(/admin-demo/);

    const wb = await readBook(env, view.fileID);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...MONTHLY_SHEETS]);
    expect(view.sizeBytes).toBe(fs.statSync((await env.runtime.storage.locate(view.fileID)).file).size);

    const stats = await computeStats(env.runtime.db, env.runtime.deps.town, {
      range: { from: '2026-10-23', to: '2026-11-22' },
      period: { kind: 'month', key: '2026-11', label: '2026年11月' },
      departmentId: null,
      now: env.clock.now,
    });
    // The three filed and the one at 00:00 of the 23rd; neither neighbour outside.
    expect(stats.reports.total).toBe(seeded + filed.length + 1);
    const summary = wb.getWorksheet('汇总')!;
    expect(valueOf(summary, '举报总数')).toBe(stats.reports.total);
    expect(valueOf(summary, '办理中')).toBe(stats.reports.open);
    expect(valueOf(summary, '超期未办结')).toBe(stats.reports.overdue);
    const areas = wb.getWorksheet('分区域')!;
    expect(lastRow(areas).getCell(1).value).toBe('合计');
    expect(lastRow(areas).getCell(2).value).toBe(stats.reports.total);
    expect(areas.getRow(2).getCell(2).value).toBe(stats.reports.byArea[0].total);
    const groups = wb.getWorksheet('分行业领域')!;
    expect(lastRow(groups).getCell(2).value).toBe(stats.reports.total);
    expect(areas.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const text = cells(wb).join('\n');
    const filedDocs = (await env.runtime.db.collection<TipoffDoc>(TIPOFFS).where({}).limit(100).get()).data;
    for (const secret of [
      NAME,
      PHONE,
      ADDRESS,
      '7 号楼',
      'resident-demo',
      'admin-demo',
      ...filedDocs.flatMap((t) => [t.reporterKey, t.trackingCode, t.description]),
    ]) {
      expect(text).not.toContain(secret);
    }
    // Written once, audited; a second call answers the stored one.
    expect((await env.runtime.db.collection(AUDITS).where({ action: 'monthly.generate' }).count()).total).toBe(1);
    const again = ok(await env.call('admin', 'monthly', { month: '2026-11' }, 'admin-demo'));
    expect(again.fileID).toBe(view.fileID);
    const fresh = ok(await env.call('admin', 'monthly', { month: '2026-11', regenerate: true }, 'admin-demo'));
    expect(fresh.fileID).not.toBe(view.fileID);
    expect((await env.runtime.db.collection(AUDITS).where({ action: 'monthly.regenerate' }).count()).total).toBe(1);
    ok(await env.call('admin', 'monthlyList', {}, 'admin-demo'));

    // Every list query (ledger, overdue, rewards, the stored reports) on a declared index.
    const seen = [...queries.values()];
    for (const c of [LEDGER, TIPOFFS, REWARDS, MONTHLY_REPORTS]) expect(seen.some((q) => q.collection === c)).toBe(true);
    const uncovered = seen.filter(
      (q) =>
        q.op !== 'aggregate' && !coverage(q, INDEXES[q.collection] ?? [], GEO_INDEXES[q.collection] ?? []).covered,
    );
    expect(uncovered).toEqual([]);
  });

  it('lists overdue and escalated reports under 超期与督办', async () => {
    const [first] = (await fileReports()).filed;
    await env.runtime.db
      .collection(TIPOFFS)
      .doc(first.id)
      .update({ data: { dueAt: '2026-11-15T17:00:00+08:00', escalationLevel: 2 } });
    env.clock.now = new Date('2026-11-23T09:00:00+08:00');
    const view = ok(await env.call('admin', 'monthly', {}, 'admin-demo'));
    const ws = (await readBook(env, view.fileID)).getWorksheet('超期与督办')!;
    let row: ExcelJS.Row | undefined;
    ws.eachRow((r) => {
      if (r.getCell(1).value === first.no) row = r;
    });
    if (!row) throw new Error(`${first.no} not listed`);
    // 2026-11-15 17:00 → 2026-11-23 09:00: 7 days 16 hours, counted as 8 started days.
    expect(row.getCell(8).value).toBe(8);
    expect(row.getCell(9).value).toBe('通报');
    expect(lastRow(ws).getCell(1).value).toBe('合计');
  });
});

describe('who may generate and read', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await openTestEnv({ start: '2026-11-23T09:00:00+08:00' });
  });
  afterEach(() => env.close());

  it('leaders read what 安委办 generated; they may not generate; a running cycle is refused', async () => {
    // A leader who is only a leader (the demo's leader is also 安委办).
    const users = env.runtime.db.collection(USERS);
    const { _id, ...leader } = (await users.where({ _id: 'leader-demo' }).get()).data[0] as { _id: string };
    void _id;
    await users.doc('leader-only').set({ data: { ...leader, roles: ['leader'] } });
    expect((await env.call('admin', 'monthly', {}, 'leader-only')).error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await env.call('admin', 'monthly', { regenerate: true }, 'leader-only')).error).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await env.call('admin', 'monthly', { month: '2026-12' }, 'admin-demo')).error).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect((await env.call('admin', 'monthly', {}, 'staff-CJ')).error).toMatchObject({ code: 'FORBIDDEN' });
    ok(await env.call('admin', 'monthly', { month: '2026-10' }, 'admin-demo'));
    ok(await env.call('admin', 'monthly', {}, 'admin-demo'));
    const read = ok(await env.call('admin', 'monthly', {}, 'leader-only'));
    expect(read.month).toBe('2026-11');
    const list = ok(await env.call('admin', 'monthlyList', {}, 'leader-only'));
    expect(list.map((r: { month: string }) => r.month)).toEqual(['2026-11', '2026-10']);
    expect(list[0].url).toMatch(/^\/storage\//);
    expect(JSON.stringify(list)).not.toMatch(/actor|admin-demo|scheduler/);
  });
});

describe('the scheduler', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await openTestEnv({ start: '2026-11-22T23:30:00+08:00' });
  });
  afterEach(() => env.close());
  const stored = async () => (await env.runtime.db.collection(MONTHLY_REPORTS).count()).total;

  it('does nothing on the 22nd, writes the month once from the 23rd, and retries a failure next hour', async () => {
    expect(await prepareDueMonthly(env.runtime.deps)).toBeNull();
    expect(await stored()).toBe(0);

    env.clock.now = new Date('2026-11-23T00:05:00+08:00');
    const files = env.runtime.deps.files;
    const failing = { ...files, store: () => Promise.reject(new Error('storage down')) };
    expect(await prepareDueMonthly({ ...env.runtime.deps, files: failing })).toEqual({
      month: '2026-11',
      result: 'failed',
    });
    expect(await stored()).toBe(0);

    env.clock.advance(3600_000);
    expect(await prepareDueMonthly(env.runtime.deps)).toEqual({ month: '2026-11', result: 'created' });
    env.clock.advance(3600_000);
    expect(await prepareDueMonthly(env.runtime.deps)).toEqual({ month: '2026-11', result: 'exists' });
    expect(await stored()).toBe(1);
    const view = ok(await env.call('admin', 'monthly', {}, 'admin-demo'));
    expect(view.by).toBe('系统（每月23日自动生成）');
    expect(view.generatedAt).toBe('2026-11-23T01:05:00+08:00');
  });
});

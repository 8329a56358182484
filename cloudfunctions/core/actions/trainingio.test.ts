// Issue 9: the question bank as .xlsx — export then import changes nothing; a file with wrong rows answers
// each row's error in Chinese and writes nothing; a changed row raises its version; a new row is numbered.
import ExcelJS from 'exceljs';
import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';
import { AUDITS } from '../audit';
import { TOPIC_PREFIX } from '../../../types/training-admin';
import { TOPIC_ID_PREFIX } from '../training-bank';
import { QUESTIONS as ADMIN_QUESTIONS } from '../training/bank-admin';
import { QUESTIONS } from '../training/bank-store';
import { SHEET_COLUMNS } from '../training/question-sheet';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
  // 题库管理 opens with training.questions, which seeds the bank (trainingio does not carry it).
  expect((await env.call('training', 'questions', { page: 1, pageSize: 1 }, 'admin-demo')).ok).toBe(true);
});
afterEach(() => env.close());

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const io = (action: string, input: Record<string, unknown>, openid = 'admin-demo') =>
  env.call('trainingio', action, input, openid);

/** The exported sheet's rows as plain values (row 1 = the header). */
async function rowsOf(base64: string): Promise<(string | number)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: (string | number)[][] = [];
  ws.eachRow((row) => {
    rows.push(SHEET_COLUMNS.map((_, i) => (row.getCell(i + 1).value as string | number | null) ?? ''));
  });
  return rows;
}
async function sheetOf(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const col = (name: (typeof SHEET_COLUMNS)[number]) => SHEET_COLUMNS.indexOf(name);

describe('trainingio.exportQuestions / importQuestions', () => {
  it('exports the bank with the agreed columns; importing the same file changes nothing', async () => {
    const exported = ok(await io('exportQuestions', {}));
    expect(exported.fileName).toMatch(/^题库-全部-\d{8}\.xlsx$/);
    const rows = await rowsOf(exported.base64);
    expect(rows[0]).toEqual([...SHEET_COLUMNS]);
    expect(rows.length - 1).toBe(exported.count);
    expect(exported.count).toBeGreaterThanOrEqual(150);
    const judge = rows.find((r) => r[col('题型')] === '判断')!;
    expect(['正确', '错误']).toContain(judge[col('答案')]);
    expect(judge[col('选项A')]).toBe('');

    const before = await env.digest();
    const res = ok(await io('importQuestions', { base64: exported.base64, fileName: exported.fileName }));
    expect(res).toMatchObject({ ok: true, rows: exported.count, created: 0, updated: 0, unchanged: exported.count });
    expect(res.errors).toEqual([]);
    expect(await env.digest()).toBe(before);
    // leaders may export, not import
    ok(await io('exportQuestions', { topic: 'fire' }, 'leader-demo'));
    expect((await io('importQuestions', { base64: exported.base64 }, 'head-CJ')).error.code).toBe('FORBIDDEN');
  });

  it('a file with wrong rows answers each row in Chinese and writes nothing', async () => {
    const rows = await rowsOf(ok(await io('exportQuestions', { topic: 'fire' })).base64);
    const choice = (i: number) => rows.findIndex((r, k) => k >= i && r[col('题型')] === '单选' && !r[col('选项E')]);
    const judge = rows.findIndex((r) => r[col('题型')] === '判断');
    const a = choice(1);
    rows[a][col('答案')] = 'E'; // not an option
    const b = choice(a + 1);
    rows[b][col('出处文件')] = ''; // no source
    const c = choice(b + 1);
    rows[c][col('编号')] = rows[1][col('编号')]; // duplicate id
    const d = choice(c + 1);
    rows[d][col('主题')] = '交通安全'; // unknown topic
    rows[judge][col('选项A')] = '正确';
    rows[judge][col('选项B')] = '错误'; // judge with options A/B
    const before = await env.digest();
    const res = ok(await io('importQuestions', { base64: await sheetOf(rows) }));
    expect(res).toMatchObject({ ok: false, created: 0, updated: 0 });
    const messages = res.errors.map((e: { message: string }) => e.message);
    expect(messages).toContain(`第 ${a + 1} 行：答案 E 不在选项中`);
    expect(messages).toContain(`第 ${b + 1} 行：出处文件必填`);
    expect(messages).toContain(`第 ${c + 1} 行：编号 ${rows[1][col('编号')]} 与第 2 行重复`);
    expect(messages.some((m: string) => m.startsWith(`第 ${d + 1} 行：主题“交通安全”不认识`))).toBe(true);
    expect(messages).toContain(`第 ${judge + 1} 行：判断题不填选项（选项 A、B 应为空），答案写“正确”或“错误”`);
    expect(res.errors.map((e: { row: number }) => e.row)).toEqual(
      [...res.errors.map((e: { row: number }) => e.row)].sort((x, y) => x - y),
    );
    expect(await env.digest()).toBe(before);
  });

  it('a changed row raises its version, a row without 编号 is created as the next id, once, audited', async () => {
    const rows = await rowsOf(ok(await io('exportQuestions', { topic: 'fire' })).base64);
    const last = Math.max(...rows.slice(1).map((r) => Number(String(r[col('编号')]).slice(3))));
    const id = rows[1][col('编号')] as string;
    rows[1][col('题干')] = `${rows[1][col('题干')]}（修订）`;
    const fresh = [...rows[1]];
    fresh[col('编号')] = '';
    fresh[col('题干')] = '表格里新写的一道消防安全题目。';
    rows.push(fresh);
    const base64 = await sheetOf(rows);

    const before = await env.digest();
    const dry = ok(await io('importQuestions', { base64, dryRun: true }));
    expect(dry).toMatchObject({ ok: true, dryRun: true, created: 1, updated: 1 });
    expect(await env.digest()).toBe(before);

    const res = ok(await io('importQuestions', { base64, fileName: '消防.xlsx' }));
    expect(res).toMatchObject({ ok: true, created: 1, updated: 1, unchanged: rows.length - 3 });
    const list = ok(await env.call('training', 'questions', { topic: 'fire', page: 1, pageSize: 50 }, 'admin-demo'));
    const byId = new Map(list.items.map((q: { id: string }) => [q.id, q]));
    expect(byId.get(id)).toMatchObject({ version: 2, stem: rows[1][col('题干')] });
    expect(byId.get(`fi-${String(last + 1).padStart(3, '0')}`)).toMatchObject({
      version: 1,
      stem: '表格里新写的一道消防安全题目。',
    });
    const audits = (await env.runtime.db.collection(AUDITS).where({ action: 'trainingio.importQuestions' }).get()).data;
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ targetType: 'question', targetId: '消防.xlsx' });
    // the same file again: the edited row is now unchanged; the id-less row is another new question
    const again = ok(await io('importQuestions', { base64 }));
    expect(again).toMatchObject({ created: 1, updated: 0 });
  });

  it('a 停用 row retires its question; a file that is not an .xlsx, or a bad header, is refused', async () => {
    const rows = await rowsOf(ok(await io('exportQuestions', { topic: 'gas' })).base64);
    rows[1][col('状态')] = '停用';
    ok(await io('importQuestions', { base64: await sheetOf(rows) }));
    const retired = ok(
      await env.call('training', 'questions', { topic: 'gas', retired: true, page: 1, pageSize: 5 }, 'admin-demo'),
    );
    expect(retired.items.map((q: { id: string }) => q.id)).toEqual([rows[1][col('编号')]]);

    const text = await io('importQuestions', { base64: Buffer.from('编号,主题\nfi-001,消防安全').toString('base64') });
    expect(text.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(text.error.message).toContain('.xlsx');
    const header = ok(
      await io('importQuestions', {
        base64: await sheetOf([
          ['编号', '题干'],
          ['fi-001', 'x'],
        ]),
      }),
    );
    expect(header.ok).toBe(false);
    expect(header.errors[0].message).toMatch(/^第 1 行：表头缺少列：主题、题型/);
  });

  it('refuses before the bank is seeded (it does not carry config/training), and names the same collection and prefixes', async () => {
    const fresh = await openTestEnv();
    try {
      const res = await fresh.call('trainingio', 'exportQuestions', {}, 'admin-demo');
      expect(res.error).toMatchObject({
        code: 'CONFLICT',
        message: '题库尚未准备好：请先打开“题库管理”，再导入或导出',
      });
    } finally {
      fresh.close();
    }
    expect(ADMIN_QUESTIONS).toBe(QUESTIONS);
    expect(TOPIC_PREFIX).toEqual(TOPIC_ID_PREFIX);
  });
});

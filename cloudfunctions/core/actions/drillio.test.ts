// Issue 10: a closed drill's record as .xlsx — only once closed, only for those who oversee it; the sheet holds
// the record and the sign-in list (names, never an openid).
import ExcelJS from 'exceljs';
import { drillSample } from '../../../local-engine/action-samples';
import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';
import { uploadScope } from '../../../types/user';

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const drill = (action: string, input: Record<string, unknown>, openid = 'manager-demo') =>
  env.call('drill', action, input, openid);
const exportRecord = (drillId: string, openid = 'manager-demo') =>
  env.call('drillio', 'exportRecord', { drillId }, openid);

it('exports the closed record and sign-in list; refuses before closing and to others', async () => {
  const id = ok(await drill('create', drillSample())).id as string;
  const { token } = ok(await drill('qr', { drillId: id }));
  ok(await drill('checkin', { token, latitude: 31.3318, longitude: 121.4447, accuracy: 5 }, 'worker-demo'));
  env.clock.advance(1000);
  ok(await drill('addByHand', { drillId: id, name: '张师傅' }));
  ok(await drill('start', { drillId: id }));
  expect((await exportRecord(id)).error).toMatchObject({ code: 'CONFLICT' });
  env.clock.advance(125_000);
  ok(await drill('allClear', { drillId: id }));
  const photo = await env.upload('manager-demo', uploadScope.drill(id));
  const record = { problems: '无', improvements: '无', rating: 'good', evaluation: '有序', photos: [photo] };
  ok(await drill('close', { drillId: id, record }));

  for (const who of ['worker-demo', 'resident-demo'])
    expect((await exportRecord(id, who)).error.code).toBe('FORBIDDEN');
  const out = ok(await exportRecord(id, 'leader-demo'));
  expect(out.fileName).toBe('演练记录-一号车间疏散演练-20261128.xlsx');
  const bytes = Buffer.from(out.base64, 'base64');
  expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
  expect(bytes.toString('latin1')).not.toMatch(/worker-demo|manager-demo/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows = new Map<string, unknown>();
  wb.getWorksheet('演练记录')!.eachRow((r) => rows.set(String(r.getCell(1).value), r.getCell(2).value));
  expect(rows.get('疏散用时')).toBe('2 分 5 秒');
  expect(rows.get('实到人数')).toBe(2);
  expect(rows.get('其中手工登记')).toBe(1);
  expect(rows.get('评估结论')).toBe('良好');
  // The only bound person besides the planner (who runs it, so is not expected) checked in.
  expect(rows.get('未到人员')).toBe('无');
  const names: unknown[] = [];
  wb.getWorksheet('签到名单')!.eachRow((r, n) => n > 1 && names.push([r.getCell(2).value, r.getCell(4).value]));
  expect(names).toEqual([
    ['从业人员（演示）', '扫码签到'],
    ['张师傅', '手工登记'],
  ]);
});

// The 曝光台's mapping of a stored item and its case to what everyone signed in sees: status words (已销号 once
// closed), the cleaned text with the town's case numbers kept, the area, the deadline, nothing of a person.
import { OPEN311_DESCRIPTION_MAX } from '../../types/open311';
import { TIPOFF_STATUSES, type TipoffStatus } from '../../types/tipoff';
import {
  EXPOSED_LEDGER_FIELDS,
  EXPOSED_TIPOFF_FIELDS,
  exposureCandidate,
  type ExposedLedger,
  type ExposedTipoff,
  type ExposureDoc,
  exposureIdForLedger,
  exposureIdForTipoff,
  exposureItem,
  ledgerStatusWords,
  publicText,
  tipoffStatusWords,
} from './exposure';
import type { LedgerDoc } from './ledger';
import { defaultTown } from './town';

const town = defaultTown();

const doc = (over: Partial<ExposureDoc> = {}): ExposureDoc => ({
  _id: 'tipoff_t1',
  kind: 'overdue',
  tipoffId: 't1',
  no: 'MX-2026-000001',
  listed: true,
  publishedAt: '2026-11-20T09:00:00+08:00',
  history: [{ at: '2026-11-20T09:00:00+08:00', what: 'published', by: '系统（超期自动曝光）' }],
  updatedAt: '2026-11-20T09:00:00+08:00',
  ...over,
});

const tipoff = (over: Partial<ExposedTipoff> = {}): ExposedTipoff => ({
  _id: 't1',
  no: 'MX-2026-000001',
  status: 'rectifying',
  categoryId: 'fire-passage',
  areaId: 'gk2',
  description: '楼道堆放杂物，联系电话 13812345678',
  departmentId: 'XF',
  dueAt: '2026-11-10T17:00:00+08:00',
  ...over,
});

const ledger = (over: Partial<ExposedLedger> = {}): ExposedLedger => ({
  _id: 'l1',
  no: 'ZD-2026-0001',
  title: '仓库违规储存危化品（MX-2026-000012）',
  description: '张先生反映 3号楼 仓库存放液化气钢瓶',
  categoryId: 'fire-passage',
  departmentId: 'YJ',
  enterpriseName: '某某物流有限公司',
  deadline: '2026-12-01T00:00:00+08:00',
  status: 'rectifying',
  createdAt: '2026-11-01T10:00:00+08:00',
  ...over,
});

describe('ids and the fields read', () => {
  it('gives one id per case', () => {
    expect(exposureIdForTipoff('abc')).toBe('tipoff_abc');
    expect(exposureIdForLedger('abc')).toBe('ledger_abc');
  });

  it('projects a report and a ledger entry to the published fields only (no reporter, location, photos)', () => {
    expect(EXPOSED_TIPOFF_FIELDS).toEqual({
      _id: true,
      no: true,
      status: true,
      categoryId: true,
      areaId: true,
      description: true,
      departmentId: true,
      dueAt: true,
      moderation: true,
      'rectification.deadline': true,
    });
    expect(EXPOSED_LEDGER_FIELDS).toEqual({
      _id: true,
      no: true,
      title: true,
      description: true,
      categoryId: true,
      departmentId: true,
      enterpriseId: true,
      enterpriseName: true,
      deadline: true,
      status: true,
      tipoffId: true,
      // Tells a self-inspection's entry, whose description the board cuts to its basis (ledgerDescription).
      inspectionId: true,
      createdAt: true,
    });
  });
});

describe('status words', () => {
  it('says 已销号 for a closed report, the resident words otherwise, resolved only once ended', () => {
    expect(tipoffStatusWords('closed')).toEqual({ label: '已销号', resolved: true });
    expect(tipoffStatusWords('unfounded')).toEqual({ label: '已办结（不属实）', resolved: true });
    expect(tipoffStatusWords('rectified')).toEqual({ label: '整改完成待复核', resolved: false });
    expect(tipoffStatusWords('assigned')).toEqual({ label: '已分派', resolved: false });
    const resolved = TIPOFF_STATUSES.filter((s) => tipoffStatusWords(s).resolved);
    expect(resolved).toEqual(['unfounded', 'closed', 'merged', 'rejected']);
    expect(tipoffStatusWords('gone' as TipoffStatus)).toEqual({ label: '处理中', resolved: false });
  });

  it('says 已销号 for a signed-off ledger entry, resolved only then', () => {
    expect(ledgerStatusWords('open')).toEqual({ label: '待整改', resolved: false });
    expect(ledgerStatusWords('rectifying')).toEqual({ label: '整改中', resolved: false });
    expect(ledgerStatusWords('rectified')).toEqual({ label: '整改完成待审核', resolved: false });
    expect(ledgerStatusWords('closed')).toEqual({ label: '已销号', resolved: true });
    expect(ledgerStatusWords('gone' as LedgerDoc['status'])).toEqual({ label: '整改中', resolved: false });
  });
});

describe('publicText', () => {
  it('cleans phones, house numbers and names but keeps the town case numbers', () => {
    expect(publicText('张先生 13812345678 反映 3号楼 的隐患，见 MX-2026-000012 和 ZD-2026-0003')).toBe(
      '某先生 *** 反映 *号楼 的隐患，见 MX-2026-000012 和 ZD-2026-0003',
    );
    expect(publicText('ZD-2026-12345 与 MX-2026-000001')).toBe('ZD-2026-12345 与 MX-2026-000001');
    expect(publicText('台账 ZD-2026-12345678901')).toBe('台账 ZD-2026-12345678901');
    // Not the town's number format: masked like any long number.
    expect(publicText('ZD-2026-123 已上报')).toBe('ZD-*** 已上报');
    expect(publicText('')).toBe('');
  });

  it('maps placeholders beyond Z back to their own numbers', () => {
    // 28 numbers: placeholders A … Z, AA, AB; the text is cleaned before the numbers come back, so its length is
    // the placeholders' (short), and all 28 fit.
    const numbers = Array.from({ length: 28 }, (_, i) => `ZD-2026-${String(i + 1).padStart(4, '0')}`);
    const text = numbers.join('');
    expect(publicText(text)).toBe(text);
    const reversed = [...numbers].reverse().join('、');
    expect(publicText(reversed)).toBe(reversed);
  });

  it('drops a placeholder the text itself contains and one cut off at the end', () => {
    expect(publicText('有人写了 ⟦Q⟧ 进来')).toBe('有人写了  进来');
    expect(publicText('写了⟦A⟧')).toBe('写了');
    expect(publicText('abc⟦')).toBe('abc');
    expect(publicText('abc⟦AB')).toBe('abc');
    expect(publicText('abc⟦AB 后')).toBe('abc⟦AB 后');
  });

  it('cuts a long text at the published length without a broken placeholder (the … stays)', () => {
    // The cleaner counts the placeholder ⟦A⟧, not the number: 199 + 3 characters are cut after ⟦ or ⟦A.
    for (const pad of [199, 198]) {
      const out = publicText(`${'隐'.repeat(pad)}MX-2026-000012`);
      expect(out).toBe(`${'隐'.repeat(pad)}…`);
    }
    const fits = `${'隐'.repeat(OPEN311_DESCRIPTION_MAX - 3)}MX-2026-000012`;
    expect(publicText(fits)).toBe(fits);
  });
});

describe('exposureItem', () => {
  it('shows a report: cleaned text, its area, the department by name, the rectification deadline first', () => {
    const item = exposureItem(
      doc({ areaId: 'gk5' }),
      { tipoff: tipoff({ rectification: { deadline: '2026-11-30T00:00:00+08:00' } as never }) },
      town,
    );
    expect(item).toEqual({
      id: 'tipoff_t1',
      kind: 'overdue',
      kindLabel: '超期曝光',
      no: 'MX-2026-000001',
      categoryName: '堵占消防通道',
      description: '楼道堆放杂物，联系电话 ***',
      areaName: '共康二村',
      departmentName: '消防救援',
      deadline: '2026-11-30',
      statusLabel: '整改中',
      resolved: false,
      publishedAt: '2026-11-20T09:00:00+08:00',
    });
  });

  it('uses the due date without a rectification, the stored area when the report has none, and hides unchecked text', () => {
    const item = exposureItem(
      doc({ areaId: 'gk5' }),
      { tipoff: tipoff({ areaId: '', moderation: 'unchecked', status: 'closed' }) },
      town,
    );
    expect(item).toMatchObject({
      description: '',
      areaName: '共康五村',
      deadline: '2026-11-10',
      statusLabel: '已销号',
      resolved: true,
    });
    const bare = exposureItem(doc(), { tipoff: tipoff({ areaId: 'nowhere', dueAt: null as never }) }, town);
    expect(bare).not.toHaveProperty('areaName');
    expect(exposureItem(doc({ areaId: 'nowhere' }), { tipoff: tipoff({ areaId: '' }) }, town)).not.toHaveProperty(
      'areaName',
    );
    expect(bare.deadline).toBeNull();
    expect(bare).not.toHaveProperty('note');
    expect(exposureItem(doc(), { tipoff: tipoff({ moderation: 'passed' as never }) }, town).description).toBe(
      '楼道堆放杂物，联系电话 ***',
    );
  });

  it('shows a ledger entry with its enterprise, cleaned title and text, and the 督办 note', () => {
    const item = exposureItem(
      doc({
        _id: 'ledger_l1',
        kind: 'supervised',
        ledgerId: 'l1',
        no: 'ZD-2026-0001',
        areaId: 'gk2',
        note: '请王经理 12月1日前整改',
      }),
      { ledger: ledger() },
      town,
    );
    expect(item).toEqual({
      id: 'ledger_l1',
      kind: 'supervised',
      kindLabel: '挂牌督办',
      areaName: '共康二村',
      note: '请某经理 12月1日前整改',
      publishedAt: '2026-11-20T09:00:00+08:00',
      no: 'ZD-2026-0001',
      enterpriseName: '某某物流有限公司',
      categoryName: '堵占消防通道',
      title: '仓库违规储存危化品（MX-2026-000012）',
      description: '某先生反映 *号楼 仓库存放液化气钢瓶',
      departmentName: '应急',
      deadline: '2026-12-01',
      statusLabel: '整改中',
      resolved: false,
    });
    const plain = exposureItem(
      doc({ kind: 'supervised' }),
      { ledger: ledger({ enterpriseName: undefined, status: 'closed', deadline: null as never }) },
      town,
    );
    expect(plain).not.toHaveProperty('enterpriseName');
    expect(plain).not.toHaveProperty('areaName');
    expect(plain).toMatchObject({ deadline: null, statusLabel: '已销号', resolved: true });
  });

  it('still says what a vanished case was', () => {
    expect(exposureItem(doc({ areaId: 'gk2' }), {}, town)).toEqual({
      id: 'tipoff_t1',
      kind: 'overdue',
      kindLabel: '超期曝光',
      areaName: '共康二村',
      publishedAt: '2026-11-20T09:00:00+08:00',
      no: 'MX-2026-000001',
      categoryName: '其他隐患',
      description: '',
      departmentName: '',
      deadline: null,
      statusLabel: '已办结',
      resolved: true,
    });
  });

  it('never carries a field beyond the published ones', () => {
    const published = new Set([
      'id',
      'kind',
      'kindLabel',
      'no',
      'enterpriseName',
      'categoryName',
      'title',
      'description',
      'areaName',
      'departmentName',
      'deadline',
      'statusLabel',
      'resolved',
      'note',
      'publishedAt',
    ]);
    const leaky = { ...tipoff(), reporterOpenid: 'o-secret', location: { latitude: 1 }, contact: { phone: '1' } };
    for (const item of [
      exposureItem(doc(), { tipoff: leaky as ExposedTipoff }, town),
      exposureItem(doc(), { ledger: { ...ledger(), address: '某路 1 号' } as ExposedLedger }, town),
    ]) {
      for (const key of Object.keys(item)) expect(published.has(key)).toBe(true);
    }
  });
});

describe('exposureCandidate', () => {
  it('offers an open major hazard with its names and day', () => {
    expect(exposureCandidate(ledger(), town)).toEqual({
      ledgerId: 'l1',
      no: 'ZD-2026-0001',
      title: '仓库违规储存危化品（MX-2026-000012）',
      enterpriseName: '某某物流有限公司',
      categoryName: '堵占消防通道',
      departmentName: '应急',
      deadline: '2026-12-01',
      statusLabel: '整改中',
      createdAt: '2026-11-01T10:00:00+08:00',
    });
    const bare = exposureCandidate(ledger({ enterpriseName: '', createdAt: undefined, status: 'open' }), town);
    expect(bare).not.toHaveProperty('enterpriseName');
    expect(bare).toMatchObject({ createdAt: '', statusLabel: '待整改' });
  });
});

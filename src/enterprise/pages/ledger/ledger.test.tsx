import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { LedgerEntry } from '../../../../types';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { uploadImage } from '../../../services/transport';
import EnterpriseLedgerPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, enterprise: { ledger: jest.fn(), ledgerProgress: jest.fn() } },
}));
jest.mock('../../../services/transport', () => ({ uploadImage: jest.fn(), mediaUrl: (u: string) => u }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; enterprise: Record<string, jest.Mock> };
const taro = Taro as unknown as Record<string, jest.Mock>;
const MANAGER = { openid: 'x', roles: ['resident', 'safetyManager'], uploadKey: 'u', enterpriseId: 'e1' };

function entry(over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: 'L42',
    no: 'ZD-2026-0042',
    source: 'selfReport',
    title: '后门安全出口被堵塞',
    description: '企业自查发现：后门被纸箱堵住',
    categoryId: 'fire',
    categoryName: '消防',
    grade: 'major',
    departmentId: 'XF',
    departmentName: '消防救援所',
    enterpriseId: 'e1',
    enterpriseName: '某某饭店',
    address: '共康路 1 号',
    deadline: '2099-12-10',
    status: 'open',
    progress: [{ at: '2026-11-29T10:00:00+08:00', note: '企业自查发现，已入台账' }],
    inspectionId: 'ins1',
    createdAt: '2026-11-29T10:00:00+08:00',
    ...over,
  };
}
const page = (items: LedgerEntry[]) => ({ items, total: items.length, page: 1, pageSize: 20 });
const note = (value: string) =>
  fireEvent.change(document.querySelector('.ledger-ent__note textarea, textarea.ledger-ent__note') as HTMLElement, {
    target: { value },
  });

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue(MANAGER);
  mocked.enterprise.ledger.mockResolvedValue(page([entry()]));
  (uploadImage as jest.Mock).mockImplementation(async (p: string) => ({ fileID: `f-${p}`, preview: `/s/${p}` }));
});

test('an entry shows status, source, deadline and progress; the filter asks the server', async () => {
  render(<EnterpriseLedgerPage />);
  expect(await screen.findByText('后门安全出口被堵塞')).toBeTruthy();
  expect(screen.getAllByText('待整改').length).toBeGreaterThanOrEqual(2); // filter chip + badge
  expect(screen.getByText('企业自查')).toBeTruthy();
  expect(screen.getByText('整改期限：2099-12-10')).toBeTruthy();
  // The card is named by what it shows (axe label-content-name-mismatch): no shorter aria-label over it.
  const card = screen.getByText('后门安全出口被堵塞').closest('[role="button"]');
  expect(card?.getAttribute('aria-label')).toBeNull();
  expect(card?.textContent).toContain('整改期限：2099-12-10');
  fireEvent.click(screen.getByText('待部门审核'));
  await waitFor(() =>
    expect(mocked.enterprise.ledger).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'rectified' })),
  );
});

test('a past deadline on an open entry says 已超期', async () => {
  mocked.enterprise.ledger.mockResolvedValue(page([entry({ deadline: '2020-01-01' })]));
  render(<EnterpriseLedgerPage />);
  expect(await screen.findByText('整改期限：2020-01-01（已超期）')).toBeTruthy();
});

test('添加整改进展 sends a note without done', async () => {
  mocked.enterprise.ledgerProgress.mockResolvedValue(entry({ status: 'rectifying' }));
  render(<EnterpriseLedgerPage />);
  await screen.findByText('后门安全出口被堵塞');
  fireEvent.click(screen.getByText('添加进展'));
  expect(screen.getByText('请填写整改进展（至少 2 个字）')).toBeTruthy();
  note('已联系搬运');
  fireEvent.click(screen.getByText('添加进展'));
  await waitFor(() => expect(mocked.enterprise.ledgerProgress).toHaveBeenCalledWith({ id: 'L42', note: '已联系搬运' }));
  await waitFor(() => expect(document.querySelector('.ledger-ent__status')?.textContent).toBe('整改中'));
});

test('整改完成，申请销号 needs photos, is confirmed, and leaves the entry 待部门审核', async () => {
  mocked.enterprise.ledgerProgress.mockResolvedValue(
    entry({
      status: 'rectified',
      progress: [
        { at: '2026-11-30T10:00:00+08:00', note: '企业整改完成，申请销号：已清空纸箱', evidenceUrls: ['/s/a'] },
      ],
    }),
  );
  render(<EnterpriseLedgerPage />);
  await screen.findByText('后门安全出口被堵塞');
  fireEvent.click(screen.getByText('整改完成，申请销号'));
  note('已清空纸箱');
  fireEvent.click(screen.getByText('申请销号'));
  expect(screen.getByText('申请销号须上传整改后照片')).toBeTruthy();
  expect(mocked.enterprise.ledgerProgress).not.toHaveBeenCalled();

  taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['blob:1'] });
  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() => expect(document.querySelector('.photos__item--done')).toBeTruthy());
  expect((uploadImage as jest.Mock).mock.calls[0][1]).toBe('ledger:L42');
  fireEvent.click(screen.getByText('申请销号'));
  const dialog = document.querySelector('.ledger-ent__confirm') as HTMLElement;
  expect(within(dialog).getByText(/提交后由消防救援所审核/)).toBeTruthy();
  fireEvent.click(within(dialog).getByText('确认申请'));
  await waitFor(() =>
    expect(mocked.enterprise.ledgerProgress).toHaveBeenCalledWith({
      id: 'L42',
      note: '已清空纸箱',
      done: true,
      evidence: ['f-blob:1'],
    }),
  );
  expect(await screen.findByText(/已申请销号，等待消防救援所审核/)).toBeTruthy();
  expect(screen.getByText('整改完成待审核')).toBeTruthy();
  expect(screen.queryByText('整改完成，申请销号')).toBeNull();
});

test('a refusal is shown in the server words', async () => {
  mocked.enterprise.ledgerProgress.mockRejectedValue(new CloudError('CONFLICT', '该隐患已销号'));
  render(<EnterpriseLedgerPage />);
  await screen.findByText('后门安全出口被堵塞');
  note('继续整改中');
  fireEvent.click(screen.getByText('添加进展'));
  expect(await screen.findByText('该隐患已销号')).toBeTruthy();
});

test('a tip-off entry cannot be closed by the enterprise; empty and error states', async () => {
  mocked.enterprise.ledger.mockResolvedValueOnce(page([entry({ tipoffId: 't1', tipoffNo: 'JB-1' })]));
  const view = render(<EnterpriseLedgerPage />);
  await screen.findByText('后门安全出口被堵塞');
  expect(screen.queryByText('整改完成，申请销号')).toBeNull();
  expect(screen.getByText(/由群众举报转入/)).toBeTruthy();
  view.unmount();

  mocked.enterprise.ledger.mockResolvedValueOnce(page([]));
  const second = render(<EnterpriseLedgerPage />);
  expect(await screen.findByText('台账中没有本企业的重大事故隐患')).toBeTruthy();
  second.unmount();

  mocked.enterprise.ledger.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<EnterpriseLedgerPage />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
});

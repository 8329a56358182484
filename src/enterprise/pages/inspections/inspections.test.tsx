import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { InspectionDetail, InspectionSummary } from '../../../../types/inspection';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { setRouterParams } from '../../../test-support/taro';
import InspectionsPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, enterprise: { inspections: jest.fn(), inspection: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; enterprise: Record<string, jest.Mock> };
const taro = Taro as unknown as Record<string, jest.Mock>;
const MANAGER = { openid: 'x', roles: ['resident', 'safetyManager'], uploadKey: 'u', enterpriseId: 'e1' };

const SUMMARY: InspectionSummary = {
  id: 'ins1',
  at: '2026-11-29T10:00:00+08:00',
  leaderName: '王老板',
  by: '李安全',
  version: 3,
  counts: { ok: 20, fail: 2, na: 8 },
  majorFails: 1,
  ledgerNos: ['ZD-2026-0042'],
};
const DETAIL: InspectionDetail = {
  ...SUMMARY,
  items: [
    {
      id: 'fire-exit',
      text: '安全出口、疏散通道畅通',
      major: true,
      basis: 'GB 35181 第 5.1 条',
      result: 'fail',
      resultLabel: '不符合',
      note: '后门被纸箱堵住',
      photoUrls: ['/s/a.jpg'],
      ledgerNo: 'ZD-2026-0042',
    },
    {
      id: 'fire-ext',
      text: '灭火器在有效期内',
      major: false,
      basis: '消防法第十六条',
      result: 'ok',
      resultLabel: '符合',
      photoUrls: [],
    },
  ],
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  setRouterParams({});
  mocked.user.login.mockResolvedValue(MANAGER);
  mocked.enterprise.inspections.mockResolvedValue({ items: [SUMMARY], total: 1, page: 1, pageSize: 20 });
  mocked.enterprise.inspection.mockResolvedValue(DETAIL);
});

test('history: date, leader, counts and ledger numbers; a row opens its detail', async () => {
  render(<InspectionsPage />);
  expect(await screen.findByText('带队负责人：王老板')).toBeTruthy();
  expect(screen.getByText('不符合 2')).toBeTruthy();
  expect(screen.getByText('重大隐患 1')).toBeTruthy();
  expect(screen.getByText('已进入镇隐患台账：ZD-2026-0042')).toBeTruthy();
  // The row is named by what it shows (axe label-content-name-mismatch): no shorter aria-label over it.
  const row = screen.getByRole('link');
  expect(row.getAttribute('aria-label')).toBeNull();
  expect(row.textContent).toContain('带队负责人：王老板');
  fireEvent.click(screen.getByText('带队负责人：王老板'));
  expect(taro.navigateTo).toHaveBeenCalledWith(
    expect.objectContaining({ url: '/enterprise/pages/inspections/index?id=ins1' }),
  );
});

test('empty history says what to do', async () => {
  mocked.enterprise.inspections.mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 20 });
  render(<InspectionsPage />);
  expect(await screen.findByText(/还没有自查记录/)).toBeTruthy();
});

test('?id= shows each line with its result, note, photos and ledger number', async () => {
  setRouterParams({ id: 'ins1' });
  render(<InspectionsPage />);
  expect(await screen.findByText('后门被纸箱堵住')).toBeTruthy();
  expect(mocked.enterprise.inspection).toHaveBeenCalledWith('ins1');
  expect(screen.getByText('台账编号：ZD-2026-0042')).toBeTruthy();
  expect(screen.getByText('填报人：李安全')).toBeTruthy();
  expect(screen.getByLabelText('第 1 项照片 1')).toBeTruthy();
  expect(screen.getByText('符合')).toBeTruthy();
});

test('a detail that fails to load offers 重试', async () => {
  setRouterParams({ id: 'nope' });
  mocked.enterprise.inspection.mockRejectedValueOnce(new CloudError('NOT_FOUND', '没有这次自查记录'));
  render(<InspectionsPage />);
  expect(await screen.findByText('没有这次自查记录')).toBeTruthy();
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('后门被纸箱堵住')).toBeTruthy();
});

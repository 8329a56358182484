import { render, screen } from '@testing-library/react';
import type { ExposureItem } from '../../../../types/exposure';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import ExposurePage, { exposureHeading } from './index';

jest.mock('../../../services/api', () => ({ api: { exposure: { board: jest.fn() } } }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const board = (api as unknown as { exposure: { board: jest.Mock } }).exposure.board;
const page = (items: ExposureItem[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

const overdue: ExposureItem = {
  id: 'tipoff_t1',
  kind: 'overdue',
  kindLabel: '超期曝光',
  no: 'MX-2026-000012',
  categoryName: '消防通道堵塞',
  description: '楼道堆放杂物堵塞消防通道',
  areaName: '共康五村',
  departmentName: '城建',
  deadline: '2026-12-01',
  statusLabel: '整改中',
  resolved: false,
  publishedAt: '2026-12-15T10:00:00+08:00',
};
const supervised: ExposureItem = {
  id: 'ledger_l1',
  kind: 'supervised',
  kindLabel: '挂牌督办',
  no: 'ZD-2026-0003',
  enterpriseName: '庙行示范机械厂',
  categoryName: '粉尘涉爆',
  title: '除尘系统未接地',
  description: '除尘管道未做防静电接地',
  areaName: '庙行村',
  departmentName: '应急',
  deadline: null,
  statusLabel: '已销号',
  resolved: true,
  note: '限期年底前整改到位',
  publishedAt: '2026-11-20T09:00:00+08:00',
};

beforeEach(() => jest.clearAllMocks());

test('each item: kind, where (enterprise, else area and category), hazard, deadline, status, published date, number', async () => {
  board.mockResolvedValue(page([overdue, supervised]));
  render(<ExposurePage />);
  expect(await screen.findByText('共康五村 · 消防通道堵塞')).toBeTruthy();
  expect(screen.getByText('超期曝光')).toBeTruthy();
  expect(screen.getByText('楼道堆放杂物堵塞消防通道')).toBeTruthy();
  expect(screen.getByText('整改期限：2026-12-01')).toBeTruthy();
  expect(screen.getByText('公布于 2026-12-15 · 编号 MX-2026-000012')).toBeTruthy();
  expect(screen.getByText('庙行示范机械厂')).toBeTruthy();
  expect(screen.getByText('隐患：除尘系统未接地')).toBeTruthy();
  expect(screen.getByText('所在：庙行村')).toBeTruthy();
  expect(screen.getByText('整改期限：未定')).toBeTruthy();
  expect(screen.getByText('已销号')).toBeTruthy();
  expect(screen.getByText('督办要求：限期年底前整改到位')).toBeTruthy();
  expect(screen.getByText('共 2 条')).toBeTruthy();
  expect(board).toHaveBeenCalledWith(1, 20);
});

test('empty and error states', async () => {
  board.mockResolvedValue(page([]));
  const { unmount } = render(<ExposurePage />);
  expect(await screen.findByText('目前没有曝光的隐患')).toBeTruthy();
  unmount();
  board.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<ExposurePage />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  expect(screen.getByText('重试')).toBeTruthy();
});

test('the heading falls back to the category alone', () => {
  expect(exposureHeading({ categoryName: '燃气' })).toBe('燃气');
});

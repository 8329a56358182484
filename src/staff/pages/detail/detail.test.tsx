import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { QueueDetail } from '../../../../types';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { setRouterParams } from '../../../test-support/taro';
import StaffDetailPage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    queue: { detail: jest.fn(), act: jest.fn() },
    tipoff: { options: jest.fn() },
    // The page is behind RoleGate: a staff member is signed in.
    user: { login: jest.fn(() => Promise.resolve({ roles: ['staff'], departmentId: 'CJ' })) },
  },
}));
jest.mock('../../../services/transport', () => ({ uploadImage: jest.fn(), mediaUrl: (url: string) => url }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  queue: { detail: jest.Mock; act: jest.Mock };
  tipoff: { options: jest.Mock };
};
const taro = Taro as unknown as Record<string, jest.Mock>;

const DETAIL: QueueDetail = {
  id: 't9',
  channel: 'app',
  no: 'MX-2026-000009',
  status: 'rectified',
  categoryId: 'fire-passage',
  categoryName: '堵占消防通道',
  areaName: '共康二村',
  description: '消防通道被私家车长期堵占',
  address: '共康二村 12 号楼北侧',
  suspectedMajor: true,
  major: true,
  reporter: '实名（信息保密）',
  createdAt: '2026-11-20T09:00:00+08:00',
  dueAt: '2026-11-27T23:59:59+08:00',
  overdue: true,
  escalationLevel: 3,
  followers: 2,
  moderation: 'checked',
  photoFlagged: false,
  routing: { ruleId: 'R04', reason: '规则 R04：堵占消防通道 → 消防救援，协办 城管' },
  coDepartmentNames: ['城管'],
  departmentId: 'XF',
  departmentName: '消防救援',
  photoUrls: ['/storage/before.jpg?exp=1&sig=a'],
  latitude: 31.3302,
  longitude: 121.44255,
  timeline: [
    { at: '2026-11-21T10:00:00+08:00', from: 'assigned', to: 'accepted', departmentName: '消防救援', by: '消防 张三' },
  ],
  deadlines: { acceptBy: '2026-11-21T23:59:59+08:00', closeBy: '2027-01-19T23:59:59+08:00' },
  verification: { founded: true, major: true, note: '现场核实', at: '2026-11-22T10:00:00+08:00' },
  rectification: {
    measures: '清理通道',
    deadline: '2026-12-10',
    responsibleUnit: '共康二村物业',
    evidenceUrls: ['/storage/after.jpg?exp=1&sig=b'],
    note: '已清理',
    rectifiedAt: '2026-11-25T10:00:00+08:00',
  },
  closeExtended: true,
  allowedSteps: ['transfer'],
  mergedFrom: [],
  nextStepHint: '待负责人复核销号',
};

beforeEach(() => {
  jest.clearAllMocks();
  setRouterParams({ id: 't9' });
  mocked.tipoff.options.mockResolvedValue({
    categories: [],
    areas: [],
    departments: [{ id: 'CG', code: 'CG', name: '城管' }],
  });
});

test('shows the case as staff need it: flags, routing, deadlines, findings, evidence, who did what', async () => {
  mocked.queue.detail.mockResolvedValueOnce(DETAIL);
  const { container } = render(<StaffDetailPage />);
  await screen.findByText('MX-2026-000009');
  expect(mocked.queue.detail).toHaveBeenCalledWith('t9');
  const text = container.textContent ?? '';
  for (const expected of [
    '【重大】',
    '约谈',
    '举报人：实名（信息保密）',
    '分派依据：规则 R04：堵占消防通道 → 消防救援，协办 城管',
    '协办部门：城管',
    '受理期限：2026-11-21 23:59',
    '办结期限：2027-01-19 23:59（已延期）',
    '结果：属实（重大事故隐患）',
    '责任单位：共康二村物业',
    '坐标（GCJ-02）：31.33020, 121.44255',
    '消防救援 · 消防 张三',
  ]) {
    expect(text).toContain(expected);
  }
  // The deadline as a countdown (the test's clock is real: only the form is checked).
  expect(container.querySelector('.detail__overdue')?.textContent).toMatch(/^(超期 \d+ 天|已超期)$/);
  const images = Array.from(container.querySelectorAll('img')).map((i) => i.getAttribute('src'));
  // The URLs the server signed, as they came: nothing is built from a fileID.
  expect(images).toEqual(['/storage/before.jpg?exp=1&sig=a', '/storage/after.jpg?exp=1&sig=b']);
  fireEvent.click(container.querySelector('img') as HTMLElement);
  expect(taro.previewImage).toHaveBeenCalledWith({
    urls: ['/storage/before.jpg?exp=1&sig=a'],
    current: '/storage/before.jpg?exp=1&sig=a',
  });
  expect(text).not.toContain('未审核');
});

test('a report the content check could not run on, or with a hidden photo, is marked for staff', async () => {
  mocked.queue.detail.mockResolvedValueOnce({ ...DETAIL, moderation: 'unchecked', photoFlagged: true });
  const { container } = render(<StaffDetailPage />);
  await screen.findByText('MX-2026-000009');
  expect(screen.getByText('未审核').className).toContain('detail__unchecked');
  expect(screen.getByText('照片已屏蔽').className).toContain('detail__flagged');
  expect(container.textContent).toContain('内容安全检测未能执行');
});

test('after a transfer the page goes back to the queue', async () => {
  mocked.queue.detail.mockResolvedValueOnce(DETAIL);
  mocked.queue.act.mockResolvedValueOnce({ id: 't9', status: 'assigned' });
  taro.navigateBack.mockResolvedValueOnce({});
  const { container } = render(<StaffDetailPage />);
  fireEvent.click(await screen.findByText('转办'));
  fireEvent.click(await screen.findByText('城管', { selector: '.chip' }));
  fireEvent.change(screen.getByPlaceholderText('为什么不属于本部门职责'), { target: { value: '占道停放' } });
  fireEvent.click(container.querySelector('.act-form__submit') as HTMLElement);
  // 转办 cannot be undone: it is confirmed first.
  fireEvent.click(container.querySelector('.ui-dialog__confirm') as HTMLElement);
  await waitFor(() => expect(taro.navigateBack).toHaveBeenCalled());
  expect(mocked.queue.act).toHaveBeenCalledWith({
    step: 'transfer',
    id: 't9',
    toDepartmentId: 'CG',
    reason: '占道停放',
  });
});

test('a reload that fails does not leave stale steps on screen', async () => {
  mocked.queue.detail.mockResolvedValueOnce({ ...DETAIL, allowedSteps: ['extend'] });
  mocked.queue.act.mockRejectedValueOnce(new CloudError('CONFLICT', '该举报已延期过一次，不能再次延期'));
  mocked.queue.detail.mockRejectedValueOnce(new CloudError('FORBIDDEN', '该举报不属于您的部门'));
  const { container } = render(<StaffDetailPage />);
  fireEvent.click(await screen.findByText('延期'));
  fireEvent.change(screen.getByPlaceholderText('延期原因将告知举报人'), { target: { value: '需协调' } });
  fireEvent.click(container.querySelector('.act-form__submit') as HTMLElement);
  expect(await screen.findByText('该举报不属于您的部门')).toBeTruthy();
  expect(container.querySelector('.detail__action-extend')).toBeNull();
  expect(screen.getByText('返回部门待办')).toBeTruthy();
});

test('says which subscribe messages did not reach the reporter (notifyFailures)', async () => {
  mocked.queue.detail.mockResolvedValueOnce({
    ...DETAIL,
    notifyFailures: [{ at: '2026-11-21T10:00:00+08:00', status: 'accepted', reason: 'no-consent', errCode: 43101 }],
  });
  const { container } = render(<StaffDetailPage />);
  await screen.findByText('MX-2026-000009');
  expect(container.textContent).toContain('订阅消息未送达：2026-11-21 10:00「已受理」举报人未订阅，错误码 43101');
});

test('what happens next stands out; the cases merged into this one are listed and open', async () => {
  mocked.queue.detail.mockResolvedValueOnce({
    ...DETAIL,
    nextStepHint: '待负责人复核销号',
    mergedFrom: [
      { id: 'd1', no: 'MX-2026-000031' },
      { id: 'd2', no: 'MX-2026-000032' },
    ],
  });
  const { container } = render(<StaffDetailPage />);
  await screen.findByText('MX-2026-000009');
  expect(container.querySelector('.detail__next-text')?.textContent).toBe('待负责人复核销号');
  expect(screen.getByText('已并入本案的举报（2 件）：')).toBeTruthy();
  fireEvent.click(screen.getByText('MX-2026-000032 ›'));
  expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/detail/index?id=d2' });
});

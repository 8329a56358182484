import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ChecklistView, InspectionDetail } from '../../../../types/inspection';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { uploadImage } from '../../../services/transport';
import InspectionPage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    enterprise: { checklist: jest.fn(), detail: jest.fn(), selfInspect: jest.fn(), inspection: jest.fn() },
  },
}));
jest.mock('../../../services/transport', () => ({ uploadImage: jest.fn(), mediaUrl: (u: string) => u }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; enterprise: Record<string, jest.Mock> };
const taro = Taro as unknown as Record<string, jest.Mock> & { clearStorageSync: () => void };
const MANAGER = { openid: 'x', roles: ['resident', 'safetyManager'], uploadKey: 'u', enterpriseId: 'e1' };

const LIST: ChecklistView = {
  version: 3,
  industryName: '餐饮',
  sections: [
    {
      id: 'fire',
      name: '消防安全',
      items: [
        { id: 'fire-exit', text: '安全出口、疏散通道畅通，未被锁闭或堵塞', major: true, basis: 'GB 35181 第 5.1 条' },
        { id: 'fire-ext', text: '灭火器在有效期内并放在明显位置', major: false, basis: '消防法第十六条' },
      ],
    },
    {
      id: 'gas',
      name: '燃气使用',
      items: [
        { id: 'gas-alarm', text: '使用燃气的场所安装可燃气体报警装置', major: true, basis: '燃气判定标准第五条' },
      ],
    },
  ],
};

const DETAIL: InspectionDetail = {
  id: 'ins1',
  at: '2026-11-29T10:00:00+08:00',
  leaderName: '王老板',
  by: '王老板',
  version: 3,
  counts: { ok: 1, fail: 1, na: 1 },
  majorFails: 1,
  ledgerNos: ['ZD-2026-0042'],
  items: [],
};

function card(id: string) {
  return document.getElementById(`inspect-${id}`) as HTMLElement;
}
function answer(id: string, label: '符合' | '不符合' | '不涉及') {
  fireEvent.click(within(card(id)).getByText(label));
}

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  taro.clearStorageSync();
  taro.pageScrollTo = jest.fn(() => Promise.resolve());
  mocked.user.login.mockResolvedValue(MANAGER);
  mocked.enterprise.checklist.mockResolvedValue(LIST);
  mocked.enterprise.detail.mockResolvedValue({ id: 'e1', contact: { name: '王老板', phone: '13800000000' } });
  mocked.enterprise.inspection.mockResolvedValue(DETAIL);
  (uploadImage as jest.Mock).mockImplementation(async (p: string) => ({ fileID: `f-${p}`, preview: `/s/${p}` }));
});

test('lines by section with basis and 重大隐患; progress counts; leader prefilled from the contact', async () => {
  render(<InspectionPage />);
  expect(await screen.findByText('消防安全')).toBeTruthy();
  expect(screen.getByText('燃气使用')).toBeTruthy();
  expect(screen.getByText('依据：GB 35181 第 5.1 条')).toBeTruthy();
  expect(within(card('fire-exit')).getByText('重大隐患')).toBeTruthy();
  expect(within(card('fire-ext')).queryByText('重大隐患')).toBeNull();
  expect(screen.getByText('已填 0 / 3')).toBeTruthy();
  answer('fire-ext', '符合');
  expect(screen.getByText('已填 1 / 3')).toBeTruthy();
  expect(within(card('fire-ext')).getByText('符合').getAttribute('aria-checked')).toBe('true');
  await waitFor(() => expect((screen.getByDisplayValue('王老板') as HTMLInputElement).value).toBe('王老板'));
});

test('a refused submit names what is missing and scrolls to the first error', async () => {
  render(<InspectionPage />);
  await screen.findByText('消防安全');
  answer('fire-exit', '不符合');
  fireEvent.click(screen.getByText('提交自查结果'));
  expect(screen.getByText('请写明不符合的情况')).toBeTruthy();
  expect(screen.getByText('不符合的项目请拍照')).toBeTruthy();
  expect(screen.getAllByText('请选择检查结果')).toHaveLength(2);
  expect(screen.getByText('还有 3 处需要填写，请按红字补全')).toBeTruthy();
  await waitFor(() =>
    expect(taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '.inspect .field-error' })),
  );
  expect(mocked.enterprise.selfInspect).not.toHaveBeenCalled();
});

async function fillWithOneMajorFail() {
  render(<InspectionPage />);
  await screen.findByText('消防安全');
  answer('fire-exit', '不符合');
  answer('fire-ext', '符合');
  answer('gas-alarm', '不涉及');
  fireEvent.change(card('fire-exit').querySelector('textarea') as HTMLElement, {
    target: { value: '后门被纸箱堵住' },
  });
  taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['blob:1'] });
  fireEvent.click(within(card('fire-exit')).getByText('添加照片'));
  await waitFor(() => expect(uploadImage).toHaveBeenCalled());
  await waitFor(() => expect(card('fire-exit').querySelector('.photos__item--done')).toBeTruthy());
}

test('summary before submit, photos in the form folder, then the ledger numbers', async () => {
  mocked.enterprise.selfInspect.mockResolvedValue({ id: 'ins1', ledgerIds: ['L42'], failed: 1 });
  await fillWithOneMajorFail();
  const requestId = (uploadImage as jest.Mock).mock.calls[0][1] as string;
  expect(requestId).toMatch(/^inspect:r/);
  fireEvent.click(screen.getByText('提交自查结果'));
  expect(
    screen.getByText('1 项不符合，其中 1 项为重大事故隐患，将进入镇隐患台账，由主管部门跟踪整改和销号。'),
  ).toBeTruthy();
  fireEvent.click(screen.getByText('确认提交'));
  expect(await screen.findByText('ZD-2026-0042')).toBeTruthy();
  expect(screen.getByText('自查已提交')).toBeTruthy();
  const input = mocked.enterprise.selfInspect.mock.calls[0][0];
  expect(input).toEqual({
    requestId: requestId.slice('inspect:'.length),
    version: 3,
    leaderName: '王老板',
    items: [
      { id: 'fire-exit', result: 'fail', note: '后门被纸箱堵住', photos: ['f-blob:1'] },
      { id: 'fire-ext', result: 'ok' },
      { id: 'gas-alarm', result: 'na' },
    ],
  });
  expect(mocked.enterprise.inspection).toHaveBeenCalledWith('ins1');
  // The draft is gone: the next form is a new one.
  expect(taro.getStorageSync('mx.draft.inspect.e1')).toBe('');
});

test('a draft keeps answers and the requestId across a reopen', async () => {
  const first = render(<InspectionPage />);
  await screen.findByText('消防安全');
  answer('fire-ext', '符合');
  const saved = taro.getStorageSync('mx.draft.inspect.e1') as { requestId: string; answers: object };
  expect(saved.answers).toHaveProperty('fire-ext');
  first.unmount();
  render(<InspectionPage />);
  await screen.findByText('消防安全');
  expect(screen.getByText('已填 1 / 3')).toBeTruthy();
  expect((taro.getStorageSync('mx.draft.inspect.e1') as { requestId: string }).requestId).toBe(saved.requestId);
});

test('CONFLICT (检查表已更新) reloads the checklist keeping answers of lines still on it', async () => {
  mocked.enterprise.selfInspect.mockRejectedValueOnce(new CloudError('CONFLICT', '检查表已更新，请重新打开检查表填写'));
  await fillWithOneMajorFail();
  const NEWER: ChecklistView = {
    ...LIST,
    version: 4,
    sections: [
      LIST.sections[0],
      {
        id: 'gas',
        name: '燃气使用',
        items: [
          { id: 'gas-cutoff', text: '燃气管道安装紧急切断阀并能正常使用', major: true, basis: '燃气判定标准第六条' },
        ],
      },
    ],
  };
  mocked.enterprise.checklist.mockResolvedValueOnce(NEWER);
  fireEvent.click(screen.getByText('提交自查结果'));
  fireEvent.click(screen.getByText('确认提交'));
  expect(await screen.findByText(/检查表已更新。已载入新的检查表/)).toBeTruthy();
  await screen.findByText(/紧急切断阀/);
  expect(screen.getByText('已填 2 / 3')).toBeTruthy();
  expect((card('fire-exit').querySelector('textarea') as HTMLTextAreaElement).value).toBe('后门被纸箱堵住');

  mocked.enterprise.selfInspect.mockResolvedValueOnce({ id: 'ins1', ledgerIds: ['L42'], failed: 1 });
  answer('gas-cutoff', '符合');
  fireEvent.click(screen.getByText('提交自查结果'));
  fireEvent.click(screen.getByText('确认提交'));
  await screen.findByText('自查已提交');
  const retry = mocked.enterprise.selfInspect.mock.calls[1][0];
  expect(retry.version).toBe(4);
  expect(retry.requestId).toBe(mocked.enterprise.selfInspect.mock.calls[0][0].requestId);
  expect(retry.items.map((i: { id: string }) => i.id)).toEqual(['fire-exit', 'fire-ext', 'gas-cutoff']);
});

test('another CONFLICT is shown as it is, the checklist is not reloaded', async () => {
  mocked.enterprise.selfInspect.mockRejectedValueOnce(
    new CloudError('CONFLICT', '企业尚未登记通过或已注销，暂不能填报自查'),
  );
  await fillWithOneMajorFail();
  fireEvent.click(screen.getByText('提交自查结果'));
  fireEvent.click(screen.getByText('确认提交'));
  expect(await screen.findByText('企业尚未登记通过或已注销，暂不能填报自查')).toBeTruthy();
  expect(mocked.enterprise.checklist).toHaveBeenCalledTimes(1);
});

test('server field issues land on their line', async () => {
  mocked.enterprise.selfInspect.mockRejectedValueOnce(
    new CloudError('INVALID_INPUT', '请检查填写的内容', [{ path: 'items.0.photos', message: '照片不属于这次自查' }]),
  );
  await fillWithOneMajorFail();
  fireEvent.click(screen.getByText('提交自查结果'));
  fireEvent.click(screen.getByText('确认提交'));
  expect(await within(card('fire-exit')).findByText('照片不属于这次自查')).toBeTruthy();
  expect(taro.pageScrollTo).toBeDefined();
});

test('no checklist: the error in plain words with 重试', async () => {
  mocked.enterprise.checklist.mockRejectedValueOnce(new CloudError('NOT_FOUND', '本行业暂无自查检查表'));
  render(<InspectionPage />);
  expect(await screen.findByText('本行业暂无自查检查表')).toBeTruthy();
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('消防安全')).toBeTruthy();
});

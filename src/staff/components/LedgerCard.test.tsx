import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { LedgerEntry } from '../../../types';
import { api } from '../../services/api';
import { uploadImage } from '../../services/transport';
import { LedgerCard } from './LedgerCard';

jest.mock('../../services/api', () => ({ api: { admin: { ledgerProgress: jest.fn() } } }));
jest.mock('../../services/transport', () => ({
  uploadImage: jest.fn(),
  mediaUrl: (url: string) => url,
}));

const progress = (api as unknown as { admin: { ledgerProgress: jest.Mock } }).admin.ledgerProgress;
const taro = Taro as unknown as Record<string, jest.Mock>;

function entry(over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: 'L1',
    no: 'ZD-2026-0001',
    source: 'inspection',
    title: '仓库堆放液化气钢瓶',
    description: '仓库内堆放 20 余只液化气钢瓶，无通风',
    categoryId: 'gas',
    categoryName: '燃气',
    grade: 'major',
    departmentId: 'CJ',
    departmentName: '城建',
    enterpriseName: '某某商贸',
    address: '共康路 1 号',
    deadline: '2026-12-10',
    status: 'rectifying',
    progress: [{ at: '2026-11-28T10:00:00+08:00', note: '已责令清理' }],
    createdAt: '2026-11-28T09:00:00+08:00',
    ...over,
  };
}

function renderCard(over: Partial<LedgerEntry> = {}, mayClose = true) {
  const onUpdated = jest.fn();
  const view = render(<LedgerCard entry={entry(over)} mayClose={mayClose} onUpdated={onUpdated} />);
  fireEvent.click(screen.getByText('仓库堆放液化气钢瓶'));
  return { ...view, onUpdated };
}

const type = (value: string) =>
  fireEvent.change(document.querySelector('.ledger__note textarea, textarea.ledger__note') as HTMLElement, {
    target: { value },
  });
const save = (container: HTMLElement) => fireEvent.click(container.querySelector('.ledger__save') as HTMLElement);

beforeEach(() => {
  jest.clearAllMocks();
  progress.mockImplementation(async (input: { note: string; close?: boolean }) =>
    entry({ status: input.close ? 'closed' : 'rectifying' }),
  );
  (uploadImage as jest.Mock).mockResolvedValue({ fileID: 'local-after.jpg', preview: 'blob:after' });
  taro.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:local'] });
});

test('a progress note goes through without photos or confirmation', async () => {
  const { container, onUpdated } = renderCard();
  type('已清走一半');
  save(container);
  await waitFor(() => expect(onUpdated).toHaveBeenCalled());
  expect(progress).toHaveBeenCalledWith({ id: 'L1', note: '已清走一半' });
  expect(container.querySelector('.ui-dialog')).toBeNull();
});

test('销号 needs a photo and a note of at least 10 characters, is confirmed, and sends the evidence', async () => {
  const { container, onUpdated } = renderCard();
  fireEvent.click(screen.getByText('复核通过，销号'));
  type('已清理');
  save(container);
  expect(await screen.findByText('销号须上传整改后照片')).toBeTruthy();
  expect(screen.getByText('销号须写明整改措施和复查结果（至少 10 个字）')).toBeTruthy();
  expect(progress).not.toHaveBeenCalled();

  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() => expect(container.querySelector('.photos__item--done')).toBeTruthy());
  type('钢瓶已全部清运至有资质的储存站，现场复查无残留');
  save(container);
  // Nothing is sent before the confirmation, which says what it means.
  expect(screen.getByText('销号后该隐患移出在办台账，无法撤销。')).toBeTruthy();
  expect(progress).not.toHaveBeenCalled();

  // 取消 sends nothing.
  fireEvent.click(container.querySelector('.ui-dialog__cancel') as HTMLElement);
  expect(container.querySelector('.ui-dialog')).toBeNull();
  expect(progress).not.toHaveBeenCalled();

  save(container);
  fireEvent.click(container.querySelector('.ui-dialog__confirm') as HTMLElement);
  await waitFor(() => expect(onUpdated).toHaveBeenCalled());
  expect(progress).toHaveBeenCalledTimes(1);
  expect(progress).toHaveBeenCalledWith({
    id: 'L1',
    note: '钢瓶已全部清运至有资质的储存站，现场复查无残留',
    close: true,
    evidence: ['local-after.jpg'],
  });
});

test('a server refusal shows on its field', async () => {
  const { CloudError } = jest.requireActual('../../services/cloud-error');
  progress.mockRejectedValueOnce(
    new CloudError('INVALID_INPUT', '输入有误', [{ path: 'evidence', message: '销号须上传整改后照片' }]),
  );
  const { container } = renderCard();
  fireEvent.click(screen.getByText('复核通过，销号'));
  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() => expect(container.querySelector('.photos__item--done')).toBeTruthy());
  type('钢瓶已全部清运，现场复查无残留');
  save(container);
  fireEvent.click(container.querySelector('.ui-dialog__confirm') as HTMLElement);
  expect(await screen.findByText('销号须上传整改后照片')).toBeTruthy();
  expect(screen.getByText('输入有误')).toBeTruthy();
});

test('progress photos show in the card; staff without the right, or a case from a report, cannot close', () => {
  const withPhotos = entry({
    status: 'closed',
    progress: [{ at: '2026-11-29T10:00:00+08:00', note: '钢瓶已全部清运', evidenceUrls: ['https://x/a.jpg'] }],
  });
  const { container, unmount } = render(<LedgerCard entry={withPhotos} mayClose onUpdated={jest.fn()} />);
  expect(container.querySelector('.ledger__evidence-photo')?.getAttribute('src')).toBe('https://x/a.jpg');
  unmount();

  renderCard({}, false);
  expect(screen.queryByText('复核通过，销号')).toBeNull();
});

test('the note is labelled and required; its message goes once it is fixed, the photo message once a photo is added', async () => {
  const { container } = renderCard();
  const note = screen.getByRole('textbox', { name: /进展说明/ });
  expect(note.getAttribute('aria-required')).toBe('true');
  save(container);
  expect(screen.getByText('请填写进展说明（至少 2 个字）')).toBeTruthy();
  type('已清走一半');
  expect(screen.queryByText('请填写进展说明（至少 2 个字）')).toBeNull();

  fireEvent.click(screen.getByText('复核通过，销号'));
  type('已拆除并复查，通道畅通');
  save(container);
  expect(await screen.findByText('销号须上传整改后照片')).toBeTruthy();
  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() => expect(screen.queryByText('销号须上传整改后照片')).toBeNull());
});

test('an entry from a self-inspection the enterprise asked to close: 退回整改 sends a note without close', async () => {
  const asked = {
    source: 'selfReport' as const,
    status: 'rectified' as const,
    inspectionId: 'ins1',
    progress: [{ at: '2026-11-30T10:00:00+08:00', note: '企业整改完成，申请销号：已清空纸箱', evidenceUrls: ['/s/a'] }],
  };
  const { container, onUpdated } = renderCard(asked);
  expect(screen.getByText('企业自查')).toBeTruthy();
  expect(screen.getByText('单位：某某商贸')).toBeTruthy();
  expect(screen.getByText('来自企业重大隐患自查')).toBeTruthy();
  expect(screen.getByText('整改完成待审核')).toBeTruthy();
  expect(screen.getByText(/企业已整改完成并申请销号/)).toBeTruthy();
  expect(screen.getByText('复核通过，销号（企业已申请）')).toBeTruthy();
  save(container);
  expect(screen.getByText('请写明退回的原因和还要整改的内容（至少 2 个字）')).toBeTruthy();
  type('照片看不清，请补拍');
  fireEvent.click(screen.getByText('退回整改'));
  await waitFor(() => expect(onUpdated).toHaveBeenCalled());
  expect(progress).toHaveBeenCalledWith({ id: 'L1', note: '照片看不清，请补拍' });
});

test('复核销号 of a rectified entry is the usual close, with photos and confirmation', async () => {
  const { container, onUpdated } = renderCard({ status: 'rectified', inspectionId: 'ins1' });
  fireEvent.click(screen.getByText('复核通过，销号（企业已申请）'));
  expect(screen.queryByText('退回整改')).toBeNull();
  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() => expect(container.querySelector('.photos__item--done')).toBeTruthy());
  type('现场复查后门通道已畅通，纸箱已清走');
  save(container);
  fireEvent.click(container.querySelector('.ui-dialog__confirm') as HTMLElement);
  await waitFor(() => expect(onUpdated).toHaveBeenCalled());
  expect(progress).toHaveBeenCalledWith(expect.objectContaining({ close: true, evidence: ['local-after.jpg'] }));
});

import { fireEvent, render, screen } from '@testing-library/react';
import type { MergeCandidate, QueueDetail, QueueStep } from '../../../../types';
import { api } from '../../../services/api';
import { queueItem } from '../../../test-support/fixtures';
import { ActionPanel } from '../ActionPanel';

jest.mock('../../../services/api', () => ({
  api: { queue: { act: jest.fn(), list: jest.fn(), mergeCandidates: jest.fn() }, tipoff: { options: jest.fn() } },
}));
jest.mock('../../../services/transport', () => ({ uploadImage: jest.fn(), mediaUrl: (url: string) => url }));

const mocked = api as unknown as {
  queue: { act: jest.Mock; mergeCandidates: jest.Mock };
  tipoff: { options: jest.Mock };
};

function panel(step: QueueStep) {
  const report: QueueDetail = {
    ...queueItem({ id: 't9', no: 'MX-2026-000009', createdAt: '2026-11-25T09:00:00+08:00' }),
    departmentId: 'XF',
    departmentName: '消防救援',
    photoUrls: [],
    latitude: 31.33,
    longitude: 121.44,
    timeline: [],
    deadlines: {},
    closeExtended: false,
    allowedSteps: [step],
    mergedFrom: [],
    nextStepHint: '',
  };
  const view = render(<ActionPanel report={report} onChanged={jest.fn()} />);
  fireEvent.click(view.container.querySelector(`.detail__action-${step}`) as HTMLElement);
  return view;
}
const submit = (c: HTMLElement) => fireEvent.click(c.querySelector('.act-form__submit') as HTMLElement);
/** The group's label as read: the Field's visible label it points at (aria-labelledby). */
const labelOf = (group: HTMLElement) =>
  document.getElementById(group.getAttribute('aria-labelledby') ?? '')?.textContent?.trim();
const errorOf = (group: HTMLElement) =>
  (group.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .filter(Boolean);

beforeEach(() => {
  jest.clearAllMocks();
  mocked.queue.act.mockResolvedValue({ id: 't9', status: 'verified' });
});

test.each([
  ['verify', '核查结果', '请选择核查结果', '属实'],
  ['signoff', '复核结果', '请选择复核结果', '通过销号'],
] as const)(
  '%s: the chips are a Field — label %s with * 必填, the error under it, cleared by a choice',
  async (step, label, missing, choice) => {
    const { container } = panel(step);
    const group = container.querySelector('.act-form__result') as HTMLElement;
    expect(group.getAttribute('role')).toBe('radiogroup');
    expect(labelOf(group)).toBe(`${label} *`);
    expect(group.getAttribute('aria-required')).toBe('true');
    expect(group.closest('.ui-field')?.querySelector('.ui-field__required')).toBeTruthy();

    submit(container);
    expect(await screen.findByText(missing)).toBeTruthy();
    const invalid = container.querySelector('.act-form__result') as HTMLElement;
    expect(invalid.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(invalid)).toEqual([missing]);
    expect(invalid.closest('.ui-field')?.classList.contains('ui-field--error')).toBe(true);
    expect(mocked.queue.act).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText(choice));
    expect(screen.queryByText(missing)).toBeNull();
    expect((container.querySelector('.act-form__result') as HTMLElement).getAttribute('aria-invalid')).toBeNull();
  },
);

test('transfer: 转至部门 is an optional Field, its hint tied to the group', async () => {
  mocked.tipoff.options.mockResolvedValue({
    categories: [],
    areas: [],
    departments: [
      { id: 'XF', code: 'XF', name: '消防救援' },
      { id: 'CG', code: 'CG', name: '城管' },
    ],
  });
  const { container } = panel('transfer');
  await screen.findByText('城管');
  const group = container.querySelector('.act-form__departments') as HTMLElement;
  expect(labelOf(group)).toBe('转至部门（选填）');
  expect(group.getAttribute('aria-required')).toBeNull();
  expect(errorOf(group)).toEqual(['不选择部门则交镇安委办协调；同一举报第二次转办将自动交镇安委办。']);
});

test('merge: the candidates are a required Field; Enter picks one and clears the error', async () => {
  const candidate: MergeCandidate = {
    id: 'earlier',
    no: 'MX-2026-000003',
    status: 'accepted',
    categoryName: '堵占消防通道',
    description: '消防通道被电瓶车堵住',
    areaName: '共康二村',
    address: '共康二村 12 号楼',
    departmentName: '消防救援',
    distanceMeters: 30,
    followers: 0,
    createdAt: '2026-11-20T09:00:00+08:00',
    canMergeInto: true,
  };
  mocked.queue.mergeCandidates.mockResolvedValue([candidate]);
  const { container } = panel('merge');
  await screen.findByText('MX-2026-000003');
  const group = container.querySelector('.act-form__candidates') as HTMLElement;
  expect(group.getAttribute('role')).toBe('radiogroup');
  expect(labelOf(group)).toBe('合并到附近同类的在办举报 *');
  expect(group.getAttribute('aria-required')).toBe('true');

  submit(container);
  expect(await screen.findByText('请选择要合并到的举报')).toBeTruthy();
  const item = container.querySelector('.act-form__candidate') as HTMLElement;
  expect(item.getAttribute('tabindex')).toBe('0');
  fireEvent.keyDown(item, { key: 'Enter' });
  expect(screen.queryByText('请选择要合并到的举报')).toBeNull();
  expect((container.querySelector('.act-form__candidate') as HTMLElement).getAttribute('aria-checked')).toBe('true');
});

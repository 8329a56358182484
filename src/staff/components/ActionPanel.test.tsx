import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { MergeCandidate, QueueDetail, QueueStep } from '../../../types';
import { api } from '../../services/api';
import { CloudError } from '../../services/cloud-error';
import { uploadImage } from '../../services/transport';
import { ActionPanel } from './ActionPanel';
import { queueItem } from '../../test-support/fixtures';
import { pickDate } from '../../test-support/pick-date';

jest.mock('../../services/api', () => ({
  api: { queue: { act: jest.fn(), list: jest.fn(), mergeCandidates: jest.fn() }, tipoff: { options: jest.fn() } },
}));
jest.mock('../../services/transport', () => ({
  uploadImage: jest.fn(),
  mediaUrl: (url: string) => url,
}));

const mocked = api as unknown as {
  queue: { act: jest.Mock; list: jest.Mock; mergeCandidates: jest.Mock };
  tipoff: { options: jest.Mock };
};
const taro = Taro as unknown as Record<string, jest.Mock>;

function report(allowedSteps: QueueStep[], over: Partial<QueueDetail> = {}): QueueDetail {
  return {
    ...queueItem({ id: 't9', no: 'MX-2026-000009', createdAt: '2026-11-25T09:00:00+08:00' }),
    departmentId: 'XF',
    departmentName: '消防救援',
    photoUrls: [],
    latitude: 31.33,
    longitude: 121.44,
    timeline: [],
    deadlines: {},
    closeExtended: false,
    allowedSteps,
    mergedFrom: [],
    nextStepHint: '',
    ...over,
  };
}

const ALL: QueueStep[] = ['accept', 'verify', 'order', 'rectified', 'signoff', 'transfer', 'merge', 'reject', 'extend'];

function renderPanel(allowed: QueueStep[], over: Partial<QueueDetail> = {}) {
  const onChanged = jest.fn();
  const view = render(<ActionPanel report={report(allowed, over)} onChanged={onChanged} />);
  return { ...view, onChanged };
}

const open = (container: HTMLElement, step: QueueStep) =>
  fireEvent.click(container.querySelector(`.detail__action-${step}`) as HTMLElement);
const type = (placeholder: string | RegExp, value: string) =>
  fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } });
const submit = (container: HTMLElement) => fireEvent.click(container.querySelector('.act-form__submit') as HTMLElement);
const confirm = (container: HTMLElement) =>
  fireEvent.click(container.querySelector('.ui-dialog__confirm') as HTMLElement);
const sent = () => mocked.queue.act.mock.calls[mocked.queue.act.mock.calls.length - 1][0];

beforeEach(() => {
  jest.clearAllMocks();
  mocked.queue.act.mockResolvedValue({ id: 't9', status: 'accepted' });
});

test('shows exactly the steps the server allows', () => {
  const { container } = renderPanel(['accept', 'transfer', 'reject']);
  const shown = Array.from(container.querySelectorAll('.action-panel__step')).map((b) => b.textContent);
  expect(shown).toEqual(['受理', '转办', '驳回']);
  for (const step of ALL.filter((s) => !['accept', 'transfer', 'reject'].includes(s))) {
    expect(container.querySelector(`.detail__action-${step}`)).toBeNull();
  }
});

test('with no allowed step there is nothing to press', () => {
  const { container } = renderPanel([]);
  expect(container.querySelector('.action-panel__step')).toBeNull();
  expect(screen.getByText('当前状态下您无需操作。')).toBeTruthy();
});

test('accept: optional note, then the page reloads', async () => {
  const { container, onChanged } = renderPanel(['accept']);
  open(container, 'accept');
  submit(container);
  await waitFor(() => expect(onChanged).toHaveBeenCalledWith('accept', 'accepted'));
  expect(sent()).toEqual({ step: 'accept', id: 't9' });

  open(container, 'accept');
  type(/不填则告知举报人/, ' 已派人前往 ');
  submit(container);
  await waitFor(() => expect(mocked.queue.act).toHaveBeenCalledTimes(2));
  expect(sent()).toEqual({ step: 'accept', id: 't9', note: '已派人前往' });
});

test('verify: needs a finding; founded carries major, unfounded does not', async () => {
  const { container } = renderPanel(['verify']);
  open(container, 'verify');
  submit(container);
  expect(await screen.findByText('请选择核查结果')).toBeTruthy();
  expect(mocked.queue.act).not.toHaveBeenCalled();

  fireEvent.click(screen.getByText('属实'));
  fireEvent.click(screen.getByText('认定为重大事故隐患'));
  type('现场核查情况', '现场确认通道被占');
  submit(container);
  confirm(container);
  await waitFor(() => expect(mocked.queue.act).toHaveBeenCalledTimes(1));
  expect(sent()).toEqual({ step: 'verify', id: 't9', founded: true, major: true, note: '现场确认通道被占' });

  open(container, 'verify');
  fireEvent.click(screen.getByText('不属实'));
  expect(screen.queryByText('认定为重大事故隐患')).toBeNull();
  type(/说明不属实的理由/, '现场未发现堵占');
  submit(container);
  await waitFor(() => expect(mocked.queue.act).toHaveBeenCalledTimes(2));
  expect(sent()).toEqual({ step: 'verify', id: 't9', founded: false, note: '现场未发现堵占' });
});

test('order: deadline from the date input, measures and responsible unit', async () => {
  const { container } = renderPanel(['order']);
  open(container, 'order');
  submit(container);
  expect(await screen.findByText('请选择整改期限')).toBeTruthy();

  pickDate(container, '2026-12-10');
  type('责令采取的整改措施', '清理通道，设置禁停标识');
  type('如：某某物业公司', '共康二村物业');
  submit(container);
  await waitFor(() => expect(mocked.queue.act).toHaveBeenCalled());
  expect(sent()).toEqual({
    step: 'order',
    id: 't9',
    deadline: '2026-12-10',
    measures: '清理通道，设置禁停标识',
    responsibleUnit: '共康二村物业',
  });
});

test('rectified: at least one evidence photo, uploaded before sending', async () => {
  (uploadImage as jest.Mock).mockResolvedValue({ fileID: 'local-evidence.jpg', preview: 'blob:evidence' });
  taro.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:after'] });
  const { container } = renderPanel(['rectified']);
  open(container, 'rectified');
  type('整改完成情况说明', '车辆已清走，已设禁停牌');
  submit(container);
  expect(await screen.findByText('请上传整改后照片')).toBeTruthy();
  expect(mocked.queue.act).not.toHaveBeenCalled();

  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() => expect(container.querySelector('.photos__item--done')).toBeTruthy());
  submit(container);
  await waitFor(() => expect(mocked.queue.act).toHaveBeenCalled());
  expect(sent()).toEqual({
    step: 'rectified',
    id: 't9',
    evidence: ['local-evidence.jpg'],
    note: '车辆已清走，已设禁停牌',
  });
});

test('signoff: approve or send back, with a note', async () => {
  const { container } = renderPanel(['signoff']);
  open(container, 'signoff');
  submit(container);
  expect(await screen.findByText('请选择复核结果')).toBeTruthy();
  fireEvent.click(screen.getByText('退回整改', { selector: '.chip' }));
  type(/退回的原因/, '禁停牌未安装');
  submit(container);
  await waitFor(() => expect(mocked.queue.act).toHaveBeenCalled());
  expect(sent()).toEqual({ step: 'signoff', id: 't9', approved: false, note: '禁停牌未安装' });

  open(container, 'signoff');
  fireEvent.click(screen.getByText('通过销号'));
  type('现场复核情况', '复核到位');
  submit(container);
  confirm(container);
  await waitFor(() => expect(mocked.queue.act).toHaveBeenCalledTimes(2));
  expect(sent()).toEqual({ step: 'signoff', id: 't9', approved: true, note: '复核到位' });
});

test('transfer: to a chosen department (never its own), or to 安委办 when none is chosen', async () => {
  mocked.tipoff.options.mockResolvedValue({
    categories: [],
    areas: [],
    departments: [
      { id: 'AWB', code: 'AWB', name: '镇安委办' },
      { id: 'XF', code: 'XF', name: '消防救援' },
      { id: 'CG', code: 'CG', name: '城管' },
    ],
  });
  const { container } = renderPanel(['transfer']);
  open(container, 'transfer');
  await screen.findByText('城管');
  expect(screen.queryByText('消防救援')).toBeNull();
  fireEvent.click(screen.getByText('城管'));
  type('为什么不属于本部门职责', '属于占道经营');
  submit(container);
  confirm(container);
  await waitFor(() => expect(mocked.queue.act).toHaveBeenCalled());
  expect(sent()).toEqual({ step: 'transfer', id: 't9', toDepartmentId: 'CG', reason: '属于占道经营' });

  open(container, 'transfer');
  await screen.findByText('城管');
  type('为什么不属于本部门职责', '职责不清');
  submit(container);
  expect(screen.getByText('将交镇安委办协调，本部门不再办理此举报，无法撤回。')).toBeTruthy();
  confirm(container);
  await waitFor(() => expect(mocked.queue.act).toHaveBeenCalledTimes(2));
  expect(sent()).toEqual({ step: 'transfer', id: 't9', reason: '职责不清' });
});

function candidate(over: Partial<MergeCandidate>): MergeCandidate {
  return {
    id: 'earlier',
    no: 'MX-2026-000003',
    status: 'accepted',
    categoryName: '堵占消防通道',
    description: '消防通道被电瓶车堵住',
    areaName: '共康二村',
    address: '共康二村 12 号楼',
    departmentName: '消防救援',
    distanceMeters: 30,
    followers: 2,
    createdAt: '2026-11-20T09:00:00+08:00',
    canMergeInto: true,
    ...over,
  };
}

test('merge: offers the server candidates nearby, marks the chosen one, and cannot pick a refused one', async () => {
  mocked.queue.mergeCandidates.mockResolvedValue([
    candidate({}),
    candidate({ id: 'later', no: 'MX-2026-000012', canMergeInto: false, whyNot: '只能合并到更早的举报' }),
  ]);
  const { container } = renderPanel(['merge']);
  open(container, 'merge');
  await screen.findByText('MX-2026-000003');
  expect(mocked.queue.mergeCandidates).toHaveBeenCalledWith('t9');
  expect(mocked.queue.list).not.toHaveBeenCalled();
  expect(screen.getAllByText(/相距约 30 米/)).toHaveLength(2);
  expect(screen.getByText('只能合并到更早的举报')).toBeTruthy();

  submit(container);
  expect(await screen.findByText('请选择要合并到的举报')).toBeTruthy();
  fireEvent.click(screen.getByText('MX-2026-000012'));
  expect(container.querySelector('.act-form__candidate--active')).toBeNull();
  fireEvent.click(screen.getByText('MX-2026-000003'));
  const chosen = container.querySelector('.act-form__candidate--active') as HTMLElement;
  expect(chosen.textContent).toContain('✓ 已选 MX-2026-000003');
  expect(chosen.getAttribute('aria-checked')).toBe('true');
  submit(container);
  confirm(container);
  await waitFor(() => expect(mocked.queue.act).toHaveBeenCalled());
  expect(sent()).toEqual({ step: 'merge', id: 't9', intoId: 'earlier' });
});

test('merge: with no candidate nearby it says so', async () => {
  mocked.queue.mergeCandidates.mockResolvedValue([]);
  const { container } = renderPanel(['merge']);
  open(container, 'merge');
  expect(await screen.findByText('附近没有同类的在办举报，无法合并。')).toBeTruthy();
});

test.each([
  ['reject', /如：重复举报/, '非安全隐患'],
  ['extend', '延期原因将告知举报人', '需协调多部门'],
] as const)('%s: sends its reason', async (step, placeholder, reason) => {
  const { container } = renderPanel([step]);
  open(container, step);
  type(placeholder, reason);
  submit(container);
  if (step === 'reject') confirm(container);
  await waitFor(() => expect(mocked.queue.act).toHaveBeenCalled());
  expect(sent()).toEqual({ step, id: 't9', reason });
});

test('a too-short reason is caught on the phone with the schema message', async () => {
  const { container } = renderPanel(['reject']);
  open(container, 'reject');
  type(/如：重复举报/, '短');
  submit(container);
  expect(await screen.findByText('请填写说明（至少 2 个字）')).toBeTruthy();
  expect(mocked.queue.act).not.toHaveBeenCalled();
});

test('server errors show inline: field issues on their fields, CONFLICT also reloads the case', async () => {
  const { container, onChanged } = renderPanel(['order']);
  open(container, 'order');
  pickDate(container, '2026-12-10');
  type('责令采取的整改措施', '清理通道');
  type('如：某某物业公司', '共康二村物业');
  mocked.queue.act.mockRejectedValueOnce(
    new CloudError('INVALID_INPUT', '输入有误：整改期限不能早于今天', [
      { path: 'deadline', message: '整改期限不能早于今天' },
    ]),
  );
  submit(container);
  expect(await screen.findByText('整改期限不能早于今天')).toBeTruthy();
  expect(screen.getByText('输入有误：整改期限不能早于今天')).toBeTruthy();
  expect(onChanged).not.toHaveBeenCalled();
  // What was typed is still there for the next try.
  expect((screen.getByPlaceholderText('责令采取的整改措施') as HTMLTextAreaElement).value).toBe('清理通道');

  mocked.queue.act.mockRejectedValueOnce(new CloudError('CONFLICT', '当前状态不能进行该操作（请刷新后重试）'));
  submit(container);
  expect(await screen.findByText('当前状态不能进行该操作（请刷新后重试）')).toBeTruthy();
  expect(onChanged).toHaveBeenCalledWith();
});

test('FORBIDDEN is shown as it comes', async () => {
  const { container } = renderPanel(['signoff']);
  open(container, 'signoff');
  fireEvent.click(screen.getByText('通过销号'));
  type('现场复核情况', '复核到位');
  mocked.queue.act.mockRejectedValueOnce(new CloudError('FORBIDDEN', '记录整改的人员不能为自己的整改销号'));
  submit(container);
  confirm(container);
  expect(await screen.findByText('记录整改的人员不能为自己的整改销号')).toBeTruthy();
});

test('every button is disabled while a call runs', async () => {
  let finish: (v: unknown) => void = () => undefined;
  mocked.queue.act.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
  const { container } = renderPanel(['accept', 'reject']);
  open(container, 'accept');
  submit(container);
  await waitFor(() => expect((container.querySelector('.act-form__submit') as HTMLButtonElement).disabled).toBe(true));
  expect((container.querySelector('.detail__action-reject') as HTMLButtonElement).disabled).toBe(true);
  expect((container.querySelector('.act-form__cancel') as HTMLButtonElement).disabled).toBe(true);
  submit(container);
  expect(mocked.queue.act).toHaveBeenCalledTimes(1);
  await act(async () => finish({ id: 't9', status: 'accepted' }));
  expect((container.querySelector('.detail__action-reject') as HTMLButtonElement).disabled).toBe(false);
});

test('step buttons are the shared ui Button (≥ 44 px via --tap), the chosen one primary', () => {
  const { container } = renderPanel(['accept', 'reject']);
  const reject = container.querySelector('.detail__action-reject') as HTMLElement;
  expect(reject.className).toMatch(/\bui-button--inline\b/);
  expect(reject.className).toMatch(/\bui-button--default\b/);
  open(container, 'reject');
  expect(reject.className).toMatch(/\bui-button--primary\b/);
  // The form's own buttons are the shared ButtonPair: 取消 first, then the main action.
  const pair = container.querySelector('.act-form__buttons.ui-button-pair') as HTMLElement;
  expect(Array.from(pair.querySelectorAll('.ui-button')).map((b) => b.textContent)).toEqual(['取消', '驳回…']);
});

test.each([
  ['reject', '驳回…', '确认驳回'],
  ['transfer', '转办…', '确认转办'],
  ['merge', '合并…', '确认合并'],
] as const)('%s: the form button opens the question ("%s"), only the dialog says "%s"', async (step, form, final) => {
  mocked.tipoff.options.mockResolvedValue({ categories: [], areas: [], departments: [] });
  mocked.queue.mergeCandidates.mockResolvedValue([]);
  const { container } = renderPanel([step]);
  open(container, step);
  const submitButton = container.querySelector('.act-form__submit') as HTMLElement;
  expect(submitButton.textContent).toBe(form);
  expect(submitButton.className).toMatch(/\bui-button--danger\b/);
  expect(screen.queryByText(final)).toBeNull();
  await act(async () => undefined);
});

describe('irreversible steps are sent only after a confirmation that says the consequence', () => {
  test.each([
    ['reject', async () => type(/如：重复举报/, '非安全隐患'), '确认驳回？', '驳回后将告知举报人，无法撤销。'],
    [
      'transfer',
      async () => {
        await screen.findByText('城管');
        fireEvent.click(screen.getByText('城管'));
        type('为什么不属于本部门职责', '属于占道经营');
      },
      '确认转办？',
      '转办后本部门不再办理此举报，无法撤回。',
    ],
    [
      'merge',
      async () => fireEvent.click(await screen.findByText('MX-2026-000003')),
      '确认合并？',
      '合并后本举报即办结，举报人改为跟进被合并到的举报，无法撤销。',
    ],
    [
      'signoff',
      async () => {
        fireEvent.click(screen.getByText('通过销号'));
        type('现场复核情况', '复核到位');
      },
      '确认复核销号？',
      '销号后举报办结并告知举报人，无法撤销。',
    ],
    [
      'verify',
      async () => {
        fireEvent.click(screen.getByText('属实'));
        fireEvent.click(screen.getByText('认定为重大事故隐患'));
        type('现场核查情况', '现场确认通道被占');
      },
      '确认认定为重大事故隐患？',
      '认定后将登记入重大事故隐患台账、按重大隐患挂牌督办，无法撤销。',
    ],
  ] as const)('%s', async (step, fill, title, consequence) => {
    mocked.tipoff.options.mockResolvedValue({
      categories: [],
      areas: [],
      departments: [{ id: 'CG', code: 'CG', name: '城管' }],
    });
    mocked.queue.mergeCandidates.mockResolvedValue([candidate({})]);
    const { container, onChanged } = renderPanel([step]);
    open(container, step);
    await fill();
    submit(container);
    // Asked, not sent.
    expect(screen.getByText(title)).toBeTruthy();
    expect(screen.getByText(consequence)).toBeTruthy();
    expect(mocked.queue.act).not.toHaveBeenCalled();
    // 取消 sends nothing and keeps the form as filled.
    fireEvent.click(container.querySelector('.ui-dialog__cancel') as HTMLElement);
    expect(screen.queryByText(consequence)).toBeNull();
    expect(mocked.queue.act).not.toHaveBeenCalled();
    expect(container.querySelector('.act-form__submit')).toBeTruthy();
    // Confirmed: sent once.
    submit(container);
    confirm(container);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(mocked.queue.act).toHaveBeenCalledTimes(1);
    expect(sent().step).toBe(step);
  });

  test('reversible steps (受理, 退回整改, 不属实, 一般隐患) go straight through', async () => {
    const { container } = renderPanel(['accept', 'signoff', 'verify']);
    open(container, 'accept');
    submit(container);
    await waitFor(() => expect(mocked.queue.act).toHaveBeenCalledTimes(1));
    open(container, 'verify');
    fireEvent.click(screen.getByText('属实'));
    type('现场核查情况', '现场确认通道被占');
    submit(container);
    await waitFor(() => expect(mocked.queue.act).toHaveBeenCalledTimes(2));
    expect(container.querySelector('.ui-dialog')).toBeNull();
  });
});

describe('the forms use Field: a real label on every input, * where required, the error under it', () => {
  test('order: each input is named by its label, not its placeholder; required ones are marked', () => {
    const { container } = renderPanel(['order']);
    open(container, 'order');
    expect(screen.getByRole('textbox', { name: /整改措施/ }).getAttribute('aria-required')).toBe('true');
    expect(screen.getByRole('textbox', { name: /整改责任单位/ }).getAttribute('aria-required')).toBe('true');
    const labels = Array.from(container.querySelectorAll('.ui-field__label')).map((l) => l.textContent);
    expect(labels).toEqual(['整改期限 *', '整改措施 *', '整改责任单位 *']);
  });

  test('accept: the optional note has a label and no required mark', () => {
    const { container } = renderPanel(['accept']);
    open(container, 'accept');
    const note = screen.getByRole('textbox', { name: /受理说明（选填）/ });
    expect(note.getAttribute('aria-required')).toBeNull();
    expect(container.querySelector('.ui-field__required')).toBeNull();
  });

  test('a refused submit shows the error under its field and scrolls to the first; fixing it clears it', async () => {
    jest.useFakeTimers();
    taro.pageScrollTo = jest.fn();
    try {
      const { container } = renderPanel(['reject']);
      open(container, 'reject');
      submit(container);
      const reason = screen.getByRole('textbox', { name: /驳回理由/ });
      expect(reason.getAttribute('aria-invalid')).toBe('true');
      const field = reason.closest('.ui-field') as HTMLElement;
      expect(field.querySelector('.field-error')?.textContent).toBeTruthy();
      expect(screen.getByText('请按提示填写后再提交')).toBeTruthy();
      act(() => {
        jest.advanceTimersByTime(100);
      });
      expect(taro.pageScrollTo).toHaveBeenCalledWith(
        expect.objectContaining({ selector: '.action-panel .field-error' }),
      );

      type(/重复举报/, '重复举报，已合并处理');
      expect(field.querySelector('.field-error')).toBeNull();
      expect(screen.queryByText('请按提示填写后再提交')).toBeNull();
      expect(mocked.queue.act).not.toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });

  test('order: the deadline message goes once a date is picked', () => {
    const { container } = renderPanel(['order']);
    open(container, 'order');
    submit(container);
    expect(screen.getByText('请选择整改期限')).toBeTruthy();
    pickDate(container, '2026-12-10');
    expect(screen.queryByText('请选择整改期限')).toBeNull();
  });
});

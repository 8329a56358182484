import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { QueueDetail } from '../../../types';
import { api } from '../../services/api';
import { CloudError } from '../../services/cloud-error';
import { queueItem } from '../../test-support/fixtures';
import { ActionPanel } from './ActionPanel';
import { FineSection } from './FineSection';

jest.mock('../../services/api', () => ({
  api: { queue: { act: jest.fn(), fine: jest.fn(), mergeCandidates: jest.fn() }, tipoff: { options: jest.fn() } },
}));
jest.mock('../../services/transport', () => ({ uploadImage: jest.fn(), mediaUrl: (url: string) => url }));

const mocked = api as unknown as { queue: { act: jest.Mock; fine: jest.Mock } };

function detail(extra: Partial<QueueDetail> = {}): QueueDetail {
  return {
    ...queueItem({ id: 't9', no: 'MX-2026-000009', createdAt: '2026-11-25T09:00:00+08:00' }),
    major: true,
    departmentId: 'CJ',
    departmentName: '城建',
    photoUrls: [],
    latitude: 31.33,
    longitude: 121.44,
    timeline: [],
    deadlines: {},
    closeExtended: false,
    allowedSteps: [],
    mergedFrom: [],
    nextStepHint: '',
    verification: { founded: true, major: true, note: '现场核实', at: '2026-11-22T10:00:00+08:00' },
    reward: { status: 'awaitingFine', statusLabel: '待录入罚款', fineEditable: true },
    mayRecordFine: true,
    ...extra,
  };
}

beforeEach(() => {
  jest.clearAllMocks();
  mocked.queue.fine.mockResolvedValue({ id: 't9', fineFen: 3_000_000, rewardStatus: 'open' });
});

const input = () => document.querySelector('.fine__input') as HTMLInputElement;

describe('罚款 on a founded case', () => {
  it('shows 未录入 and the reward waiting, records ¥30,000 as 3,000,000 fen after a confirmation', async () => {
    const onChanged = jest.fn();
    render(<FineSection d={detail()} onChanged={onChanged} />);
    expect(screen.getByText('罚款金额：未录入')).toBeTruthy();
    expect(screen.getByText('重大隐患奖励待录入罚款后核定')).toBeTruthy();

    fireEvent.click(screen.getByText('录入罚款金额'));
    // The label is visible and names the input.
    expect(screen.getByLabelText(/罚款金额（元）/)).toBe(input());
    fireEvent.change(input(), { target: { value: '30000' } });
    fireEvent.click(screen.getByText('保存金额…'));
    expect(mocked.queue.fine).not.toHaveBeenCalled();
    expect(screen.getByRole('alertdialog', { name: '确认罚款金额 30,000 元？' })).toBeTruthy();
    fireEvent.click(screen.getByText('确认保存'));
    await waitFor(() => expect(mocked.queue.fine).toHaveBeenCalledWith({ id: 't9', amountFen: 3_000_000 }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it.each([
    ['', '请填写罚款金额'],
    ['12.345', '请填写正确的金额，单位为元，最多两位小数（例如 30000 或 12.50）'],
    ['-5', '请填写正确的金额，单位为元，最多两位小数（例如 30000 或 12.50）'],
  ])('refuses %j on the field, without calling the server', (typed, message) => {
    render(<FineSection d={detail()} onChanged={jest.fn()} />);
    fireEvent.click(screen.getByText('录入罚款金额'));
    fireEvent.change(input(), { target: { value: typed } });
    fireEvent.click(screen.getByText('保存金额…'));
    expect(screen.getByText(message)).toBeTruthy();
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it("shows the server's refusal on the field", async () => {
    mocked.queue.fine.mockRejectedValue(new CloudError('CONFLICT', 'MX-2026-000009 的奖励已核定，不能再修改罚款金额'));
    render(
      <FineSection
        d={detail({ fine: { amountFen: 2_000_000, at: '2026-11-23T10:00:00+08:00', by: '城建 张三' } })}
        onChanged={jest.fn()}
      />,
    );
    expect(screen.getByText('罚款金额：20,000 元')).toBeTruthy();
    fireEvent.click(screen.getByText('更正罚款金额'));
    expect(input().value).toBe('20000.00');
    fireEvent.change(input(), { target: { value: '0.01' } });
    fireEvent.click(screen.getByText('保存金额…'));
    fireEvent.click(screen.getByText('确认保存'));
    expect(await screen.findByText('MX-2026-000009 的奖励已核定，不能再修改罚款金额')).toBeTruthy();
    expect(mocked.queue.fine).toHaveBeenCalledWith({ id: 't9', amountFen: 1 });
  });

  it('no form without mayRecordFine; a decided reward reads plainly; nothing on an unfounded case', () => {
    const { rerender } = render(
      <FineSection
        d={detail({
          mayRecordFine: false,
          fine: { amountFen: 3_000_000, at: '2026-11-23T10:00:00+08:00', by: '城建 张三' },
          reward: { status: 'decided', statusLabel: '待审批', fineEditable: false },
        })}
        onChanged={jest.fn()}
      />,
    );
    expect(screen.getByText('重大隐患奖励已核定，待领导审批；罚款金额不能再修改')).toBeTruthy();
    expect(screen.queryByText('更正罚款金额')).toBeNull();
    rerender(
      <FineSection
        d={detail({ verification: { founded: false, major: false, note: '不属实', at: '2026-11-22T10:00:00+08:00' } })}
        onChanged={jest.fn()}
      />,
    );
    expect(screen.queryByText('罚款')).toBeNull();
  });
});

describe('the verify form: 本部门此前已发现并正在处理', () => {
  it('sends alreadyKnown only when chosen on a founded result', async () => {
    mocked.queue.act.mockResolvedValue({ id: 't9', status: 'verified' });
    const { container } = render(
      <ActionPanel report={detail({ allowedSteps: ['verify'], verification: undefined })} onChanged={jest.fn()} />,
    );
    fireEvent.click(container.querySelector('.detail__action-verify') as HTMLElement);
    expect(screen.queryByText('本部门此前已发现并正在处理')).toBeNull();
    fireEvent.click(screen.getByText('属实'));
    const chip = screen.getByText('本部门此前已发现并正在处理');
    expect(chip.getAttribute('role')).toBe('checkbox');
    fireEvent.click(chip);
    expect(screen.getByText('选择后，本举报仍按属实办理，但不予举报奖励。')).toBeTruthy();
    fireEvent.change(container.querySelector('textarea') as HTMLTextAreaElement, {
      target: { value: '此前已立案处理' },
    });
    fireEvent.click(container.querySelector('.act-form__submit') as HTMLElement);
    await waitFor(() =>
      expect(mocked.queue.act).toHaveBeenCalledWith(
        expect.objectContaining({
          step: 'verify',
          id: 't9',
          founded: true,
          alreadyKnown: true,
          note: '此前已立案处理',
        }),
      ),
    );
  });
});

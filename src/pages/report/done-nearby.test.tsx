import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../services/api';
import { NearbyPanel } from './NearbyPanel';
import { SubmitDone } from './SubmitDone';
import { nearbyTipoff, SUBMIT_RESULT } from '../../test-support/fixtures';

jest.mock('../../services/api', () => ({ api: { tipoff: { mine: jest.fn(), follow: jest.fn() } } }));

const mocked = api as unknown as { tipoff: { mine: jest.Mock; follow: jest.Mock } };

const RESULT = SUBMIT_RESULT;

const item = (id: string, distanceMeters = 100) =>
  nearbyTipoff({ id, description: `${id} 消防通道常年停车`, distanceMeters });

beforeEach(() => {
  jest.clearAllMocks();
  mocked.tipoff.mine.mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 50 });
});

describe('success page', () => {
  test('an anonymous report gets the 查询码 with copy, a success mark and what happens next', async () => {
    const { container } = render(<SubmitDone result={RESULT} anonymous onAgain={jest.fn()} />);
    expect(container.querySelector('.report__done-mark')).toBeTruthy();
    expect(screen.getByText('接下来')).toBeTruthy();
    expect(screen.getByText('已分派至：消防救援')).toBeTruthy();
    expect(screen.getByText('查询码：ABCD234567')).toBeTruthy();
    fireEvent.click(screen.getByText('复制查询码'));
    await waitFor(() => expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'ABCD234567' }));
    // The form resets when 随手拍 is shown again; the reporter is told where the code stays.
    expect(screen.getByText('查询码也记在“我的”举报记录中，可随时查看。')).toBeTruthy();
  });

  test('a named report gets no 查询码: it is under 我的举报', () => {
    render(<SubmitDone result={RESULT} anonymous={false} onAgain={jest.fn()} />);
    expect(screen.queryByText(/查询码/)).toBeNull();
    expect(screen.queryByText('复制查询码')).toBeNull();
    expect(screen.getByText(/在“我的举报”中查看进度/)).toBeTruthy();
    expect(screen.getByText('已分派至：消防救援')).toBeTruthy();
  });
});

describe('duplicate prompt', () => {
  const props = { onContinue: jest.fn(), onBack: jest.fn(), onFollowed: jest.fn(), submitting: false };

  test('with a picked point the rounded distance shows; 附议 is the main action', async () => {
    const { container } = render(<NearbyPanel items={[item('a', 150)]} {...props} />);
    expect(screen.getByText('附近 250 米内已有同类举报')).toBeTruthy();
    expect(screen.getByText(/约 150 米/)).toBeTruthy();
    expect(container.querySelector('.nearby__follow')?.className).toMatch(/ui-button--primary/);
    expect(container.querySelector('.nearby__continue')?.className).not.toMatch(/ui-button--primary/);
    await act(async () => undefined);
    // The server says which are the caller's own (nearby's mine flag): no lookup in 我的举报.
    expect(mocked.tipoff.mine).not.toHaveBeenCalled();
  });

  test('when the point is only the area centre, no distance is shown', async () => {
    render(<NearbyPanel items={[item('a', 0)]} approximate {...props} />);
    await act(async () => undefined);
    expect(screen.getByText('同一片区已有同类举报')).toBeTruthy();
    expect(screen.queryByText(/约 \d+ 米/)).toBeNull();
  });

  test("the reporter's own report is marked and not offered for 附议", async () => {
    render(<NearbyPanel items={[{ ...item('mine'), mine: true }, item('other')]} {...props} />);
    expect(screen.getByText(/这是您本人的举报/)).toBeTruthy();
    expect(screen.getAllByText('同一隐患，附议')).toHaveLength(1);
    fireEvent.click(screen.getByText('同一隐患，附议'));
    await waitFor(() => expect(mocked.tipoff.follow).toHaveBeenCalledWith('other'));
  });
});

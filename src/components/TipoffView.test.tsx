import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CloudError } from '../services/cloud-error';
import { tipoffDetail } from '../test-support/fixtures';
import { chineseDate, TipoffView } from './TipoffView';

jest.mock('../services/transport', () => ({ mediaUrl: (url: string) => url }));

const townToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

const OVERDUE = tipoffDetail({
  status: 'assigned',
  canRate: false,
  canUrge: true,
  timeline: [{ at: '2026-11-20T09:00:00+08:00', from: null, to: 'assigned', departmentName: '城建' }],
  progress: { text: '已分派至城建办理，预计 11 月 21 日前受理', expectedBy: '2026-11-21', overdue: true },
});

test('progress reads in words with the expected date; residents see 已办结, never 已销号 or coordinates', () => {
  const { container } = render(
    <TipoffView
      detail={tipoffDetail({
        progress: { text: '已办结，感谢您的举报', overdue: false },
        timeline: [
          { at: '2026-11-28T15:30:00+08:00', from: 'rectified', to: 'closed', note: '复核通过，已办结：整改到位' },
        ],
      })}
    />,
  );
  expect(screen.getAllByText('已办结').length).toBeGreaterThanOrEqual(2);
  expect(screen.getByText('已办结，感谢您的举报')).toBeTruthy();
  expect(screen.getByText('复核通过，已办结：整改到位')).toBeTruthy();
  expect(container.textContent).not.toMatch(/已销号|GCJ|规则 R\d|纬度|经度/);

  render(
    <TipoffView
      detail={tipoffDetail({
        status: 'accepted',
        progress: { text: '城建已受理，正在核查', expectedBy: '2026-12-01', overdue: false },
      })}
    />,
  );
  expect(screen.getByText('预计 12 月 1 日前')).toBeTruthy();
  expect(chineseDate('2026-12-01T23:59:59+08:00')).toBe('12 月 1 日');
});

test('an overdue report says so; 催办 sends once and then reads 今天已催办', async () => {
  const onUrge = jest.fn().mockResolvedValue(townToday());
  render(<TipoffView detail={OVERDUE} onUrge={onUrge} />);
  expect(screen.getByText(/已超过预计时间（11 月 21 日）/)).toBeTruthy();
  fireEvent.click(screen.getByText('催办'));
  await waitFor(() => expect(onUrge).toHaveBeenCalledTimes(1));
  expect(await screen.findByText(/今天已催办/)).toBeTruthy();
  expect(screen.queryByText('催办')).toBeNull();
});

test('the server’s refusal of a 催办 is shown; no button when not allowed or already urged today', async () => {
  const onUrge = jest.fn().mockRejectedValue(new CloudError('CONFLICT', '今天已催办过，请明天再试'));
  const { unmount } = render(<TipoffView detail={OVERDUE} onUrge={onUrge} />);
  fireEvent.click(screen.getByText('催办'));
  expect(await screen.findByText('今天已催办过，请明天再试')).toBeTruthy();
  unmount();

  const { unmount: u2 } = render(<TipoffView detail={{ ...OVERDUE, canUrge: false }} onUrge={onUrge} />);
  expect(screen.queryByText('催办')).toBeNull();
  u2();

  render(<TipoffView detail={{ ...OVERDUE, canUrge: false, urgedOn: townToday() }} onUrge={onUrge} />);
  expect(screen.getByText(/今天已催办/)).toBeTruthy();
});

test('a closed report shows the rectification photos beside the original (整改前后对比)', () => {
  const { container } = render(
    <TipoffView detail={tipoffDetail({ photoUrls: ['/p/before.jpg'], evidenceUrls: ['/p/after.jpg'] })} />,
  );
  expect(screen.getByText('整改前后对比')).toBeTruthy();
  const before = container.querySelector('.tipoff__compare-before') as HTMLElement;
  const after = container.querySelector('.tipoff__compare-after') as HTMLElement;
  expect(before.querySelector('img')?.getAttribute('src')).toBe('/p/before.jpg');
  expect(after.querySelector('img')?.getAttribute('src')).toBe('/p/after.jpg');
  // The original photo is not shown twice.
  expect(container.querySelectorAll('img[src="/p/before.jpg"]')).toHaveLength(1);

  render(<TipoffView detail={tipoffDetail({ status: 'rectifying', canRate: false, evidenceUrls: ['/p/x.jpg'] })} />);
  expect(screen.getAllByText('整改前后对比')).toHaveLength(1);
});

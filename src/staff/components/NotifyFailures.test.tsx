import { render, screen } from '@testing-library/react';
import { NotifyFailures } from './NotifyFailures';

test('lists each subscribe message that did not reach the reporter, with why and the code', () => {
  render(
    <NotifyFailures
      failures={[
        { at: '2026-11-28T10:05:00+08:00', status: 'accepted', reason: 'no-consent', errCode: 43101 },
        { at: '2026-11-29T09:00:00+08:00', status: 'verified', reason: 'failed' },
      ]}
    />,
  );
  expect(screen.getByText('订阅消息未送达：2026-11-28 10:05「已受理」举报人未订阅，错误码 43101')).toBeTruthy();
  expect(screen.getByText('订阅消息未送达：2026-11-29 09:00「核查属实」发送失败')).toBeTruthy();
});

test('shows nothing when every message went', () => {
  const { container } = render(<NotifyFailures failures={[]} />);
  expect(container.textContent).toBe('');
  const none = render(<NotifyFailures />);
  expect(none.container.textContent).toBe('');
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { IdentityBar } from './IdentityBar';

jest.mock('../services/identity', () => {
  let current = 'resident-demo';
  return {
    currentOpenid: () => current,
    setCurrentOpenid: (o: string) => (current = o),
    listLocalIdentities: () =>
      Promise.resolve([
        { openid: 'resident-demo', label: '居民（演示）' },
        { openid: 'admin-demo', label: '镇安委办 经办人' },
      ]),
  };
});

const env = process.env.TARO_ENV;
beforeAll(() => (process.env.TARO_ENV = 'h5'));
afterAll(() => (process.env.TARO_ENV = env));

test('新用户 switches to a fresh openid that no demo identity has', async () => {
  const onSwitch = jest.fn();
  render(<IdentityBar onSwitch={onSwitch} />);
  const select = screen.getByLabelText('切换演示身份');
  await waitFor(() => expect(screen.getByText('镇安委办 经办人（admin-demo）')).toBeTruthy());
  fireEvent.change(select, { target: { value: '__newcomer__' } });
  expect(onSwitch).toHaveBeenCalledTimes(1);
  const fresh = onSwitch.mock.calls[0][0] as string;
  expect(fresh).toMatch(/^newcomer-[a-z0-9]{1,6}$/);
  expect(['resident-demo', 'admin-demo']).not.toContain(fresh);
});

test('an identity outside the demo list is shown as the current one', async () => {
  const { setCurrentOpenid } = jest.requireMock('../services/identity');
  setCurrentOpenid('newcomer-abc123');
  render(<IdentityBar onSwitch={jest.fn()} />);
  await waitFor(() => expect(screen.getByText('当前：newcomer-abc123')).toBeTruthy());
  expect((screen.getByLabelText('切换演示身份') as HTMLSelectElement).value).toBe('newcomer-abc123');
});

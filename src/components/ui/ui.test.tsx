import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Shell } from '../Shell';
import {
  LARGE_TEXT_KEY,
  largeTextOn,
  readLargeTextPref,
  setLargeTextPref,
  systemFontIsLarge,
} from '../../styles/large-text';
import { Badge, Button, ButtonPair, Chip, ChipGroup, Dialog, Empty, ErrorState, Field, Loading } from '.';

jest.mock('../IdentityBar', () => ({ IdentityBar: () => null }));

describe('Button', () => {
  test('is a button of its kind and runs onClick', () => {
    const onClick = jest.fn();
    render(
      <Button kind="primary" onClick={onClick}>
        提交
      </Button>,
    );
    const b = screen.getByRole('button', { name: '提交' });
    expect(b.className).toContain('ui-button--primary');
    expect(b.hasAttribute('disabled')).toBe(false); // never disabled="false"
    fireEvent.click(b);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  test('loading shows a spinner and its text, is busy and ignores taps (no Taro loading prop)', () => {
    const onClick = jest.fn();
    const { container } = render(
      <Button kind="danger" loading loadingText="提交中…" onClick={onClick}>
        驳回
      </Button>,
    );
    const b = screen.getByRole('button');
    expect(b.textContent).toBe('提交中…');
    expect(b.getAttribute('aria-busy')).toBe('true');
    expect(b.hasAttribute('disabled')).toBe(true);
    expect(container.querySelector('.ui-button__spinner')).toBeTruthy();
    fireEvent.click(b);
    expect(onClick).not.toHaveBeenCalled();
  });
});

test('ButtonPair: 取消 first, the main action marked primary; busy blocks both', () => {
  const onPrimary = jest.fn();
  const onCancel = jest.fn();
  const { container, rerender } = render(
    <ButtonPair primary="确认驳回" primaryKind="danger" onPrimary={onPrimary} onCancel={onCancel} />,
  );
  const buttons = screen.getAllByRole('button');
  expect(buttons.map((b) => b.textContent)).toEqual(['取消', '确认驳回']);
  expect(buttons[1].className).toContain('ui-button--danger');
  expect(buttons[1].className).toContain('ui-button-pair__primary');
  fireEvent.click(buttons[0]);
  fireEvent.click(buttons[1]);
  expect(onCancel).toHaveBeenCalledTimes(1);
  expect(onPrimary).toHaveBeenCalledTimes(1);
  rerender(<ButtonPair primary="确认驳回" loading onPrimary={onPrimary} onCancel={onCancel} />);
  container.querySelectorAll('button').forEach((b) => fireEvent.click(b));
  expect(onCancel).toHaveBeenCalledTimes(1);
  expect(onPrimary).toHaveBeenCalledTimes(1);
});

test('Chip: a radio (or checkbox) in a named group, its state in aria-checked', () => {
  const onClick = jest.fn();
  render(
    <ChipGroup label="隐患类别">
      <Chip active label="消防" onClick={onClick} />
      <Chip active={false} label="燃气" onClick={onClick} />
      <Chip active={false} multi label="附近" onClick={onClick} />
    </ChipGroup>,
  );
  expect(screen.getByRole('radiogroup', { name: '隐患类别' })).toBeTruthy();
  expect(screen.getByRole('radio', { name: '消防' }).getAttribute('aria-checked')).toBe('true');
  expect(screen.getByRole('radio', { name: '燃气' }).getAttribute('aria-checked')).toBe('false');
  expect(screen.getByRole('checkbox', { name: '附近' })).toBeTruthy();
  fireEvent.click(screen.getByText('燃气'));
  expect(onClick).toHaveBeenCalledTimes(1);
  // the old class names stay for browser tests
  expect(screen.getByText('消防').className).toContain('chip--active');
});

test('Field: the label names the control, required is marked, hint and error describe it', () => {
  const { rerender } = render(
    <Field label="详细地址" required hint="写到门牌号" id="addr">
      {(control) => <input {...control.nativeProps} />}
    </Field>,
  );
  const input = screen.getByRole('textbox', { name: /详细地址/ });
  expect(input.getAttribute('aria-required')).toBe('true');
  expect(input.getAttribute('aria-invalid')).toBeNull();
  expect(input.getAttribute('aria-describedby')).toBe('addr-hint');
  expect(screen.getByText('*')).toBeTruthy();
  rerender(
    <Field label="详细地址" required hint="写到门牌号" error="请填写地址" id="addr">
      {(control) => <input {...control.nativeProps} />}
    </Field>,
  );
  const again = screen.getByRole('textbox', { name: /详细地址/ });
  expect(again.getAttribute('aria-invalid')).toBe('true');
  expect(again.getAttribute('aria-describedby')).toBe('addr-hint addr-error');
  expect(document.getElementById('addr-error')?.textContent).toBe('请填写地址');
});

test('Dialog: says the consequence; 取消 and the confirm do what they say; closed renders nothing', () => {
  const onConfirm = jest.fn();
  const onCancel = jest.fn();
  const { rerender, container } = render(
    <Dialog
      open
      title="确认驳回？"
      consequence="驳回后将告知举报人，无法撤销"
      confirmText="驳回"
      danger
      onConfirm={onConfirm}
      onCancel={onCancel}
    />,
  );
  expect(screen.getByRole('alertdialog', { name: '确认驳回？' })).toBeTruthy();
  expect(screen.getByText('驳回后将告知举报人，无法撤销')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '取消' }));
  expect(onCancel).toHaveBeenCalledTimes(1);
  fireEvent.click(screen.getByRole('button', { name: '驳回' }));
  expect(onConfirm).toHaveBeenCalledTimes(1);
  expect(screen.getByRole('button', { name: '驳回' }).className).toContain('ui-button--danger');
  rerender(<Dialog open={false} title="确认驳回？" onConfirm={onConfirm} onCancel={onCancel} />);
  expect(container.innerHTML).toBe('');
});

test('Badge caps counts; states have roles', () => {
  render(
    <>
      <Badge tone="danger" count={120} />
      <Badge tone="warning">超期 2 天</Badge>
      <Loading />
      <Empty text="您还没有举报过隐患" />
      <ErrorState message="网络不通" onRetry={() => undefined} />
    </>,
  );
  expect(screen.getByText('99+').className).toContain('ui-badge--danger');
  expect(screen.getByText('超期 2 天').className).toContain('ui-badge--warning');
  expect(screen.getByRole('status').textContent).toContain('加载中');
  expect(screen.getByText('您还没有举报过隐患')).toBeTruthy();
  expect(screen.getByRole('alert').textContent).toContain('网络不通');
  expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
});

describe('large-text mode', () => {
  beforeEach(() => (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync());

  test('defaults to following WeChat (off on h5); on/off are stored', () => {
    expect(readLargeTextPref()).toBe('auto');
    expect(largeTextOn('auto', () => false)).toBe(false);
    expect(largeTextOn('auto', () => true)).toBe(true);
    expect(largeTextOn('off', () => true)).toBe(false);
    expect(largeTextOn('on', () => false)).toBe(true);
    setLargeTextPref('on');
    expect(Taro.getStorageSync(LARGE_TEXT_KEY)).toBe('on');
    setLargeTextPref('auto');
    expect(readLargeTextPref()).toBe('auto');
  });

  test('every mounted page root follows a change at once', () => {
    const { container } = render(<Shell className="mine">x</Shell>);
    const root = container.firstElementChild as HTMLElement;
    expect(root.className).not.toContain('ui-large-text');
    act(() => setLargeTextPref('on'));
    expect(root.className).toContain('ui-large-text');
    act(() => setLargeTextPref('off'));
    expect(root.className).not.toContain('ui-large-text');
  });
});

test('on weapp, a large WeChat font size (getAppBaseInfo, or getSystemInfoSync on old clients) turns it on', () => {
  const env = process.env.TARO_ENV;
  const t = Taro as unknown as Record<string, unknown>;
  process.env.TARO_ENV = 'weapp';
  try {
    t.getAppBaseInfo = () => ({ fontSizeSetting: 17, fontSizeScaleFactor: 1 });
    expect(systemFontIsLarge()).toBe(false);
    t.getAppBaseInfo = () => ({ fontSizeSetting: 22 });
    expect(systemFontIsLarge()).toBe(true);
    delete t.getAppBaseInfo;
    t.getSystemInfoSync = () => ({ fontSizeSetting: 20 });
    expect(systemFontIsLarge()).toBe(true);
  } finally {
    process.env.TARO_ENV = env;
    delete t.getAppBaseInfo;
    delete t.getSystemInfoSync;
  }
});

import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { setRouterParams } from '../test-support/taro';
import { TitleBar, isHomePath } from './TitleBar';

const taro = Taro as unknown as Record<string, jest.Mock>;

beforeEach(() => {
  jest.clearAllMocks();
  setRouterParams({});
});

test('shows the page title from its config and a labelled 返回 that goes home when there is no history', () => {
  taro.getCurrentInstance.mockReturnValue({ page: { config: { navigationBarTitleText: '部门待办' } } });
  taro.getCurrentPages.mockReturnValue([{}]);
  render(<TitleBar />);
  expect(screen.getByRole('heading', { name: '部门待办' })).toBeTruthy();
  const back = screen.getByRole('button', { name: '返回上一页' });
  expect(back.getAttribute('tabindex')).toBe('0');
  fireEvent.click(back);
  expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });
});

test('a page whose title follows its state passes it (全镇待办), over the configured one', () => {
  taro.getCurrentInstance.mockReturnValue({ page: { config: { navigationBarTitleText: '部门待办' } } });
  render(<TitleBar title="全镇待办" />);
  expect(screen.getByRole('heading', { name: '全镇待办' })).toBeTruthy();
  expect(screen.queryByText('部门待办')).toBeNull();
});

test('返回 with history goes back; Enter works like a tap', () => {
  taro.getCurrentInstance.mockReturnValue({ page: { config: { navigationBarTitleText: '消息' } } });
  taro.getCurrentPages.mockReturnValue([{}, {}]);
  render(<TitleBar />);
  fireEvent.keyDown(screen.getByRole('button', { name: '返回上一页' }), { key: 'Enter' });
  expect(taro.navigateBack).toHaveBeenCalled();
});

test('首页 has no title bar; a stamped path is still recognised', () => {
  expect(isHomePath('/pages/index/index')).toBe(true);
  expect(isHomePath('/pages/index/index?stamp=3')).toBe(true);
  expect(isHomePath('/pages/messages/index')).toBe(false);
});

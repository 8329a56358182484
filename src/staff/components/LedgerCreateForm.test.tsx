import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../services/api';
import { LedgerCreateForm } from './LedgerCreateForm';

jest.mock('../../services/api', () => ({
  api: { tipoff: { options: jest.fn() }, admin: { ledgerCreate: jest.fn() } },
}));
const mocked = api as unknown as { tipoff: { options: jest.Mock }; admin: { ledgerCreate: jest.Mock } };
const taro = Taro as unknown as Record<string, jest.Mock>;

beforeEach(() => {
  jest.clearAllMocks();
  mocked.tipoff.options.mockResolvedValue({ categories: [{ id: 'gas', name: '燃气' }], areas: [] });
  taro.pageScrollTo = jest.fn();
});

test('every field has its label and * 必填; a refused save puts each message under its field and scrolls to the first; fixing one clears it', async () => {
  jest.useFakeTimers();
  try {
    const { container } = render(<LedgerCreateForm onCreated={jest.fn()} onCancel={jest.fn()} />);
    await act(async () => undefined);
    const labels = Array.from(container.querySelectorAll('.ui-field__label')).map((l) => l.textContent);
    expect(labels).toEqual(['来源 *', '隐患名称 *', '隐患描述 *', '类别 *', '单位名称 *', '地址 *', '整改期限 *']);
    for (const name of [/隐患名称/, /隐患描述/, /单位名称/, /地址/])
      expect(screen.getByRole('textbox', { name }).getAttribute('aria-required')).toBe('true');

    fireEvent.click(container.querySelector('.ledger-form__submit') as HTMLElement);
    const description = screen.getByRole('textbox', { name: /隐患描述/ });
    const field = description.closest('.ui-field') as HTMLElement;
    expect(field.querySelector('.field-error')?.textContent).toBe('描述至少 5 个字');
    expect(screen.getByText('请选择类别')).toBeTruthy();
    act(() => {
      jest.advanceTimersByTime(100);
    });
    expect(taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '.ledger-form .field-error' }));

    fireEvent.change(description, { target: { value: '仓库内超量储存危化品' } });
    expect(field.querySelector('.field-error')).toBeNull();
    expect(screen.getByText('请选择类别')).toBeTruthy();
    fireEvent.click(screen.getByText('燃气'));
    expect(screen.queryByText('请选择类别')).toBeNull();
    expect(mocked.admin.ledgerCreate).not.toHaveBeenCalled();
  } finally {
    jest.useRealTimers();
  }
});

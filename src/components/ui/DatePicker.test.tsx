import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { DatePicker, formatChineseDate } from './DatePicker';

function Harness({ onChange, start }: { onChange: (d: string) => void; start?: string }) {
  const [v, setV] = useState('');
  return (
    <DatePicker
      label="整改期限"
      value={v}
      start={start}
      onChange={(d) => {
        setV(d);
        onChange(d);
      }}
    />
  );
}

test('h5: 年 / 月 / 日 selects in Chinese, the date reported once all three are chosen', () => {
  const onChange = jest.fn();
  render(<Harness onChange={onChange} start="2026-11-29" />);
  expect(screen.getByRole('group', { name: '整改期限' })).toBeTruthy();
  const year = screen.getByRole('combobox', { name: '整改期限：年' });
  const month = screen.getByRole('combobox', { name: '整改期限：月' });
  const day = screen.getByRole('combobox', { name: '整改期限：日' });
  expect(screen.getByRole('option', { name: '2026 年' })).toBeTruthy();
  expect(screen.getByRole('option', { name: '12 月' })).toBeTruthy();
  expect(document.body.textContent).not.toMatch(/mm|dd|yyyy/);
  fireEvent.change(year, { target: { value: '2026' } });
  fireEvent.change(month, { target: { value: '12' } });
  expect(onChange).not.toHaveBeenCalled();
  fireEvent.change(day, { target: { value: '9' } });
  expect(onChange).toHaveBeenLastCalledWith('2026-12-09');
  expect(screen.getByText('（星期三）')).toBeTruthy();
});

test('a day past the month end is pulled back; a date before start becomes start', () => {
  const onChange = jest.fn();
  render(<Harness onChange={onChange} start="2026-11-29" />);
  fireEvent.change(screen.getByRole('combobox', { name: '整改期限：年' }), { target: { value: '2027' } });
  fireEvent.change(screen.getByRole('combobox', { name: '整改期限：月' }), { target: { value: '1' } });
  fireEvent.change(screen.getByRole('combobox', { name: '整改期限：日' }), { target: { value: '31' } });
  expect(onChange).toHaveBeenLastCalledWith('2027-01-31');
  fireEvent.change(screen.getByRole('combobox', { name: '整改期限：月' }), { target: { value: '2' } });
  expect(onChange).toHaveBeenLastCalledWith('2027-02-28');
  fireEvent.change(screen.getByRole('combobox', { name: '整改期限：年' }), { target: { value: '2026' } });
  expect(onChange).toHaveBeenLastCalledWith('2026-11-29');
});

test('formatChineseDate', () => {
  expect(formatChineseDate('2026-12-09')).toBe('2026 年 12 月 9 日（星期三）');
});

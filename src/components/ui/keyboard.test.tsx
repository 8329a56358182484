import { fireEvent, render, screen } from '@testing-library/react';
import { View } from '@tarojs/components';
import { Chip, pressable } from '.';

test('a chip is in the Tab order and Enter or Space toggles it; other keys do nothing', () => {
  const onClick = jest.fn();
  render(<Chip active={false} multi label="只看超期" onClick={onClick} />);
  const chip = screen.getByRole('checkbox', { name: '只看超期' });
  expect(chip.getAttribute('tabindex')).toBe('0');
  fireEvent.keyDown(chip, { key: 'Enter' });
  fireEvent.keyDown(chip, { key: ' ' });
  fireEvent.keyDown(chip, { key: 'a' });
  fireEvent.keyDown(chip, { key: 'Tab' });
  expect(onClick).toHaveBeenCalledTimes(2);
  fireEvent.click(chip);
  expect(onClick).toHaveBeenCalledTimes(3);
});

test('a disabled chip is skipped by Tab and ignores keys', () => {
  const onClick = jest.fn();
  render(<Chip active={false} disabled label="燃气" onClick={onClick} />);
  const chip = screen.getByRole('radio', { name: '燃气' });
  expect(chip.getAttribute('tabindex')).toBeNull();
  fireEvent.keyDown(chip, { key: 'Enter' });
  expect(onClick).not.toHaveBeenCalled();
});

test('Enter on an inner pressable does not also open the card around it', () => {
  const card = jest.fn();
  const badge = jest.fn();
  render(
    <View {...pressable(card)}>
      <View className="badge" {...pressable(badge)}>
        超期 2
      </View>
    </View>,
  );
  fireEvent.keyDown(screen.getByText('超期 2'), { key: 'Enter' });
  expect(badge).toHaveBeenCalledTimes(1);
  expect(card).not.toHaveBeenCalled();
});

test('weapp has no keyboard: just the tap', () => {
  const env = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  try {
    const onPress = jest.fn();
    expect(Object.keys(pressable(onPress))).toEqual(['onClick']);
  } finally {
    if (env === undefined) delete (process.env as Record<string, string | undefined>).TARO_ENV;
    else process.env.TARO_ENV = env;
  }
});

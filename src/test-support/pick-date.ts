import { fireEvent } from '@testing-library/react';

/** Chooses a YYYY-MM-DD date in a ui DatePicker (h5: the 年 / 月 / 日 selects) inside `root`. */
export function pickDate(root: ParentNode, ymd: string) {
  const [y, m, d] = ymd.split('-').map(Number);
  const set = (part: string, v: number) =>
    fireEvent.change(root.querySelector(`.date-picker__${part}`) as HTMLSelectElement, {
      target: { value: String(v) },
    });
  set('y', y);
  set('m', m);
  set('d', d);
}

import { Picker, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import './ui.css';

interface Props {
  /** YYYY-MM-DD, or '' for none yet. */
  value: string;
  onChange: (date: string) => void;
  /** Earliest date allowed, YYYY-MM-DD. */
  start?: string;
  /** How many years after the start year are offered (h5). */
  years?: number;
  /** The accessible name of the whole picker ("整改期限"). */
  label?: string;
  placeholder?: string;
  className?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const WEEK = '日一二三四五六';

/** "2026 年 12 月 9 日（星期三）" */
export function formatChineseDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const wd = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return `${y} 年 ${mo} 月 ${d} 日（星期${WEEK[wd]}）`;
}

/**
 * A date in Chinese. weapp: WeChat's own date picker (already Chinese). h5: the browser's date input shows
 * "mm/dd/yyyy" in an English browser, so three labelled selects — 年 / 月 / 日 — with Chinese options; the
 * date is reported once all three are chosen, never earlier than `start`.
 */
export function DatePicker({
  value,
  onChange,
  start,
  years = 3,
  label = '日期',
  placeholder = '请选择日期',
  className = '',
}: Props) {
  const [parts, setParts] = useState(() => split(value));
  useEffect(() => setParts(split(value)), [value]);

  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Picker mode="date" value={value} start={start} onChange={(e) => onChange(String(e.detail.value))}>
        <View className={`date-picker ${className}`}>
          <Text className={value ? 'date-picker__value' : 'date-picker__placeholder'}>
            {value ? formatChineseDate(value) : placeholder}
          </Text>
        </View>
      </Picker>
    );
  }

  const first = Number((start ?? '').slice(0, 4)) || new Date().getFullYear();
  const yearList = Array.from({ length: years }, (_, i) => first + i);
  const dayCount = parts.y && parts.m ? daysIn(parts.y, parts.m) : 31;
  const pick = (next: Parts) => {
    if (next.y && next.m && next.d > daysIn(next.y, next.m)) next = { ...next, d: daysIn(next.y, next.m) };
    setParts(next);
    if (next.y && next.m && next.d) {
      const ymd = `${next.y}-${pad(next.m)}-${pad(next.d)}`;
      onChange(start && ymd < start ? start : ymd);
    }
  };
  const select = (part: keyof Parts, name: string, options: number[], unit: string) => (
    <select
      className={`date-picker__select date-picker__${part}`}
      aria-label={`${label}：${name}`}
      value={parts[part] || ''}
      onChange={(e) => pick({ ...parts, [part]: Number(e.target.value) })}
    >
      <option value="">{name}</option>
      {options.map((n) => (
        <option key={n} value={n}>
          {n} {unit}
        </option>
      ))}
    </select>
  );
  return (
    <View className={`date-picker ${className}`} role="group" aria-label={label}>
      {select('y', '年', yearList, '年')}
      {select('m', '月', range(12), '月')}
      {select('d', '日', range(dayCount), '日')}
      {value && <Text className="date-picker__week">{formatChineseDate(value).replace(/^.*（/, '（')}</Text>}
    </View>
  );
}

interface Parts {
  y: number;
  m: number;
  d: number;
}
function split(value: string): Parts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : { y: 0, m: 0, d: 0 };
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

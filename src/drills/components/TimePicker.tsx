import { Picker, Text, View } from '@tarojs/components';

const pad = (n: number) => String(n).padStart(2, '0');
const HOURS = Array.from({ length: 24 }, (_, i) => i);
const MINUTES = Array.from({ length: 12 }, (_, i) => i * 5);

/**
 * A time of day HH:mm. weapp: WeChat's own time picker; h5: two labelled selects 时 / 分 (5-minute steps), the
 * time reported once both are chosen.
 */
export function TimePicker({
  value,
  onChange,
  label,
  className = '',
}: {
  value: string;
  onChange: (hhmm: string) => void;
  label: string;
  className?: string;
}) {
  const [h, m] = value ? value.split(':').map(Number) : [NaN, NaN];
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Picker mode="time" value={value || '09:00'} onChange={(e) => onChange(String(e.detail.value))}>
        <View className={`date-picker ${className}`}>
          <Text className={value ? 'date-picker__value' : 'date-picker__placeholder'}>{value || '请选择时间'}</Text>
        </View>
      </Picker>
    );
  }
  const pick = (hour: number, minute: number) => {
    if (Number.isFinite(hour) && Number.isFinite(minute)) onChange(`${pad(hour)}:${pad(minute)}`);
  };
  return (
    <View className={`date-picker ${className}`} role="group" aria-label={label}>
      <select
        className="date-picker__select"
        aria-label={`${label}：时`}
        value={Number.isFinite(h) ? String(h) : ''}
        onChange={(e) => pick(Number(e.target.value), Number.isFinite(m) ? m : 0)}
      >
        <option value="">时</option>
        {HOURS.map((n) => (
          <option key={n} value={n}>
            {n} 时
          </option>
        ))}
      </select>
      <select
        className="date-picker__select"
        aria-label={`${label}：分`}
        value={Number.isFinite(m) ? String(m) : ''}
        onChange={(e) => pick(Number.isFinite(h) ? h : 9, Number(e.target.value))}
      >
        <option value="">分</option>
        {(MINUTES.includes(m) || !Number.isFinite(m) ? MINUTES : [...MINUTES, m].sort((a, b) => a - b)).map((n) => (
          <option key={n} value={n}>
            {pad(n)} 分
          </option>
        ))}
      </select>
    </View>
  );
}

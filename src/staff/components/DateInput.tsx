import { Picker, Text, View } from '@tarojs/components';
import './DateInput.css';

interface Props {
  value: string;
  onChange: (date: string) => void;
  /** Earliest date allowed, YYYY-MM-DD. */
  start?: string;
  placeholder?: string;
  className?: string;
}

/** A YYYY-MM-DD date: the native date picker on weapp, the browser's own date input elsewhere. */
export function DateInput({ value, onChange, start, placeholder = '请选择日期', className = '' }: Props) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Picker mode="date" value={value} start={start} onChange={(e) => onChange(String(e.detail.value))}>
        <View className={`date-input ${className}`}>
          <Text className={value ? 'date-input__value' : 'date-input__placeholder'}>{value || placeholder}</Text>
        </View>
      </Picker>
    );
  }
  return (
    <View className={`date-input ${className}`}>
      <input
        className="date-input__native"
        type="date"
        aria-label={placeholder}
        value={value}
        min={start}
        onChange={(e) => onChange(e.target.value)}
      />
    </View>
  );
}

/** Today in town time (UTC+8), YYYY-MM-DD: the earliest deadline one can set. */
export function townToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

import { DatePicker } from '../../components/ui/DatePicker';

interface Props {
  value: string;
  onChange: (date: string) => void;
  /** Earliest date allowed, YYYY-MM-DD. */
  start?: string;
  placeholder?: string;
  className?: string;
  /** The accessible name ("整改期限"). */
  label?: string;
}

/** A YYYY-MM-DD date in Chinese: WeChat's date picker on weapp, 年 / 月 / 日 selects on h5 (see ui/DatePicker). */
export function DateInput({
  value,
  onChange,
  start,
  placeholder = '请选择日期',
  className = '',
  label = '期限',
}: Props) {
  return (
    <DatePicker
      className={`date-input ${className}`}
      value={value}
      onChange={onChange}
      start={start}
      label={label}
      placeholder={placeholder}
    />
  );
}

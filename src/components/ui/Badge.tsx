import { Text } from '@tarojs/components';
import './ui.css';

export type BadgeTone = 'primary' | 'danger' | 'warning' | 'success' | 'info' | 'neutral';

/** A small coloured label or count ("3 条未读", "超期 2 天"); counts above `max` read as "99+". */
export function Badge({
  tone = 'neutral',
  count,
  max = 99,
  className = '',
  children,
}: React.PropsWithChildren<{ tone?: BadgeTone; count?: number; max?: number; className?: string }>) {
  const shown = count === undefined ? null : count > max ? `${max}+` : String(count);
  return (
    <Text className={`ui-badge ui-badge--${tone} ${className}`}>
      {shown}
      {children}
    </Text>
  );
}

import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { a11y } from './ui/a11y';
import './EmergencyCall.css';

export const EMERGENCY_NUMBERS = [
  { number: '119', label: '火警' },
  { number: '110', label: '报警' },
  { number: '120', label: '急救' },
  { number: '962777', label: '燃气抢修' },
] as const;

/** Tap-to-call buttons for an emergency in progress. */
export function EmergencyCall({ compact = false }: { compact?: boolean }) {
  return (
    <View className={`emergency-call ${compact ? 'emergency-call--compact' : ''}`}>
      {EMERGENCY_NUMBERS.map(({ number, label }) => (
        <Button
          key={number}
          className={`emergency-call__button emergency__call emergency__call-${number}`}
          // A cancelled call rejects; nothing to do about it.
          onClick={() => void Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined)}
          {...a11y({ role: 'button', label: `拨打 ${number} ${label}` })}
        >
          {number} {label}
        </Button>
      ))}
    </View>
  );
}

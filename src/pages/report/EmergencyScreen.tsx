import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui/Button';
import { EmergencyCall } from '../../components/EmergencyCall';

/** Shown before the form: an emergency in progress needs a call, not a report. */
export function EmergencyScreen({ onContinue }: { onContinue: () => void }) {
  return (
    <View className="emergency">
      <Text className="emergency__title">正在发生火灾、冒烟、燃气异味或有人受伤？</Text>
      <Text className="emergency__text">请先确保自身安全，立即拨打电话求助：</Text>
      <EmergencyCall />
      <Button className="emergency__continue" onClick={onContinue}>
        不是紧急情况，继续举报
      </Button>
    </View>
  );
}

/** What a chosen category may mean right now: gas leaking, someone trapped in a lift, or another emergency. */
export type EmergencyKind = 'gas' | 'trapped' | 'general';

/** Which prompt a category needs, if any (电梯困人 is an emergency even though the category covers faults too). */
export function emergencyKind(category: { id: string; name: string; group: string; emergency: boolean } | undefined) {
  if (!category) return undefined;
  if (/燃气/.test(category.name + category.group) && category.emergency) return 'gas';
  if (category.id === 'elevator' || /困人/.test(category.name)) return 'trapped';
  return category.emergency ? 'general' : undefined;
}

const INLINE_TEXT: Record<EmergencyKind, string> = {
  gas: '如正在泄漏、冒烟或起火，请立即离开现场，并拨打燃气抢修 962777 或 119。',
  trapped: '紧急情况：如有人正被困在电梯内，请立即拨打 110 或 119，并按电梯内的紧急呼叫按钮。',
  general: '如正在冒烟、起火或有人受伤，请先确保安全，并拨打 119 / 110 / 120。',
};

/** The call prompt inside the form, right where an emergency category (gas smell, 电梯困人) was chosen. */
export function EmergencyInline({ kind = 'gas' }: { kind?: EmergencyKind }) {
  return (
    <View className={`report__emergency report__emergency--${kind}`}>
      <Text className="report__emergency-text">{INLINE_TEXT[kind]}</Text>
      <EmergencyCall compact />
      <Text className="report__emergency-hint">已确保安全的，可继续填写举报。</Text>
    </View>
  );
}

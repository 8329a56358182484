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

/** The same call prompt inside the form, when the chosen category may be an emergency (e.g. gas smell). */
export function EmergencyInline() {
  return (
    <View className="report__emergency">
      <Text className="report__emergency-text">
        如正在泄漏、冒烟或起火，请立即离开现场，并拨打燃气抢修 962777 或 119。
      </Text>
      <EmergencyCall compact />
      <Text className="report__emergency-hint">已确保安全的，可继续填写举报。</Text>
    </View>
  );
}

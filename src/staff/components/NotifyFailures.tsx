import { Text, View } from '@tarojs/components';
import { STATUS_LABELS, type NotifyFailure } from '../../../types';
import { formatTime } from '../../services/format';

const REASONS: Record<NotifyFailure['reason'], string> = {
  'no-consent': '举报人未订阅',
  failed: '发送失败',
};

/** One line per subscribe message that did not reach the reporter: staff know who was not told, and of what. */
export function notifyFailureText(f: NotifyFailure): string {
  const code = f.errCode !== undefined ? `，错误码 ${f.errCode}` : '';
  return `订阅消息未送达：${formatTime(f.at)}「${STATUS_LABELS[f.status]}」${REASONS[f.reason]}${code}`;
}

export function NotifyFailures({ failures }: { failures?: NotifyFailure[] }) {
  if (!failures?.length) return null;
  return (
    <View className="detail__notify-failures">
      {failures.map((f, i) => (
        <Text key={`${f.at}-${i}`} className="detail__line detail__notify-failure">
          {notifyFailureText(f)}
        </Text>
      ))}
      <Text className="detail__line detail__notify-hint">
        举报人可在小程序「消息」中看到进展；如需告知，请另行联系。
      </Text>
    </View>
  );
}

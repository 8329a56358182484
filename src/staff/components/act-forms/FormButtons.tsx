import { Button, View } from '@tarojs/components';
import { disabledIf } from '../../../components/Form';

/** Submit and cancel of a step form; submit is disabled while any call runs. */
export function FormButtons({
  label,
  running,
  onSubmit,
  onCancel,
}: {
  label: string;
  running: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  return (
    <View className="act-form__buttons">
      <Button className="act-form__submit" disabled={disabledIf(running)} onClick={onSubmit}>
        {running ? '提交中…' : label}
      </Button>
      <Button className="act-form__cancel" disabled={disabledIf(running)} onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}

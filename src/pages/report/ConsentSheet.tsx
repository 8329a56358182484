import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Dialog } from '../../components/ui/Dialog';
import { a11y, pressable } from '../../components/ui/a11y';
import { api } from '../../services/api';
import { goTo } from '../../services/navigate';
import './ConsentSheet.css';

/** Said while the notice's own summary loads (or when it cannot be loaded). */
const FALLBACK =
  '举报时会收集隐患的位置和照片；实名举报还会收集您的姓名和手机号，只用于核实隐患和发放奖励，处理部门看不到。';

/**
 * Consent before the first report (个人信息保护法): the notice's summary, a link to the whole notice, and
 * 同意并继续 — the report is sent only after the person agreed to the version in force.
 */
export function ConsentSheet({
  open,
  busy,
  error,
  onAgree,
  onCancel,
}: {
  open: boolean;
  busy: boolean;
  error?: string;
  onAgree: () => void;
  onCancel: () => void;
}) {
  const [summary, setSummary] = useState<string>();
  useEffect(() => {
    if (!open || summary) return;
    let alive = true;
    api.user.privacy().then(
      (s) => alive && setSummary(s.notice.summary),
      () => undefined, // the fixed sentence stays
    );
    return () => {
      alive = false;
    };
  }, [open, summary]);

  return (
    <Dialog
      open={open}
      className="consent-sheet"
      title="提交前，请阅读《个人信息保护说明》"
      consequence={summary ?? FALLBACK}
      confirmText="同意并继续"
      busy={busy}
      onConfirm={onAgree}
      onCancel={onCancel}
    >
      <View
        className="consent-sheet__link"
        {...a11y({ role: 'link' })}
        {...pressable(() => void goTo('/resident/pages/privacy/index'))}
      >
        查看完整说明 ›
      </View>
      {error && (
        <Text className="field-error consent-sheet__error" {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      )}
    </Dialog>
  );
}

import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { PrivacyState } from '../../../../types/privacy';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { Button } from '../../../components/ui/Button';
import { a11y, pressable } from '../../../components/ui/a11y';
import { useRemote } from '../../../hooks/useRemote';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { asCloudError } from '../../../services/errors';
import { formatDate, formatTime } from '../../../services/format';
import { goTo } from '../../../services/navigate';
import '../../resident.css';
import './index.css';

/** Whether and when the person agreed, said against the version in force. */
function ConsentLine({ state }: { state: PrivacyState }) {
  const { notice, consentedVersion, consentedAt } = state;
  if (consentedVersion === notice.version) {
    return (
      <Text className="resident-message resident-message--ok privacy__consent">
        您已于 {formatTime(consentedAt)} 同意本说明。
      </Text>
    );
  }
  if (consentedVersion !== null) {
    return (
      <Text className="resident-message resident-message--info privacy__consent">
        本说明在 {formatDate(notice.updatedAt)} 更新过。您之前同意的是旧版本，请阅读后重新同意。
      </Text>
    );
  }
  return <Text className="resident-message resident-message--info privacy__consent">您还没有同意本说明。</Text>;
}

/** 个人信息保护说明: the notice in force, whether the person agreed to it, and 同意 when they have not. */
export default function PrivacyPage() {
  const state = useRemote(() => api.user.privacy(), []);
  const [agreeing, setAgreeing] = useState(false);
  const [error, setError] = useState<string>();

  const agree = async () => {
    if (!state.data) return;
    setAgreeing(true);
    setError(undefined);
    try {
      await api.user.consent(state.data.notice.version);
      resetSession(); // the report page reads the consent from the sign-in answer
      Taro.showToast({ title: '已同意', icon: 'success' });
      state.reload();
    } catch (e) {
      setError(asCloudError(e, '提交失败，请重试').message);
    } finally {
      setAgreeing(false);
    }
  };

  const s = state.data;
  if (!s) {
    return (
      <Shell className="resident privacy">
        <PageState loading={state.loading} error={state.error} onRetry={state.reload} />
      </Shell>
    );
  }
  const agreed = s.consentedVersion === s.notice.version;
  return (
    <Shell className="resident privacy">
      <View className="resident-section">
        <Text className="privacy__title">{s.notice.title}</Text>
        <Text className="resident-hint">更新日期：{formatDate(s.notice.updatedAt)}</Text>
        <Text className="privacy__summary">{s.notice.summary}</Text>
        <ConsentLine state={s} />
      </View>
      {s.notice.sections.map((section) => (
        <View key={section.heading} className="resident-section privacy__section">
          <Text className="privacy__heading" {...a11y({ role: 'heading' })} {...{ 'aria-level': '2' }}>
            {section.heading}
          </Text>
          {section.body
            .split(/\n+/)
            .filter((p) => p.trim())
            .map((p, i) => (
              <Text key={i} className="privacy__paragraph">
                {p}
              </Text>
            ))}
        </View>
      ))}
      <View className="resident-section">
        {!agreed && (
          <>
            {error && (
              <Text className="resident-message resident-message--error" {...a11y({ role: 'alert' })}>
                {error}
              </Text>
            )}
            <Button kind="primary" className="privacy__agree" loading={agreeing} loadingText="提交中…" onClick={agree}>
              同意
            </Button>
          </>
        )}
        <View
          className="resident-link privacy__my-data"
          {...a11y({ role: 'link' })}
          {...pressable(() => void goTo('/resident/pages/my-data/index'))}
        >
          查看或删除我的个人信息 ›
        </View>
      </View>
    </Shell>
  );
}

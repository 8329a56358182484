import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { RegisterEnterpriseInput } from '../../../../types';
import { PageState } from '../../../components/PageState';
import { Button } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import type { CloudError } from '../../../services/cloud-error';
import { asCloudError } from '../../../services/errors';
import { EnterpriseForm, type EnterpriseFormValues } from '../../components/EnterpriseForm';
import { EnterpriseGate } from '../../components/Gate';
import { INDUSTRIES } from '../../industries';

const DRAFT_KEY = 'mx.draft.enterprise';

function loadDraft(): EnterpriseFormValues | undefined {
  try {
    const d = Taro.getStorageSync(DRAFT_KEY) as EnterpriseFormValues | '';
    return d && typeof d === 'object' ? d : undefined;
  } catch {
    return undefined;
  }
}
function saveDraft(v: EnterpriseFormValues | undefined) {
  try {
    if (v) Taro.setStorageSync(DRAFT_KEY, v);
    else Taro.removeStorageSync(DRAFT_KEY);
  } catch {
    // a draft is a convenience only
  }
}

function Register() {
  const options = useRemote(() => api.tipoff.options(), []);
  const [submitting, setSubmitting] = useState(false);
  const [serverError, setServerError] = useState<CloudError>();
  const [done, setDone] = useState(false);

  const submit = async (input: RegisterEnterpriseInput) => {
    setSubmitting(true);
    setServerError(undefined);
    try {
      await api.enterprise.register(input);
      saveDraft(undefined);
      resetSession(); // the session now carries the enterprise
      setDone(true);
    } catch (e) {
      setServerError(asCloudError(e, '提交失败，请重试'));
    } finally {
      setSubmitting(false);
    }
  };

  if (done)
    return (
      <View className="ent__done register__done">
        <Text className="ent__done-mark" aria-hidden="true">
          ✓
        </Text>
        <Text className="ent__done-title">已提交，等待镇安委办审核</Text>
        <Text className="ent__line">
          审核通过后，您可以在“企业安全台”邀请员工、处理员工报告的隐患。审核结果会通知您。
        </Text>
        <Button kind="primary" onClick={() => void Taro.redirectTo({ url: '/enterprise/pages/desk/index' })}>
          查看企业安全台
        </Button>
      </View>
    );

  if (!options.data) return <PageState loading={options.loading} error={options.error} onRetry={options.reload} />;

  return (
    <View className="register">
      <View className="ent__section">
        <Text className="ent__title">登记企业</Text>
        <Text className="ent__hint">请按营业执照填写。提交后由镇安委办审核，审核通过后即可邀请员工。</Text>
        <EnterpriseForm
          areas={options.data.areas}
          industries={INDUSTRIES}
          initial={loadDraft()}
          submitLabel="提交登记"
          submitting={submitting}
          serverError={serverError}
          onChange={saveDraft}
          onSubmit={(input) => void submit(input)}
        />
      </View>
    </View>
  );
}

export default function RegisterPage() {
  return (
    <EnterpriseGate roles={['safetyManager']} className="register-page">
      {(session) =>
        session.enterpriseId ? (
          <View className="ent__section">
            <Text className="ent__title">您已登记企业</Text>
            <Text className="ent__line">一个账号只能登记一家企业。企业的情况和审核进度请在企业安全台查看。</Text>
            <View className="ent__actions">
              <Button kind="primary" onClick={() => void Taro.redirectTo({ url: '/enterprise/pages/desk/index' })}>
                打开企业安全台
              </Button>
            </View>
          </View>
        ) : (
          <Register />
        )
      }
    </EnterpriseGate>
  );
}

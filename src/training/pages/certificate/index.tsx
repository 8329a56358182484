import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { VerifyCertificateInput, type Certificate } from '../../../../types/training';
import { Shell } from '../../../components/Shell';
import { a11y, Button, Field } from '../../../components/ui';
import { api } from '../../../services/api';
import { asCloudError } from '../../../services/errors';
import '../../../components/Form.css';
import '../../training.css';
import './index.css';

/** 证书查询: anyone checks a certificate by its 12-character code. */
export default function CertificatePage() {
  const initial = useRouter().params.code ?? '';
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string>();
  const [looking, setLooking] = useState(false);
  const [cert, setCert] = useState<Certificate>();

  const lookup = async (value = code) => {
    const parsed = VerifyCertificateInput.safeParse({ code: value.replace(/\s+/g, '') });
    if (!parsed.success) {
      setCert(undefined);
      setError('证书编号为 12 位字母和数字，请核对后重新输入');
      return;
    }
    setError(undefined);
    setLooking(true);
    try {
      setCert(await api.training.verifyCertificate(parsed.data.code));
    } catch (e) {
      setCert(undefined);
      const err = asCloudError(e, '查询失败，请重试');
      setError(err.code === 'NOT_FOUND' ? '没有这个编号的证书，请核对后重试' : err.message);
    } finally {
      setLooking(false);
    }
  };

  useEffect(() => {
    if (initial) void lookup(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial]);

  return (
    <Shell className="training certificate">
      <View className="training-section">
        <Text className="training-section__title">证书查询</Text>
        <Text className="training-hint">输入证书上的 12 位编号，核验是否真实有效。</Text>
        <Field label="证书编号" id="certificate-code" error={error}>
          {(control) => (
            <Input
              className="form-input certificate__code"
              value={code}
              maxlength={16}
              placeholder="12 位编号"
              onInput={(e) => setCode(e.detail.value.toUpperCase())}
              onConfirm={() => void lookup()}
              {...control}
            />
          )}
        </Field>
        <View className="training-actions">
          <Button
            kind="primary"
            className="certificate__lookup"
            loading={looking}
            loadingText="查询中…"
            onClick={() => void lookup()}
          >
            查询
          </Button>
        </View>
      </View>
      {cert && (
        <View className="training-section certificate__card" {...a11y({ role: 'status' })}>
          <Text className="certificate__ok">✓ 证书真实有效</Text>
          <View className="certificate__rows">
            {[
              ['姓名', cert.name],
              ['考试', cert.quizTitle],
              ['成绩', `${cert.scorePercent} 分`],
              ['通过日期', cert.passedOn],
              ['发证单位', cert.issuer],
              ['证书编号', cert.code],
            ].map(([k, v]) => (
              <View key={k} className="certificate__row">
                <Text className="certificate__key">{k}</Text>
                <Text className="certificate__value">{v}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
    </Shell>
  );
}

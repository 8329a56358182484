import { Input, View } from '@tarojs/components';
import { Button } from '../../components/ui/Button';
import { Field } from '../../components/ui/Field';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { TipoffDetail } from '../../../types';
import { Shell } from '../../components/Shell';
import { TipoffView } from '../../components/TipoffView';
import { api } from '../../services/api';
import { asCloudError } from '../../services/errors';
import { checkTrackingCode } from './code';
import './index.css';

const LAST_CODE = 'mx.track.last';

function lastCode(): string {
  try {
    return (Taro.getStorageSync(LAST_CODE) as string) || '';
  } catch {
    return '';
  }
}

/** Anonymous reporters follow (and rate) their case with the tracking code alone. */
export default function TrackPage() {
  const initial = useRouter().params.code ?? '';
  const [input, setInput] = useState(initial || lastCode());
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [found, setFound] = useState<{ code: string; detail: TipoffDetail }>();

  const query = useCallback(async (raw: string) => {
    const { code, error: invalid } = checkTrackingCode(raw);
    if (invalid) {
      setError(invalid);
      return;
    }
    setError(undefined);
    setLoading(true);
    try {
      const detail = await api.tipoff.track(code);
      setFound({ code, detail });
      try {
        Taro.setStorageSync(LAST_CODE, code);
      } catch {
        // remembering the code is a convenience only
      }
    } catch (e) {
      setFound(undefined);
      setError(asCloudError(e, '查询失败，请重试').message);
    } finally {
      setLoading(false);
    }
  }, []);

  // A code in the link (e.g. from the submit page) is looked up at once.
  useEffect(() => {
    if (initial) void query(initial);
  }, [initial, query]);

  const rate = async (score: number, comment?: string) => {
    if (!found) return;
    await api.tipoff.rate({ trackingCode: found.code, score, ...(comment ? { comment } : {}) });
    Taro.showToast({ title: '感谢您的评价', icon: 'success' });
    setFound({ code: found.code, detail: await api.tipoff.track(found.code) });
  };

  const urge = async () => {
    if (!found) return '';
    const res = await api.tipoff.urge({ trackingCode: found.code });
    Taro.showToast({ title: '已催办', icon: 'success' });
    return res.urgedOn;
  };

  return (
    <Shell className="track">
      <View className="track__form">
        <Field
          label="查询码"
          labelClassName="track__label"
          hint="提交举报后获得的 10 位查询码，匿名举报也可查询进度。"
          id="track-code"
          error={error}
        >
          {(control) => (
            <Input
              className="track__input"
              value={input}
              maxlength={14}
              placeholder="请输入 10 位查询码"
              onInput={(e) => setInput(e.detail.value)}
              onConfirm={() => void query(input)}
              {...control}
            />
          )}
        </Field>
        <Button
          kind="primary"
          className="track__submit"
          loading={loading}
          loadingText="查询中…"
          onClick={() => void query(input)}
        >
          查询
        </Button>
      </View>
      {found && (
        <View className="track__result">
          <TipoffView key={found.code} detail={found.detail} onRate={rate} onUrge={urge} />
        </View>
      )}
    </Shell>
  );
}

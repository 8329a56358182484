import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { TOKEN_LIFE_SECONDS, type CheckinInput, type CheckinResult } from '../../../../types/drill';
import { Shell } from '../../../components/Shell';
import { a11y, Button, Field, Loading } from '../../../components/ui';
import { api } from '../../../services/api';
import { asCloudError } from '../../../services/errors';
import { formatTime } from '../../../services/format';
import { currentOpenid } from '../../../services/identity';
import { goBack } from '../../../services/navigate';
import { checkinTokenIn, drillIdOf, locate } from '../../checkin';
import '../../../components/Form.css';
import './index.css';

const NOT_A_TOKEN = '这不是演练签到二维码，请扫描组织者手机上的签到码';
const nameKey = () => `mx.drill.checkinName.${currentOpenid()}`;

/** The main step after a refusal: scan again, locate again (same code), try the same again, or go back (重新扫码 and 返回 are always offered). */
type Next = 'rescan' | 'relocate' | 'retry' | 'back';

type Step =
  | { kind: 'start'; error?: string }
  | { kind: 'locating' }
  | { kind: 'sending' }
  | { kind: 'done'; result: CheckinResult }
  | { kind: 'already'; title?: string; at?: string }
  | { kind: 'denied' }
  | { kind: 'noFix' }
  | { kind: 'needName'; message: string }
  | { kind: 'refused'; title: string; message: string; next: Next };

function storedName(): string {
  try {
    return (Taro.getStorageSync(nameKey()) as string) || '';
  } catch {
    return '';
  }
}

/**
 * 演练签到 (issue 10): the drill's token (weapp: WeChat's scanner; h5: pasted; or `?token=` from a scanned link),
 * then the phone's position with its accuracy, then drill.checkin. Each refusal says why and what to do next.
 */
export default function CheckinPage() {
  const fromLink = useRouter().params.token;
  const canScan = process.env.TARO_ENV !== 'h5';
  const [step, setStep] = useState<Step>({ kind: 'start' });
  const [token, setToken] = useState<string>();
  const [pasted, setPasted] = useState('');
  const [name, setName] = useState(storedName);
  const [nameError, setNameError] = useState<string>();
  // Two taps in the same instant: the second finds this set and does nothing (state would be a render late).
  const running = useRef(false);

  const checkin = async (tok: string, withName = name.trim()) => {
    if (running.current) return;
    running.current = true;
    setToken(tok);
    try {
      setStep({ kind: 'locating' });
      const located = await locate();
      if (!located.ok) {
        setStep({ kind: located.reason === 'denied' ? 'denied' : 'noFix' });
        return;
      }
      setStep({ kind: 'sending' });
      const { latitude, longitude, accuracy } = located.fix;
      const input: CheckinInput = {
        token: tok,
        latitude,
        longitude,
        ...(accuracy !== undefined ? { accuracy } : {}),
        ...(withName ? { name: withName } : {}),
      };
      const result = await api.drill.checkin(input);
      if (withName) Taro.setStorageSync(nameKey(), withName);
      setStep({ kind: 'done', result });
    } catch (e) {
      setStep(await refusal(e, tok));
    } finally {
      running.current = false;
    }
  };

  useEffect(() => {
    if (!fromLink) return;
    const found = checkinTokenIn(fromLink);
    if (found) void checkin(found);
    else setStep({ kind: 'start', error: NOT_A_TOKEN });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromLink]);

  const scan = async () => {
    if (running.current) return;
    let text: string | undefined;
    try {
      text = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch {
      return; // closed the scanner: nothing to say
    }
    const found = checkinTokenIn(text);
    if (found) void checkin(found);
    else setStep({ kind: 'start', error: NOT_A_TOKEN });
  };

  const submitPasted = () => {
    const found = checkinTokenIn(pasted);
    if (!found) {
      setStep({ kind: 'start', error: pasted.trim() ? NOT_A_TOKEN : '请粘贴组织者手机上显示的签到码' });
      return;
    }
    void checkin(found);
  };

  const submitName = () => {
    const value = name.trim();
    if (value.length < 2) {
      setNameError('请填写您的姓名');
      return;
    }
    setNameError(undefined);
    if (token) void checkin(token, value);
  };

  const again = () => {
    setToken(undefined);
    setPasted('');
    setStep({ kind: 'start' });
    if (canScan) void scan();
  };
  const rescanLabel = canScan ? '重新扫码' : '重新粘贴签到码';

  const busy = step.kind === 'locating' || step.kind === 'sending';

  return (
    <Shell className="checkin" title="演练签到">
      {step.kind === 'start' && (
        <View className="checkin__card">
          <Text className="checkin__title">演练签到</Text>
          {canScan ? (
            <>
              <Text className="checkin__text">扫描组织者手机上的签到二维码，签到时会核对您是否在集合点附近。</Text>
              <Button kind="primary" className="checkin__scan" onClick={() => void scan()}>
                扫码签到
              </Button>
            </>
          ) : (
            <>
              <Text className="checkin__text">
                粘贴组织者手机上显示的签到码（每 {TOKEN_LIFE_SECONDS} 秒更新），签到时会核对您是否在集合点附近。
              </Text>
              <Field label="签到码" id="checkin-token">
                {(control) => (
                  <Input
                    className="form-input checkin__token"
                    value={pasted}
                    maxlength={300}
                    placeholder="粘贴签到码"
                    onInput={(e) => setPasted(e.detail.value)}
                    onConfirm={submitPasted}
                    {...control}
                  />
                )}
              </Field>
              <Button kind="primary" className="checkin__submit" onClick={submitPasted}>
                签到
              </Button>
            </>
          )}
          {step.error && (
            <Text className="checkin__error" {...a11y({ role: 'alert' })}>
              {step.error}
            </Text>
          )}
        </View>
      )}

      {busy && (
        <View className="checkin__card">
          <Loading text={step.kind === 'locating' ? '正在定位…' : '正在签到…'} />
          {/* Still a button, disabled: a tap while sending sends nothing. */}
          <Button kind="primary" className="checkin__busy" loading loadingText="请稍候…">
            签到
          </Button>
        </View>
      )}

      {step.kind === 'done' && (
        <View className="checkin__card checkin__card--ok" {...a11y({ role: 'status' })}>
          <Text className="checkin__ok">✓ 签到成功</Text>
          <Text className="checkin__drill">{step.result.title}</Text>
          <Text className="checkin__meta">签到时间：{formatTime(step.result.at)}</Text>
          <Text className="checkin__meta">距集合点约 {Math.round(step.result.distanceM)} 米</Text>
          <Button kind="primary" className="checkin__back" onClick={() => void goBack()}>
            返回
          </Button>
        </View>
      )}

      {step.kind === 'already' && (
        <View className="checkin__card checkin__card--ok" {...a11y({ role: 'status' })}>
          <Text className="checkin__ok">✓ 您已签到</Text>
          {step.title && <Text className="checkin__drill">{step.title}</Text>}
          {step.at && <Text className="checkin__meta">签到时间：{formatTime(step.at)}</Text>}
          <Text className="checkin__text">本次演练只需签到一次，无需重复签到。</Text>
          <Button kind="primary" className="checkin__back" onClick={() => void goBack()}>
            返回
          </Button>
        </View>
      )}

      {step.kind === 'denied' && (
        <View className="checkin__card" {...a11y({ role: 'alert' })}>
          <Text className="checkin__problem">无法获取您的位置</Text>
          <Text className="checkin__text">
            签到需要核对您是否在集合点附近。请在设置中允许使用位置信息，然后点“重新定位”。
          </Text>
          {canScan && (
            <Button className="checkin__settings" onClick={() => void Taro.openSetting?.()}>
              打开设置
            </Button>
          )}
          <Button kind="primary" className="checkin__relocate" onClick={() => token && void checkin(token)}>
            重新定位
          </Button>
        </View>
      )}

      {step.kind === 'noFix' && (
        <View className="checkin__card" {...a11y({ role: 'alert' })}>
          <Text className="checkin__problem">定位失败</Text>
          <Text className="checkin__text">请确认手机已打开定位（GPS），到室外开阔处后点“重新定位”。</Text>
          <Button kind="primary" className="checkin__relocate" onClick={() => token && void checkin(token)}>
            重新定位
          </Button>
        </View>
      )}

      {step.kind === 'needName' && (
        <View className="checkin__card">
          <Text className="checkin__title">请填写姓名</Text>
          <Text className="checkin__text">{step.message}</Text>
          <Field label="姓名" required id="checkin-name" error={nameError} hint="只需填写一次，下次签到自动带上">
            {(control) => (
              <Input
                className="form-input checkin__name"
                value={name}
                maxlength={20}
                placeholder="您的姓名"
                onInput={(e) => setName(e.detail.value)}
                onConfirm={submitName}
                {...control}
              />
            )}
          </Field>
          <Button kind="primary" className="checkin__submit" onClick={submitName}>
            签到
          </Button>
        </View>
      )}

      {step.kind === 'refused' && (
        <View className="checkin__card" {...a11y({ role: 'alert' })}>
          <Text className="checkin__problem">{step.title}</Text>
          <Text className="checkin__text">{step.message}</Text>
          {step.next === 'relocate' && (
            <Button kind="primary" className="checkin__relocate" onClick={() => token && void checkin(token)}>
              重新定位
            </Button>
          )}
          {step.next === 'retry' && (
            <Button kind="primary" className="checkin__retry" onClick={() => token && void checkin(token)}>
              重试
            </Button>
          )}
          <Button kind={step.next === 'rescan' ? 'primary' : 'default'} className="checkin__rescan" onClick={again}>
            {rescanLabel}
          </Button>
          <Button className="checkin__back" onClick={() => void goBack()}>
            返回
          </Button>
        </View>
      )}
    </Shell>
  );

  /** A refusal from the server (or the network) as what the person sees: plain words and the next step. */
  async function refusal(e: unknown, tok: string): Promise<Step> {
    const err = asCloudError(e, '签到失败，请重试');
    const nameIssue = err.issues.find((i) => i.path.split('.')[0] === 'name');
    if (nameIssue) return { kind: 'needName', message: nameIssue.message };
    if (err.code === 'EXPIRED' || /过期/.test(err.message))
      return {
        kind: 'refused',
        title: '二维码已过期',
        message: `签到二维码每 ${TOKEN_LIFE_SECONDS} 秒更新一次，请扫描现场最新的二维码。`,
        next: 'rescan',
      };
    if (err.code === 'CONFLICT') {
      // Most likely a second check-in: the drill says when the first one was.
      const drill = await api.drill.detail(drillIdOf(tok)).catch(() => undefined);
      if (drill?.myCheckinAt || /已签到/.test(err.message))
        return { kind: 'already', title: drill?.title, at: drill?.myCheckinAt };
      return { kind: 'refused', title: '暂时无法签到', message: err.message, next: 'back' };
    }
    if (err.code === 'RATE_LIMITED')
      return { kind: 'refused', title: '请稍后再试', message: err.message, next: 'rescan' };
    if (err.code === 'NETWORK') return { kind: 'refused', title: '网络不通', message: err.message, next: 'retry' };
    if (/定位不够准确|误差/.test(err.message))
      return { kind: 'refused', title: '定位不够准确', message: err.message, next: 'relocate' };
    if (/距离|米内/.test(err.message))
      return { kind: 'refused', title: '不在签到范围内', message: err.message, next: 'relocate' };
    if (err.code === 'FORBIDDEN' && /时间/.test(err.message))
      return { kind: 'refused', title: '不在签到时间内', message: err.message, next: 'back' };
    if (/二维码|签到码/.test(err.message))
      return { kind: 'refused', title: '签到码无效', message: err.message, next: 'rescan' };
    return { kind: 'refused', title: '暂时无法签到', message: err.message, next: 'back' };
  }
}

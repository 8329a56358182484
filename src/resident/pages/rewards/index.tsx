import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RewardClaimInput, type CodeReward, type MyReward, type RewardStatus } from '../../../../types/reward';
import { ListFooter } from '../../../components/ListFooter';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { a11y } from '../../../components/ui/a11y';
import { usePaged } from '../../../hooks/usePaged';
import { api } from '../../../services/api';
import { asCloudError } from '../../../services/errors';
import { formatDate, formatYuan } from '../../../services/format';
import { checkTrackingCode } from '../../../pages/track/code';
import '../../../components/Form.css';
import '../../resident.css';

const TONES: Record<RewardStatus, BadgeTone> = {
  awaitingFine: 'warning',
  open: 'info',
  decided: 'info',
  approved: 'primary',
  paid: 'success',
  refused: 'neutral',
};

/** The amount is told once it is approved (a decided amount may still be sent back). */
const amountShown = (r: Pick<MyReward, 'status' | 'amountFen'>) =>
  (r.status === 'approved' || r.status === 'paid') && r.amountFen !== null;

function RewardCard({ reward, className = '' }: { reward: MyReward; className?: string }) {
  return (
    <View className={`resident-card reward-card ${className}`}>
      <View className="resident-card__row">
        <Text className="resident-card__title">举报 {reward.tipoffNo}</Text>
        <Badge tone={TONES[reward.status]} className="reward-card__status">
          {reward.statusLabel}
        </Badge>
      </View>
      {amountShown(reward) && (
        <Text className="resident-card__amount reward-card__amount">奖励金额：{formatYuan(reward.amountFen ?? 0)}</Text>
      )}
      {reward.note && <Text className="resident-text reward-card__note">{reward.note}</Text>}
      <Text className="resident-card__meta">更新于 {formatDate(reward.updatedAt)}</Text>
    </View>
  );
}

/** Why a 查询码 lookup failed, in words for the person holding the code. */
function lookupMessage(e: unknown): string {
  const err = asCloudError(e, '查询失败，请重试');
  if (err.code === 'NOT_FOUND') return '没有查到这个查询码的奖励。请核对查询码；举报还在核查中时，也暂时查不到。';
  return err.message; // 操作太频繁，请 … 后再试 (said the same on every screen), network, …
}

function claimMessage(e: unknown): string {
  const err = asCloudError(e, '认领失败，请重试');
  if (err.code === 'CONFLICT') return '这笔奖励已经被认领，不能再次认领。如有疑问，请联系镇安委办。';
  return err.message;
}

/** 匿名举报领奖: the 查询码 shows the decision; an anonymous, undecided-claim reward takes a name and phone once. */
function ClaimByCode() {
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const [looking, setLooking] = useState(false);
  const [found, setFound] = useState<{ code: string; reward: CodeReward }>();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ name?: string; phone?: string }>({});
  const [confirming, setConfirming] = useState(false);
  const [claiming, setClaiming] = useState(false);
  const [claimError, setClaimError] = useState<string>();
  const [claimed, setClaimed] = useState(false);

  const lookup = async () => {
    const checked = checkTrackingCode(code);
    if (checked.error) {
      setCodeError(checked.error);
      return;
    }
    setCodeError(undefined);
    setClaimError(undefined);
    setClaimed(false);
    setLooking(true);
    try {
      setFound({ code: checked.code, reward: await api.reward.byCode(checked.code) });
    } catch (e) {
      setFound(undefined);
      setCodeError(lookupMessage(e));
    } finally {
      setLooking(false);
    }
  };

  const askConfirm = () => {
    if (!found) return;
    const parsed = RewardClaimInput.safeParse({ trackingCode: found.code, name, phone });
    if (!parsed.success) {
      const errs: { name?: string; phone?: string } = {};
      for (const i of parsed.error.issues) {
        const f = i.path[0];
        if ((f === 'name' || f === 'phone') && !errs[f]) errs[f] = i.message;
      }
      setFieldErrors(errs);
      return;
    }
    setFieldErrors({});
    setClaimError(undefined);
    setConfirming(true);
  };

  const claim = async () => {
    if (!found) return;
    setClaiming(true);
    try {
      const reward = await api.reward.claim({ trackingCode: found.code, name: name.trim(), phone: phone.trim() });
      setFound({ code: found.code, reward });
      setClaimed(true);
    } catch (e) {
      setClaimError(claimMessage(e));
    } finally {
      setClaiming(false);
      setConfirming(false);
    }
  };

  const reward = found?.reward;
  return (
    <View className="resident-section reward-claim">
      <Text className="resident-section__title">匿名举报领奖</Text>
      <Text className="resident-hint">匿名举报的奖励，凭提交举报后得到的 10 位查询码查看和认领。</Text>
      <Field label="查询码" id="reward-code" error={codeError}>
        {(control) => (
          <Input
            className="form-input resident-input--code reward-claim__code"
            value={code}
            maxlength={14}
            placeholder="请输入 10 位查询码"
            onInput={(e) => setCode(e.detail.value)}
            onConfirm={() => void lookup()}
            {...control}
          />
        )}
      </Field>
      <Button kind="primary" className="reward-claim__lookup" loading={looking} loadingText="查询中…" onClick={lookup}>
        查询奖励
      </Button>

      {reward && (
        <View className="reward-claim__result">
          <RewardCard reward={reward} />
          {claimed && (
            <Text className="resident-message resident-message--ok reward-claim__done" {...a11y({ role: 'status' })}>
              认领成功。镇安委办会按您留下的电话联系您发放奖励。
            </Text>
          )}
          {!claimed && reward.claimed && (
            <Text className="resident-message resident-message--info">这笔奖励已经认领，等待发放。</Text>
          )}
          {reward.claimable && !claimed && (
            <View className="reward-claim__form">
              <Text className="resident-text">请留下领取奖励的姓名和手机号，只用于核实身份和发放奖励。</Text>
              <Field label="姓名" required id="reward-name" error={fieldErrors.name}>
                {(control) => (
                  <Input
                    className="form-input reward-claim__name"
                    value={name}
                    maxlength={20}
                    placeholder="您的姓名"
                    onInput={(e) => setName(e.detail.value)}
                    {...control}
                  />
                )}
              </Field>
              <Field label="手机号" required id="reward-phone" error={fieldErrors.phone}>
                {(control) => (
                  <Input
                    className="form-input reward-claim__phone"
                    type="number"
                    value={phone}
                    maxlength={11}
                    placeholder="11 位手机号"
                    onInput={(e) => setPhone(e.detail.value)}
                    {...control}
                  />
                )}
              </Field>
              <View className="resident-actions">
                <Button kind="primary" className="reward-claim__submit" onClick={askConfirm}>
                  认领奖励
                </Button>
              </View>
            </View>
          )}
          {claimError && (
            <Text className="resident-message resident-message--error reward-claim__error" {...a11y({ role: 'alert' })}>
              {claimError}
            </Text>
          )}
        </View>
      )}

      <Dialog
        open={confirming}
        title="确认认领这笔奖励？"
        consequence={`认领后不能更改：奖励将发给 ${name.trim()}（${phone.trim()}）。`}
        confirmText="确认认领"
        busy={claiming}
        onConfirm={() => void claim()}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}

export default function RewardsPage() {
  const mine = usePaged<MyReward>((page) => api.reward.mine(page, 20), []);
  return (
    <Shell className="resident rewards">
      <View className="resident-section">
        <Text className="resident-section__title">我的奖励</Text>
        {mine.items.length > 0 ? (
          <View className="rewards__list">
            {mine.items.map((r) => (
              <RewardCard key={r.id} reward={r} />
            ))}
            <ListFooter list={mine} />
          </View>
        ) : (
          <PageState
            loading={mine.loading}
            error={mine.error}
            empty={mine.loaded}
            emptyText="举报经核查属实后，会在这里看到奖励进度"
            onRetry={mine.reload}
          />
        )}
      </View>
      <ClaimByCode />
    </Shell>
  );
}

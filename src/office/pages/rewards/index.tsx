import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import {
  REWARD_STATUS_LABELS,
  REWARD_STATUSES,
  type RewardCase,
  type RewardIdentity,
  type RewardStatus,
} from '../../../../types/reward';
import type { LoginResult } from '../../../../types';
import { ListFooter } from '../../../components/ListFooter';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Chip, ChipGroup } from '../../../components/ui/Chip';
import { Dialog } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Empty, ErrorState, Loading } from '../../../components/ui/States';
import { a11y } from '../../../components/ui/a11y';
import { usePaged } from '../../../hooks/usePaged';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { fenToYuanText, formatTime, formatYuan, yuanTextToFen } from '../../../services/format';
import { plainError, RULE_WORDS } from '../../components/money';
import { ReasonDialog } from '../../components/ReasonDialog';
import '../../../components/Form.css';
import '../../office.css';
import './index.css';

const ROLES = ['admin', 'leader'] as const;

const TONES: Record<RewardStatus, BadgeTone> = {
  awaitingFine: 'warning',
  open: 'primary',
  decided: 'info',
  approved: 'info',
  paid: 'success',
  refused: 'neutral',
};

/** What the range to decide within reads as: a general range, or a major hazard's one computed amount. */
function suggestionWords(c: RewardCase): string | null {
  const s = c.suggestion;
  if (!s) return null;
  if (s.minFen === s.maxFen) return `按标准应为 ${formatYuan(s.minFen)}（标准第 ${s.policyVersion} 版）`;
  return `可在 ${formatYuan(s.minFen)} 至 ${formatYuan(s.maxFen)} 之间核定（标准第 ${s.policyVersion} 版）`;
}

/** 核定奖励: an amount in 元 within the suggestion (a major hazard: the computed amount, prefilled) and its basis. */
function DecideForm({ c, onDone, onCancel }: { c: RewardCase; onDone: () => void; onCancel: () => void }) {
  const s = c.suggestion;
  const fixed = !!s && s.minFen === s.maxFen;
  const [amount, setAmount] = useState(fixed && s ? fenToYuanText(s.minFen) : '');
  const [basis, setBasis] = useState(
    c.major && fixed && c.fineFen !== null ? `重大事故隐患，按罚款 ${formatYuan(c.fineFen)} 的标准比例计算` : '',
  );
  const [errors, setErrors] = useState<{ amount?: string; basis?: string; form?: string }>({});
  const [confirmFen, setConfirmFen] = useState<number>();
  const [busy, setBusy] = useState(false);

  const check = () => {
    const fen = yuanTextToFen(amount);
    const next: typeof errors = {};
    if (fen === null) next.amount = amount.trim() ? '请填写正确的金额，单位为元，最多两位小数' : '请填写奖励金额';
    else if (s && (fen < s.minFen || fen > s.maxFen))
      next.amount = fixed
        ? `重大隐患奖励应为 ${formatYuan(s.minFen)}`
        : `金额应在 ${formatYuan(s.minFen)} 至 ${formatYuan(s.maxFen)} 之间`;
    if (basis.trim().length < 2) next.basis = '请填写核定依据（至少 2 个字）';
    setErrors(next);
    if (!next.amount && !next.basis && fen !== null) setConfirmFen(fen);
  };
  const submit = async () => {
    if (confirmFen === undefined) return;
    setBusy(true);
    try {
      await api.reward.decide({ reportId: c.tipoffId, approved: true, amount: confirmFen, basis: basis.trim() });
      setConfirmFen(undefined);
      onDone();
    } catch (e) {
      const err = plainError(e, '核定失败，请重试');
      const field = err.issues[0]?.path.split('.')[0];
      setConfirmFen(undefined);
      setErrors(
        field === 'amount'
          ? { amount: err.message }
          : field === 'basis'
            ? { basis: err.message }
            : { form: err.message },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="reward-form">
      <Field
        label="奖励金额（元）"
        required
        error={errors.amount}
        hint={suggestionWords(c) ?? undefined}
        className="reward-form__amount"
      >
        {(control) => (
          <Input
            className="form-input reward-form__amount-input"
            type="digit"
            value={amount}
            maxlength={16}
            placeholder={fixed ? '' : '例如 200'}
            onInput={(e) => {
              setAmount(e.detail.value);
              setErrors((x) => ({ ...x, amount: undefined }));
            }}
            {...control}
          />
        )}
      </Field>
      <Field label="核定依据" required error={errors.basis} hint="将随决定存档，并告知举报人">
        {(control) => (
          <Textarea
            className="form-textarea reward-form__basis"
            value={basis}
            maxlength={500}
            placeholder="例如：及时发现燃气泄漏隐患，避免了事故"
            onInput={(e) => {
              setBasis(e.detail.value);
              setErrors((x) => ({ ...x, basis: undefined }));
            }}
            {...control}
          />
        )}
      </Field>
      {errors.form && <Text className="office-error">{errors.form}</Text>}
      <View className="reward-form__buttons">
        <Button disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button kind="primary" className="reward-form__submit" onClick={check}>
          提交核定…
        </Button>
      </View>
      <Dialog
        open={confirmFen !== undefined}
        title={`核定奖励 ${confirmFen === undefined ? '' : formatYuan(confirmFen)}？`}
        consequence="提交后交镇领导审批（不能由您本人审批），审批前不能修改；领导退回后可重新核定。"
        confirmText="确认提交"
        busy={busy}
        onConfirm={() => void submit()}
        onCancel={() => setConfirmFen(undefined)}
      />
    </View>
  );
}

/** Who to pay, as the server answered the audited read. */
function IdentityBox({ who }: { who: RewardIdentity }) {
  return (
    <View className="reward-identity" {...a11y({ role: 'status' })}>
      <Text className="reward-identity__title">领奖人信息（本次查看已记录）</Text>
      {who.name || who.phone ? (
        <>
          <Text className="reward-identity__line">姓名：{who.name ?? '未填写'}</Text>
          <Text className="reward-identity__line">电话：{who.phone ?? '未填写'}</Text>
          <Text className="reward-identity__meta">
            {who.source === 'claim'
              ? `匿名举报人认领时填写${who.claimedAt ? `（${formatTime(who.claimedAt)}）` : ''}`
              : '实名举报时填写'}
          </Text>
        </>
      ) : (
        <Text className="reward-identity__line">
          {who.anonymous ? '尚未认领：匿名举报人凭查询码认领后才能发放' : '举报时未留姓名和电话'}
        </Text>
      )}
    </View>
  );
}

type Pending = 'refuse' | 'approve' | 'sendBack' | 'pay' | 'identity' | undefined;

function RewardCard({
  c,
  isOfficer,
  isLeader,
  onChanged,
}: {
  c: RewardCase;
  isOfficer: boolean;
  isLeader: boolean;
  onChanged: () => void;
}) {
  const [deciding, setDeciding] = useState(false);
  const [pending, setPending] = useState<Pending>();
  const [who, setWho] = useState<RewardIdentity>();
  const done = () => {
    setDeciding(false);
    onChanged();
  };
  const fail = (fallback: string) => (e: unknown) => {
    throw plainError(e, fallback);
  };

  return (
    <View className={`office-card reward-card reward-card--${c.status}`}>
      <View className="office-card__row">
        <Text className="office-card__title reward-card__no">{c.tipoffNo}</Text>
        <Badge tone={TONES[c.status]} className="reward-card__status">
          {REWARD_STATUS_LABELS[c.status]}
        </Badge>
      </View>
      <View className="reward-card__tags">
        <Badge tone={c.major ? 'danger' : 'neutral'}>{c.major ? '重大隐患' : '一般隐患'}</Badge>
        <Badge tone="neutral">{c.anonymous ? '匿名举报' : '实名举报'}</Badge>
      </View>
      {(c.major || c.fineFen !== null) && (
        <Text className="reward-card__line">
          罚款：{c.fineFen === null ? '未录入（待责任部门录入）' : formatYuan(c.fineFen)}
        </Text>
      )}
      {suggestionWords(c) && <Text className="reward-card__line">{suggestionWords(c)}</Text>}
      {c.amountFen !== null && (
        <Text className="reward-card__line reward-card__amount">奖励金额：{formatYuan(c.amountFen)}</Text>
      )}
      {c.basis && (
        <Text className="reward-card__line">
          {c.status === 'refused' ? '不予奖励原因' : '核定依据'}：{c.basis.note ?? RULE_WORDS[c.basis.rule]}
          {c.basis.note && c.basis.rule !== 'general' && c.basis.rule !== 'major' && c.basis.rule !== 'officerRefused'
            ? `（${RULE_WORDS[c.basis.rule]}）`
            : ''}
        </Text>
      )}
      {c.approvalNote && <Text className="reward-card__line">审批意见：{c.approvalNote}</Text>}
      {c.reference && <Text className="reward-card__line">发放凭证号：{c.reference}</Text>}

      {c.history.length > 0 && (
        <View className="reward-card__history">
          <Text className="reward-card__history-title">办理记录</Text>
          {c.history.map((h, i) => (
            <Text key={`${h.at}-${i}`} className="reward-card__history-line">
              {formatTime(h.at)} {REWARD_STATUS_LABELS[h.to]}
              {h.note ? `：${h.note}` : ''}
            </Text>
          ))}
        </View>
      )}

      {who && <IdentityBox who={who} />}

      {deciding ? (
        <DecideForm c={c} onDone={done} onCancel={() => setDeciding(false)} />
      ) : (
        <View className="office-card__actions reward-card__actions">
          {isOfficer && c.status === 'open' && (
            <>
              <Button kind="primary" inline className="reward-card__decide" onClick={() => setDeciding(true)}>
                核定奖励
              </Button>
              <Button inline className="reward-card__refuse" onClick={() => setPending('refuse')}>
                不予奖励
              </Button>
            </>
          )}
          {isLeader && c.status === 'decided' && (
            <>
              <Button kind="primary" inline className="reward-card__approve" onClick={() => setPending('approve')}>
                批准
              </Button>
              <Button inline className="reward-card__send-back" onClick={() => setPending('sendBack')}>
                退回重新核定
              </Button>
            </>
          )}
          {isOfficer &&
            c.status === 'approved' &&
            (c.anonymous && c.claimed === false ? (
              <Text className="reward-identity__line reward-card__unclaimed">
                待认领：匿名举报人凭查询码认领后才能发放
              </Text>
            ) : (
              <Button kind="primary" inline className="reward-card__pay" onClick={() => setPending('pay')}>
                登记发放
              </Button>
            ))}
          {isOfficer && (c.status === 'approved' || c.status === 'paid') && !who && (
            <Button inline className="reward-card__identity" onClick={() => setPending('identity')}>
              查看领奖人信息
            </Button>
          )}
        </View>
      )}

      <ReasonDialog
        open={pending === 'refuse'}
        danger
        title={`${c.tipoffNo} 不予奖励？`}
        consequence="将告知举报人不予奖励及原因，不能撤销。"
        confirmText="确认不予奖励"
        reasonLabel="不予奖励的原因"
        reasonRequired
        missingReason="请写明不予奖励的原因（至少 2 个字）"
        placeholder="将告知举报人"
        onConfirm={(reason) =>
          api.reward
            .decide({ reportId: c.tipoffId, approved: false, basis: reason })
            .then(onChanged, fail('操作失败，请重试'))
        }
        onClose={() => setPending(undefined)}
      />
      <ReasonDialog
        open={pending === 'approve'}
        title={`批准 ${c.tipoffNo} 的奖励${c.amountFen !== null ? ` ${formatYuan(c.amountFen)}` : ''}？`}
        consequence="批准后由镇安委办发放并告知举报人。本人核定的奖励不能由本人审批。"
        confirmText="确认批准"
        reasonLabel="审批意见（选填）"
        placeholder="可不填"
        onConfirm={(note) =>
          api.reward
            .approve({ rewardId: c.id, approved: true, ...(note ? { note } : {}) })
            .then(onChanged, fail('审批失败，请重试'))
        }
        onClose={() => setPending(undefined)}
      />
      <ReasonDialog
        open={pending === 'sendBack'}
        title={`退回 ${c.tipoffNo} 的核定？`}
        consequence="退回后由镇安委办重新核定。"
        confirmText="确认退回"
        reasonLabel="退回原因"
        reasonRequired
        missingReason="退回时请写明原因"
        placeholder="例如：金额依据不足，请补充"
        onConfirm={(note) =>
          api.reward.approve({ rewardId: c.id, approved: false, note }).then(onChanged, fail('退回失败，请重试'))
        }
        onClose={() => setPending(undefined)}
      />
      <ReasonDialog
        open={pending === 'pay'}
        danger
        title={`登记 ${c.tipoffNo} 的奖励${c.amountFen !== null ? ` ${formatYuan(c.amountFen)}` : ''}已发放？`}
        consequence="登记后视为已发放并告知举报人，不能撤销，也不能再次发放。"
        confirmText="确认已发放"
        reasonLabel="发放凭证号"
        reasonRequired
        missingReason="请填写发放凭证号"
        placeholder="例如银行转账流水号"
        onConfirm={(reference) =>
          api.reward.pay({ rewardId: c.id, reference }).then(onChanged, fail('登记失败，请重试'))
        }
        onClose={() => setPending(undefined)}
      />
      <ReasonDialog
        open={pending === 'identity'}
        title="查看领奖人信息"
        consequence="举报人信息依法保密。本次查看将被记录（查看人、时间、案件和原因），镇领导可随时查阅。"
        confirmText="记录并查看"
        reasonLabel="查看原因"
        reasonRequired
        missingReason="请写明查看原因（至少 4 个字）"
        placeholder="例如：联系领奖人办理发放"
        onConfirm={async (reason) => {
          if (reason.length < 4) throw new CloudError('INVALID_INPUT', '请写明查看原因（至少 4 个字）');
          setWho(await api.reward.identity({ rewardId: c.id, reason }).catch(fail('查看失败，请重试')));
        }}
        onClose={() => setPending(undefined)}
      />
    </View>
  );
}

function Rewards({ session }: { session: LoginResult }) {
  const isOfficer = session.roles.includes('admin');
  const isLeader = session.roles.includes('leader');
  const asked = useRouter().params.status as RewardStatus | undefined;
  const [status, setStatus] = useState<RewardStatus>(
    asked && REWARD_STATUSES.includes(asked) ? asked : isOfficer ? 'open' : 'decided',
  );
  const list = usePaged<RewardCase>((page) => api.reward.pending({ status, page, pageSize: 20 }), [status]);

  return (
    <View className="office-rewards">
      <View className="office-section">
        <Text className="office-filter-label">状态</Text>
        <ChipGroup label="按状态查看举报奖励" className="reward-tabs">
          {REWARD_STATUSES.map((s) => (
            <Chip
              key={s}
              className={`reward-tab reward-tab--${s}`}
              active={status === s}
              label={REWARD_STATUS_LABELS[s]}
              onClick={() => setStatus(s)}
            />
          ))}
        </ChipGroup>
        {list.items.length === 0 ? (
          list.error ? (
            <ErrorState message={list.error.message} onRetry={list.reload} />
          ) : list.loading ? (
            <Loading />
          ) : (
            <Empty text={`没有「${REWARD_STATUS_LABELS[status]}」的举报奖励`} />
          )
        ) : (
          <>
            <Text className="office-total">共 {list.total} 件</Text>
            {list.items.map((c) => (
              <RewardCard key={c.id} c={c} isOfficer={isOfficer} isLeader={isLeader} onChanged={list.reload} />
            ))}
            <ListFooter list={list} />
          </>
        )}
      </View>
      <View className="office-section reward-links">
        <Button
          className="reward-links__policy"
          onClick={() => void Taro.navigateTo({ url: '/office/pages/reward-policy/index' })}
        >
          查看奖励标准
        </Button>
        {isLeader && (
          <Button
            className="reward-links__reads"
            onClick={() => void Taro.navigateTo({ url: '/office/pages/identity-reads/index' })}
          >
            领奖人信息查看记录
          </Button>
        )}
      </View>
    </View>
  );
}

/** 举报奖励: 安委办 decides and pays, a leader approves or sends back; both see every state. */
export default function OfficeRewardsPage() {
  return (
    <RoleGate roles={ROLES} who="office">
      {(session: LoginResult) => (
        <Shell className="office">
          <Rewards session={session} />
        </Shell>
      )}
    </RoleGate>
  );
}

import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RewardPolicy, type RewardPolicyView } from '../../../../types/reward';
import type { LoginResult } from '../../../../types';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Button } from '../../../components/ui/Button';
import { Chip, ChipGroup } from '../../../components/ui/Chip';
import { Dialog } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { ErrorState, Loading } from '../../../components/ui/States';
import { a11y } from '../../../components/ui/a11y';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { fenToYuanText, formatTime, formatYuan, yuanTextToFen } from '../../../services/format';
import { plainError } from '../../components/money';
import '../../../components/Form.css';
import '../../office.css';
import '../rewards/index.css';

type Policy = RewardPolicy;
type Eligibility = keyof Policy['eligibility'];

const ELIGIBILITY_WORDS: Record<Eligibility, string> = {
  firstReporterOnly: '只奖励首位举报人（重复举报、附议不奖励）',
  excludeAlreadyKnown: '责任部门此前已发现并正在处理的隐患不奖励',
  excludeDepartmentStaff: '责任部门的工作人员举报不奖励',
  excludeEnterpriseManagers: '企业自己的安全管理人员举报本企业不奖励',
};
const ELIGIBILITY: Eligibility[] = [
  'firstReporterOnly',
  'excludeAlreadyKnown',
  'excludeDepartmentStaff',
  'excludeEnterpriseManagers',
];

/** 1500 basis points → `15%`, 1250 → `12.5%`. */
const percent = (bp: number) => `${Number((bp / 100).toFixed(2))}%`;

function PolicyView({ view }: { view: RewardPolicyView }) {
  const p = view.policy;
  return (
    <View className="office-section policy">
      <Text className="office-section__title">现行标准（第 {view.version} 版）</Text>
      <Text className="reward-card__line policy__meta">
        {view.at && view.by !== 'seed' ? `${view.by} 于 ${formatTime(view.at)} 设定` : '初始标准（随系统发布）'}
      </Text>
      <Text className="reward-card__line policy__general">
        一般隐患查实：{formatYuan(p.general.minFen)} 至 {formatYuan(p.general.maxFen)}，由镇安委办核定
      </Text>
      <Text className="reward-card__line policy__major">
        重大事故隐患查实：按罚款金额的 {percent(p.major.rateBasisPoints)} 计算，最低 {formatYuan(p.major.minFen)}，最高{' '}
        {formatYuan(p.major.maxFen)}
      </Text>
      <Text className="reward-card__history-title policy__rules-title">不予奖励的情形</Text>
      {ELIGIBILITY.filter((k) => p.eligibility[k]).map((k) => (
        <Text key={k} className="reward-card__line">
          · {ELIGIBILITY_WORDS[k]}
        </Text>
      ))}
      {p.source && (
        <Text className="reward-card__history-line policy__source">
          依据：{p.source.replace(/金额单位：分。?/, '').trim()}
        </Text>
      )}
    </View>
  );
}

type Form = { gMin: string; gMax: string; rate: string; mMin: string; mMax: string; note: string };
type Errors = Partial<Record<keyof Form | 'form', string>>;

function MoneyField({
  label,
  value,
  error,
  onInput,
  name,
}: {
  label: string;
  value: string;
  error?: string;
  onInput: (v: string) => void;
  name: string;
}) {
  return (
    <Field label={label} required error={error}>
      {(control) => (
        <Input
          className={`form-input policy-form__${name}`}
          type="digit"
          value={value}
          maxlength={16}
          onInput={(e) => onInput(e.detail.value)}
          {...control}
        />
      )}
    </Field>
  );
}

/** 修改标准: the amounts in 元 and the rate in %, the rules, and why; saved as a new version after a confirmation. */
function PolicyForm({
  view,
  onSaved,
  onCancel,
}: {
  view: RewardPolicyView;
  onSaved: (saved: RewardPolicyView) => void;
  onCancel: () => void;
}) {
  const p = view.policy;
  const [form, setForm] = useState<Form>({
    gMin: fenToYuanText(p.general.minFen),
    gMax: fenToYuanText(p.general.maxFen),
    rate: String(p.major.rateBasisPoints / 100),
    mMin: fenToYuanText(p.major.minFen),
    mMax: fenToYuanText(p.major.maxFen),
    note: '',
  });
  const [eligibility, setEligibility] = useState(p.eligibility);
  const [errors, setErrors] = useState<Errors>({});
  const [ready, setReady] = useState<Policy>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Form) => (v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined, form: undefined }));
  };

  const check = () => {
    const next: Errors = {};
    const money = (k: 'gMin' | 'gMax' | 'mMin' | 'mMax') => {
      const fen = yuanTextToFen(form[k]);
      if (fen === null) next[k] = '请填写正确的金额，单位为元，最多两位小数';
      return fen ?? 0;
    };
    // A percentage with up to two decimals parses like 元: 15 → 1500 basis points.
    const bp = yuanTextToFen(form.rate);
    if (bp === null || bp > 10_000) next.rate = '请填写 0 至 100 之间的百分比，最多两位小数';
    const policy: Policy = {
      ...(p.source ? { source: p.source } : {}),
      general: { minFen: money('gMin'), maxFen: money('gMax') },
      major: { rateBasisPoints: bp ?? 0, minFen: money('mMin'), maxFen: money('mMax') },
      eligibility,
    };
    if (!next.gMax && !next.gMin && policy.general.minFen > policy.general.maxFen)
      next.gMax = '一般隐患奖励上限不能低于下限';
    if (!next.mMax && !next.mMin && policy.major.minFen > policy.major.maxFen)
      next.mMax = '重大隐患奖励上限不能低于下限';
    if (form.note.trim().length < 2) next.note = '请写明修改原因';
    if (!Object.values(next).some(Boolean) && !RewardPolicy.safeParse(policy).success)
      next.form = '标准有误，请检查各项金额';
    setErrors(next);
    if (!Object.values(next).some(Boolean)) setReady(policy);
  };
  const save = async () => {
    if (!ready) return;
    setBusy(true);
    try {
      const saved = await api.reward.setPolicy({ policy: ready, note: form.note.trim() });
      setReady(undefined);
      onSaved(saved);
    } catch (e) {
      setReady(undefined);
      setErrors({ form: plainError(e, '保存失败，请重试').message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="office-section policy-form">
      <Text className="office-section__title">修改奖励标准</Text>
      <MoneyField
        name="g-min"
        label="一般隐患奖励下限（元）"
        value={form.gMin}
        error={errors.gMin}
        onInput={set('gMin')}
      />
      <MoneyField
        name="g-max"
        label="一般隐患奖励上限（元）"
        value={form.gMax}
        error={errors.gMax}
        onInput={set('gMax')}
      />
      <MoneyField
        name="rate"
        label="重大隐患奖励比例（罚款的 %）"
        value={form.rate}
        error={errors.rate}
        onInput={set('rate')}
      />
      <MoneyField
        name="m-min"
        label="重大隐患奖励最低（元）"
        value={form.mMin}
        error={errors.mMin}
        onInput={set('mMin')}
      />
      <MoneyField
        name="m-max"
        label="重大隐患奖励最高（元）"
        value={form.mMax}
        error={errors.mMax}
        onInput={set('mMax')}
      />
      <Text className="office-filter-label">不予奖励的情形（点选开启或关闭）</Text>
      <ChipGroup label="不予奖励的情形" multi className="policy-form__rules">
        {ELIGIBILITY.map((k) => (
          <Chip
            key={k}
            multi
            active={eligibility[k]}
            label={`${eligibility[k] ? '✓ ' : ''}${ELIGIBILITY_WORDS[k]}`}
            onClick={() => setEligibility((el) => ({ ...el, [k]: !el[k] }))}
          />
        ))}
      </ChipGroup>
      <Field label="修改原因" required error={errors.note}>
        {(control) => (
          <Input
            className="form-input policy-form__note"
            value={form.note}
            maxlength={200}
            placeholder="例如：按镇政府会议决定调整"
            onInput={(e) => set('note')(e.detail.value)}
            {...control}
          />
        )}
      </Field>
      {errors.form && <Text className="office-error">{errors.form}</Text>}
      <View className="reward-form__buttons">
        <Button disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button kind="primary" className="policy-form__save" onClick={check}>
          保存新版本…
        </Button>
      </View>
      <Dialog
        open={!!ready}
        title={`保存为第 ${view.version + 1} 版奖励标准？`}
        consequence="新标准用于此后核定的奖励，已核定的奖励不变；旧版本留档可查。"
        confirmText="确认保存"
        busy={busy}
        onConfirm={() => void save()}
        onCancel={() => setReady(undefined)}
      />
    </View>
  );
}

function PolicyPage({ session }: { session: LoginResult }) {
  const isOfficer = session.roles.includes('admin');
  const policy = useRemote(() => api.reward.policy(), []);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<number>();
  if (!policy.data) {
    return policy.error ? <ErrorState message={policy.error.message} onRetry={policy.reload} /> : <Loading />;
  }
  return (
    <View className="office-reward-policy">
      {saved !== undefined && (
        <Text className="reward-card__line policy__saved" {...a11y({ role: 'status' })}>
          已保存为第 {saved} 版
        </Text>
      )}
      <PolicyView view={policy.data} />
      {isOfficer && !editing && (
        <View className="office-section">
          <Button
            className="policy__edit"
            onClick={() => {
              setSaved(undefined);
              setEditing(true);
            }}
          >
            修改奖励标准
          </Button>
        </View>
      )}
      {isOfficer && editing && (
        <PolicyForm
          view={policy.data}
          onCancel={() => setEditing(false)}
          onSaved={(view) => {
            setEditing(false);
            setSaved(view.version);
            policy.reload();
          }}
        />
      )}
    </View>
  );
}

/** 举报奖励标准: everyone at 安委办 reads it; the officer (admin) sets a new version with a reason. */
export default function RewardPolicyPage() {
  return (
    <RoleGate roles={['admin', 'leader']} who="office">
      {(session: LoginResult) => (
        <Shell className="office">
          <PolicyPage session={session} />
        </Shell>
      )}
    </RoleGate>
  );
}

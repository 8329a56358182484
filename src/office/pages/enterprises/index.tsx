import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type {
  EnterpriseDetail,
  EnterpriseStatus,
  EnterpriseSummary,
  InternalReportStats,
  RegisterEnterpriseInput,
} from '../../../../types';
import type { CloudError } from '../../../services/cloud-error';
import { ENTERPRISE_STATUS_LABELS } from '../../../../types/enterprise';
import { ListFooter } from '../../../components/ListFooter';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Chip, ChipGroup } from '../../../components/ui/Chip';
import { Empty, ErrorState, Loading } from '../../../components/ui/States';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { asCloudError } from '../../../services/errors';
import { formatDate } from '../../../services/format';
import { EnterpriseForm } from '../../../enterprise/components/EnterpriseForm';
import { INDUSTRIES } from '../../../enterprise/industries';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useCanAct } from '../../components/useCanAct';
import '../../office.css';

const OFFICE_ROLES = ['admin', 'leader'] as const;

const STATUS_ORDER: EnterpriseStatus[] = ['pending', 'active', 'rejected', 'closed'];
const STATUS_TONES: Record<EnterpriseStatus, BadgeTone> = {
  pending: 'warning',
  active: 'success',
  rejected: 'danger',
  closed: 'neutral',
};

/** 内部隐患报告 as 安委办 sees them: counts only, never the content. */
function StatsLine({ s }: { s?: InternalReportStats }) {
  if (!s || s.total === 0) return <Text className="office-card__meta">内部隐患报告：暂无</Text>;
  return (
    <View className="office-stats">
      <Text>内部报告 {s.total} 条</Text>
      <Text>处理中 {s.open}</Text>
      <Text>已整改 {s.fixed}</Text>
      <Text>转报镇里 {s.escalated}</Text>
    </View>
  );
}

type Step = 'approve' | 'reject' | 'highRisk' | 'close';

function Detail({
  id,
  stats,
  onBack,
  onChanged,
}: {
  id: string;
  stats?: InternalReportStats;
  onBack: () => void;
  onChanged: () => void;
}) {
  const canAct = useCanAct();
  const detail = useRemote(() => api.enterprise.detail(id), [id]);
  const [step, setStep] = useState<Step>();
  const [shown, setShown] = useState<EnterpriseDetail>();
  const e = shown ?? detail.data;

  const back = (
    <Button inline className="office-back" onClick={onBack}>
      ‹ 返回企业名录
    </Button>
  );
  if (!e) {
    return (
      <View className="office-section">
        {back}
        {detail.error ? <ErrorState message={detail.error.message} onRetry={detail.reload} /> : <Loading />}
      </View>
    );
  }
  const done = (next: EnterpriseDetail) => {
    setShown(next);
    onChanged();
  };
  const dialogs: Record<
    Step,
    {
      title: string;
      consequence: string;
      confirmText: string;
      danger?: boolean;
      reasonLabel: string | null;
      missingReason?: string;
      run: (reason: string) => Promise<EnterpriseDetail>;
    }
  > = {
    approve: {
      title: `通过「${e.name}」的登记？`,
      consequence: '通过后，企业安全管理人员即可邀请员工、处理员工报告的隐患，并会收到通知。',
      confirmText: '确认通过',
      reasonLabel: null,
      run: () => api.enterprise.approve({ id: e.id, approved: true }),
    },
    reject: {
      title: `不通过「${e.name}」的登记？`,
      consequence: '不通过的原因会告知登记人，登记人修改后可重新提交。',
      confirmText: '确认不通过',
      danger: true,
      reasonLabel: '不通过的原因',
      missingReason: '请填写不通过的原因',
      run: (reason) => api.enterprise.approve({ id: e.id, approved: false, reason }),
    },
    highRisk: {
      title: e.highRisk ? '改为非高危企业？' : '改为高危企业？',
      consequence: `行业「${e.industryName}」默认${
        INDUSTRIES.find((i) => i.id === e.industry)?.highRisk ? '属于' : '不属于'
      }高危行业；调整会记录原因和调整人。`,
      confirmText: '确认调整',
      reasonLabel: '调整原因',
      missingReason: '请填写调整原因',
      run: (reason) => api.enterprise.setHighRisk({ id: e.id, highRisk: !e.highRisk, reason }),
    },
    close: {
      title: `注销「${e.name}」？`,
      consequence: '注销后企业人员不能再使用企业功能，无法撤销；企业的历史记录会保留。',
      confirmText: '确认注销',
      danger: true,
      reasonLabel: '注销原因',
      missingReason: '请填写注销原因',
      run: (reason) => api.enterprise.close({ id: e.id, reason }),
    },
  };
  const d = step ? dialogs[step] : undefined;

  return (
    <View className="office-section office-detail">
      {back}
      <View className="office-card__row">
        <Text className="office-section__title">{e.name}</Text>
        <Badge tone={STATUS_TONES[e.status]}>{ENTERPRISE_STATUS_LABELS[e.status]}</Badge>
      </View>
      {e.highRisk && <Badge tone="danger">高危</Badge>}
      <Text className="office-card__meta">统一社会信用代码：{e.creditCode}</Text>
      <Text className="office-card__meta">行业：{e.industryName}</Text>
      {e.highRiskOverride && (
        <Text className="office-card__meta">
          高危已由安委办调整为「{e.highRiskOverride.value ? '高危' : '非高危'}」：{e.highRiskOverride.reason}（
          {formatDate(e.highRiskOverride.at)}）
        </Text>
      )}
      <Text className="office-card__meta">
        地址：{e.areaName} {e.address}
      </Text>
      <Text className="office-card__meta">
        联系人：{e.contact.name} {e.contact.phone}
      </Text>
      <Text className="office-card__meta">安全管理人员：{e.managers.map((m) => m.name).join('、') || '暂无'}</Text>
      <Text className="office-card__meta">
        从业人员：申报 {e.workerCount} 人，已在本应用加入 {e.boundWorkers} 人
      </Text>
      <Text className="office-card__meta">登记于 {formatDate(e.createdAt)}</Text>
      {e.rejectReason && <Text className="office-card__meta">不通过原因：{e.rejectReason}</Text>}
      {e.closedReason && <Text className="office-card__meta">注销原因：{e.closedReason}</Text>}
      <StatsLine s={stats} />
      <View className="office-card__actions">
        {canAct && e.status === 'pending' && (
          <>
            <Button inline kind="primary" onClick={() => setStep('approve')}>
              通过
            </Button>
            <Button inline kind="danger" onClick={() => setStep('reject')}>
              不通过
            </Button>
          </>
        )}
        {canAct && e.status === 'active' && (
          <>
            <Button inline onClick={() => setStep('highRisk')}>
              调整高危
            </Button>
            <Button inline kind="danger" onClick={() => setStep('close')}>
              注销企业
            </Button>
          </>
        )}
      </View>
      {d && (
        <ReasonDialog
          open
          title={d.title}
          consequence={d.consequence}
          confirmText={d.confirmText}
          danger={d.danger}
          reasonLabel={d.reasonLabel}
          reasonRequired={!!d.reasonLabel}
          missingReason={d.missingReason}
          onConfirm={async (reason) => done(await d.run(reason))}
          onClose={() => setStep(undefined)}
        />
      )}
    </View>
  );
}

function CreateEnterprise({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const options = useRemote(() => api.tipoff.options(), []);
  const [submitting, setSubmitting] = useState(false);
  const [serverError, setServerError] = useState<CloudError>();
  const [done, setDone] = useState('');
  const submit = async (input: RegisterEnterpriseInput) => {
    setSubmitting(true);
    setServerError(undefined);
    try {
      const res = await api.enterprise.register(input);
      setDone(res.status === 'active' ? '企业已登记' : '企业已提交，待审核');
      onCreated();
    } catch (err) {
      setServerError(asCloudError(err, '登记失败，请重试'));
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <View className="office-section">
      <Text className="office-section__title">新建企业</Text>
      {done ? (
        <>
          <Text className="office-card__meta">{done}</Text>
          <Button onClick={onCancel}>返回企业名录</Button>
        </>
      ) : options.data ? (
        <EnterpriseForm
          areas={options.data.areas}
          industries={INDUSTRIES}
          submitLabel="登记企业"
          submitting={submitting}
          serverError={serverError}
          onSubmit={(input) => void submit(input)}
          onCancel={onCancel}
        />
      ) : options.error ? (
        <ErrorState message={options.error.message} onRetry={options.reload} />
      ) : (
        <Loading />
      )}
    </View>
  );
}

function Register() {
  const canAct = useCanAct();
  const [status, setStatus] = useState<EnterpriseStatus | undefined>('pending');
  const [industry, setIndustry] = useState<string>();
  const [highRisk, setHighRisk] = useState<boolean>();
  const [openId, setOpenId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [moreFilters, setMoreFilters] = useState(false);
  const [version, setVersion] = useState(0);
  const list = usePaged<EnterpriseSummary>(
    (page) =>
      api.enterprise.list({
        page,
        pageSize: 20,
        ...(status ? { status } : {}),
        ...(industry ? { industry } : {}),
        ...(highRisk !== undefined ? { highRisk } : {}),
      }),
    [status, industry, highRisk, version],
  );
  const stats = useRemote(() => api.enterprise.reportStats(), [version]);
  const statsOf = (id: string) => stats.data?.find((s) => s.enterpriseId === id);

  if (creating)
    return <CreateEnterprise onCreated={() => setVersion((n) => n + 1)} onCancel={() => setCreating(false)} />;
  if (openId)
    return (
      <Detail
        id={openId}
        stats={statsOf(openId)}
        onBack={() => setOpenId(undefined)}
        onChanged={() => setVersion((n) => n + 1)}
      />
    );

  return (
    <>
      <View className="office-section">
        <Text className="office-section__title">企业名录</Text>
        {canAct && (
          <Button kind="primary" onClick={() => setCreating(true)}>
            新建企业
          </Button>
        )}
        <Text className="office-filter-label">状态</Text>
        <ChipGroup label="按状态筛选">
          {STATUS_ORDER.map((s) => (
            <Chip key={s} active={status === s} label={ENTERPRISE_STATUS_LABELS[s]} onClick={() => setStatus(s)} />
          ))}
          <Chip active={!status} label="全部" onClick={() => setStatus(undefined)} />
        </ChipGroup>
        {!moreFilters && !industry && highRisk === undefined ? (
          <Button inline className="office-more-filters" onClick={() => setMoreFilters(true)}>
            按行业、高危筛选
          </Button>
        ) : (
          <>
            <Text className="office-filter-label">行业</Text>
            <ChipGroup label="按行业筛选">
              <Chip active={!industry} label="全部行业" onClick={() => setIndustry(undefined)} />
              {INDUSTRIES.map((i) => (
                <Chip key={i.id} active={industry === i.id} label={i.name} onClick={() => setIndustry(i.id)} />
              ))}
            </ChipGroup>
            <Text className="office-filter-label">高危</Text>
            <ChipGroup label="按是否高危筛选">
              <Chip active={highRisk === undefined} label="不限" onClick={() => setHighRisk(undefined)} />
              <Chip active={highRisk === true} label="高危" onClick={() => setHighRisk(true)} />
              <Chip active={highRisk === false} label="非高危" onClick={() => setHighRisk(false)} />
            </ChipGroup>
          </>
        )}
        {list.items.length === 0 ? (
          list.error ? (
            <ErrorState message={list.error.message} onRetry={list.reload} />
          ) : list.loading ? (
            <Loading />
          ) : (
            <Empty text={status === 'pending' ? '没有待审核的企业' : '没有符合条件的企业'} />
          )
        ) : (
          <>
            <Text className="office-total">共 {list.total} 家</Text>
            {list.items.map((e) => (
              <View key={e.id} className="office-card office-enterprise">
                <View className="office-card__row">
                  <Text className="office-card__title">{e.name}</Text>
                  <Badge tone={STATUS_TONES[e.status]}>{ENTERPRISE_STATUS_LABELS[e.status]}</Badge>
                </View>
                <Text className="office-card__meta">
                  {e.industryName}
                  {e.highRisk ? '（高危）' : ''} · {e.areaName} · {e.boundWorkers}/{e.workerCount} 人已加入
                </Text>
                <StatsLine s={statsOf(e.id)} />
                <View className="office-card__actions">
                  <Button
                    inline
                    kind={canAct && e.status === 'pending' ? 'primary' : 'default'}
                    onClick={() => setOpenId(e.id)}
                  >
                    {canAct && e.status === 'pending' ? '审核' : '查看'}
                  </Button>
                </View>
              </View>
            ))}
            <ListFooter list={list} />
          </>
        )}
      </View>
      <View className="office-section">
        <Text className="office-section__title">内部隐患报告（仅数量）</Text>
        <Text className="office-card__meta">各企业员工向本企业报告的隐患数量；内容只有企业可见。</Text>
        {stats.error ? (
          <ErrorState message={stats.error.message} onRetry={stats.reload} />
        ) : !stats.data ? (
          <Loading />
        ) : stats.data.length === 0 ? (
          <Empty text="还没有内部隐患报告" />
        ) : (
          stats.data.map((s) => (
            <View key={s.enterpriseId} className="office-card">
              <Text className="office-card__title">{s.enterpriseName}</Text>
              <StatsLine s={s} />
            </View>
          ))
        )}
      </View>
    </>
  );
}

/** 安委办：企业名录 — approval, high-risk, closing, internal-report counts, and creating an enterprise. */
export default function OfficeEnterprisesPage() {
  return (
    <RoleGate roles={OFFICE_ROLES} who="office">
      <Shell className="office">
        <Register />
      </Shell>
    </RoleGate>
  );
}

import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { EnterpriseDetail, InternalStatus } from '../../../../types';
import { PageState } from '../../../components/PageState';
import { Badge, Button, Chip, ChipGroup } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { useReshown } from '../../../hooks/useReshown';
import { api } from '../../../services/api';
import { formatDate } from '../../../services/format';
import { EnterpriseGate } from '../../components/Gate';
import { InviteSection } from '../../components/InviteSection';
import { ReportsSection } from '../../components/ReportsSection';
import { WorkersSection } from '../../components/WorkersSection';
import { DutiesCard } from '../../components/DutiesCard';

type Tab = 'reports' | 'workers' | 'invite';
// Later issues add their tabs here: 'training' (安全培训, issue 8) and 'drills' (应急演练, issue 9).
const TABS: { id: Tab; label: string }[] = [
  { id: 'reports', label: '内部报告' },
  { id: 'workers', label: '人员' },
  { id: 'invite', label: '邀请员工' },
];

const STATUS_TONE = { pending: 'warning', active: 'success', rejected: 'danger', closed: 'neutral' } as const;

/** The enterprise card: name, status, high-risk, industry and area, workers. */
function EnterpriseCard({ e }: { e: EnterpriseDetail }) {
  return (
    <View className="ent__section desk__card">
      <Text className="ent__title desk__name">{e.name}</Text>
      <View className="ent__badges">
        <Badge tone={STATUS_TONE[e.status]} className="desk__status">
          {e.statusLabel}
        </Badge>
        {e.highRisk && <Badge tone="danger">高危行业</Badge>}
      </View>
      <Text className="ent__line">
        {e.industryName} · {e.areaName}
      </Text>
      <Text className="ent__meta">{e.address}</Text>
      {e.status === 'active' && (
        <Text className="ent__meta">
          申报从业人员 {e.workerCount} 人，已加入 {e.boundWorkers} 人
        </Text>
      )}
    </View>
  );
}

/** What a pending, refused or closed enterprise shows instead of the desk. */
function NotActive({ e }: { e: EnterpriseDetail }) {
  const text =
    e.status === 'pending'
      ? `您于 ${formatDate(e.createdAt)} 提交的登记正在等待镇安委办审核。审核通过后，您可以在这里邀请员工、处理员工报告的隐患；审核结果会通知您。`
      : e.status === 'rejected'
        ? `镇安委办未通过这次登记${e.rejectReason ? `，原因：${e.rejectReason}` : ''}。如有疑问请联系镇安委办。`
        : `企业已注销${e.closedReason ? `（${e.closedReason}）` : ''}，记录仍保留，不能再邀请员工或处理报告。`;
  return (
    <View className="ent__section desk__next">
      <Text className="ent__subtitle">接下来</Text>
      <View className="ent__next">
        <Text className="ent__next-text">{text}</Text>
      </View>
    </View>
  );
}

function Desk() {
  const reshown = useReshown();
  const detail = useRemote(() => api.enterprise.detail(), [reshown]);
  const [tab, setTab] = useState<Tab>('reports');
  const [status, setStatus] = useState<InternalStatus | undefined>('submitted');
  const waiting = useRemote(
    () =>
      detail.data?.status === 'active'
        ? api.enterprise.reports({ status: 'submitted', pageSize: 1 })
        : Promise.resolve(undefined),
    [detail.data?.status, reshown],
  );
  const joins = useRemote(
    () => (detail.data?.status === 'active' ? api.enterprise.workers() : Promise.resolve(undefined)),
    [detail.data?.status, reshown],
  );

  if (!detail.data) return <PageState loading={detail.loading} error={detail.error} onRetry={detail.reload} />;
  const e = detail.data;
  if (e.status !== 'active')
    return (
      <View className="desk">
        <EnterpriseCard e={e} />
        <NotActive e={e} />
      </View>
    );

  const toAccept = waiting.data?.total ?? 0;
  const toConfirm = joins.data?.pending.length ?? 0;
  const count = (t: Tab) => (t === 'reports' ? toAccept : t === 'workers' ? toConfirm : 0);

  return (
    <View className="desk">
      <EnterpriseCard e={e} />
      <View className="ent__section desk__todo">
        <View className="ent__row">
          <Badge tone={toAccept > 0 ? 'warning' : 'neutral'} className="desk__to-accept">
            待受理 {toAccept}
          </Badge>
          <Badge tone={toConfirm > 0 ? 'warning' : 'neutral'} className="desk__to-confirm">
            待确认加入 {toConfirm}
          </Badge>
        </View>
        {toAccept > 0 && <Text className="ent__hint">员工报告的隐患需在 2 个工作日内受理，否则自动转报镇里。</Text>}
      </View>
      <DutiesCard reshown={reshown} />
      <View className="ent__section desk__training">
        <Text className="ent__subtitle">培训考试</Text>
        <Text className="ent__line">给员工布置安全培训考试，查看每个人的完成和通过情况。</Text>
        <View className="ent__actions">
          <Button onClick={() => void Taro.navigateTo({ url: '/enterprise/pages/training/index' })}>
            打开培训考试
          </Button>
        </View>
      </View>
      <View className="ent__section desk__drills">
        <Text className="ent__subtitle">应急演练</Text>
        <Text className="ent__line">计划疏散演练，现场用二维码签到、清点人数，演练后填写记录。</Text>
        <View className="ent__actions">
          <Button onClick={() => void Taro.navigateTo({ url: '/drills/pages/list/index' })}>打开应急演练</Button>
        </View>
      </View>
      <View className="ent__section desk__inspection">
        <Text className="ent__subtitle">重大隐患自查</Text>
        <Text className="ent__line">
          由主要负责人带队，对照本行业检查表逐项自查；发现的重大隐患进入镇隐患台账，整改后申请销号。
        </Text>
        <View className="ent__actions">
          <Button kind="primary" onClick={() => void Taro.navigateTo({ url: '/enterprise/pages/inspection/index' })}>
            开始自查
          </Button>
          <Button onClick={() => void Taro.navigateTo({ url: '/enterprise/pages/inspections/index' })}>自查记录</Button>
          <Button onClick={() => void Taro.navigateTo({ url: '/enterprise/pages/ledger/index' })}>隐患台账</Button>
        </View>
      </View>
      <ChipGroup label="企业安全台栏目" className="ent__tabs desk__tabs">
        {TABS.map((t) => (
          <Chip
            key={t.id}
            active={tab === t.id}
            label={count(t.id) > 0 ? `${t.label}（${count(t.id)}）` : t.label}
            onClick={() => setTab(t.id)}
          />
        ))}
      </ChipGroup>
      {tab === 'reports' && <ReportsSection status={status} onStatus={setStatus} reshown={reshown} />}
      {tab === 'workers' && <WorkersSection onChanged={joins.reload} />}
      {tab === 'invite' && <InviteSection enterpriseId={e.id} />}
      {/* Issue 8 (安全培训) and issue 9 (应急演练) add their sections here, as further TABS. */}
    </View>
  );
}

export default function DeskPage() {
  return (
    <EnterpriseGate roles={['safetyManager']} className="desk-page">
      {(session) =>
        session.enterpriseId ? (
          <Desk />
        ) : (
          <View className="ent__section desk__none">
            <Text className="ent__title">您还没有登记企业</Text>
            <Text className="ent__line">登记企业后，由镇安委办审核；通过后即可邀请员工、处理员工报告的隐患。</Text>
            <View className="ent__actions">
              <Button kind="primary" onClick={() => void Taro.navigateTo({ url: '/enterprise/pages/register/index' })}>
                登记企业
              </Button>
            </View>
          </View>
        )
      }
    </EnterpriseGate>
  );
}

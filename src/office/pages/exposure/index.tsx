import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ExposureCandidate, ExposureManageItem } from '../../../../types/exposure';
import { ListFooter } from '../../../components/ListFooter';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Chip, ChipGroup } from '../../../components/ui/Chip';
import { a11y } from '../../../components/ui/a11y';
import { Empty, ErrorState, Loading } from '../../../components/ui/States';
import { usePaged } from '../../../hooks/usePaged';
import { api } from '../../../services/api';
import { formatDate, formatTime } from '../../../services/format';
import { ReasonDialog } from '../../components/ReasonDialog';
import '../../office.css';
import './index.css';

/** The board's items by state, or the open major hazards that could go on it (待挂牌督办). */
type View = 'listed' | 'withdrawn' | 'all' | 'candidates';
const VIEWS: { view: View; label: string }[] = [
  { view: 'listed', label: '在曝光台上' },
  { view: 'withdrawn', label: '已撤下' },
  { view: 'all', label: '全部' },
  { view: 'candidates', label: '待挂牌督办' },
];

const heading = (item: Pick<ExposureManageItem, 'enterpriseName' | 'categoryName' | 'areaName'>) =>
  item.enterpriseName ?? (item.areaName ? `${item.areaName} · ${item.categoryName}` : item.categoryName);

function ItemCard({
  item,
  officer,
  onWithdraw,
}: {
  item: ExposureManageItem;
  officer: boolean;
  onWithdraw: (item: ExposureManageItem) => void;
}) {
  return (
    <View className={`office-card exposure-item${item.withdrawn ? ' exposure-item--withdrawn' : ''}`}>
      <View className="office-card__row">
        <Badge tone={item.kind === 'overdue' ? 'danger' : 'warning'}>{item.kindLabel}</Badge>
        <Badge tone={item.withdrawn ? 'neutral' : item.resolved ? 'success' : 'info'} className="exposure-item__state">
          {item.withdrawn ? '已撤下' : item.statusLabel}
        </Badge>
      </View>
      <Text className="office-card__title exposure-item__title">{heading(item)}</Text>
      <Text className="exposure-line">编号：{item.no}</Text>
      {item.title && <Text className="exposure-line">隐患：{item.title}</Text>}
      {item.description && <Text className="exposure-line">{item.description}</Text>}
      <Text className="exposure-line">
        负责部门：{item.departmentName || '—'} · 整改期限：{item.deadline ? formatDate(item.deadline) : '未定'}
      </Text>
      {item.withdrawn && <Text className="exposure-line">案件状态：{item.statusLabel}</Text>}
      {item.note && <Text className="exposure-line">督办要求：{item.note}</Text>}
      {item.withdrawn && item.withdrawReason && (
        <Text className="exposure-line exposure-item__reason">
          撤下原因：{item.withdrawReason}（{item.withdrawnBy}，{formatTime(item.withdrawnAt)}）
        </Text>
      )}
      <View className="exposure-history">
        <Text className="office-filter-label">经过</Text>
        {item.history.map((h, i) => (
          <Text key={i} className="exposure-history__step">
            {formatTime(h.at)} {h.by} {h.what === 'published' ? '公布' : '撤下'}
            {h.text ? `：${h.text}` : ''}
          </Text>
        ))}
      </View>
      {officer && !item.withdrawn && (
        <View className="office-card__actions">
          <Button inline kind="danger" className="exposure-item__withdraw" onClick={() => onWithdraw(item)}>
            撤下
          </Button>
        </View>
      )}
    </View>
  );
}

function CandidateCard({
  c,
  officer,
  onSupervise,
}: {
  c: ExposureCandidate;
  officer: boolean;
  onSupervise: (c: ExposureCandidate) => void;
}) {
  return (
    <View className="office-card exposure-candidate">
      <View className="office-card__row">
        <Text className="office-card__title">{c.title}</Text>
        <Badge tone="info">{c.statusLabel}</Badge>
      </View>
      <Text className="exposure-line">
        {c.no} · {c.categoryName}
        {c.enterpriseName ? ` · ${c.enterpriseName}` : ''}
      </Text>
      <Text className="exposure-line">
        负责部门：{c.departmentName} · 整改期限：{c.deadline ? formatDate(c.deadline) : '未定'}
      </Text>
      {officer && (
        <View className="office-card__actions">
          <Button inline kind="primary" className="exposure-candidate__supervise" onClick={() => onSupervise(c)}>
            挂牌督办
          </Button>
        </View>
      )}
    </View>
  );
}

/** 待挂牌督办: open major hazards (重大事故隐患台账, not 销号) that are not on the board. */
function Candidates({
  candidates,
  error,
  onRetry,
  officer,
  onSupervise,
}: {
  candidates: ExposureCandidate[] | undefined;
  error: { message: string } | undefined;
  onRetry: () => void;
  officer: boolean;
  onSupervise: (c: ExposureCandidate) => void;
}) {
  if (candidates === undefined) return error ? <ErrorState message={error.message} onRetry={onRetry} /> : <Loading />;
  return (
    <View className="exposure-candidates">
      <Text className="exposure-line">重大事故隐患台账中未销号、尚未上曝光台的隐患，挂牌后向全镇公布。</Text>
      {candidates.length === 0 ? (
        <Empty text="没有待挂牌的重大隐患" />
      ) : (
        candidates.map((c) => <CandidateCard key={c.ledgerId} c={c} officer={officer} onSupervise={onSupervise} />)
      )}
    </View>
  );
}

function Desk({ officer }: { officer: boolean }) {
  const [view, setView] = useState<View>('listed');
  // 待挂牌督办 comes with the first page of any view; that view reads the board's listed items alongside.
  const state = view === 'all' ? undefined : view === 'candidates' ? 'listed' : view;
  const [candidates, setCandidates] = useState<ExposureCandidate[]>();
  const [withdrawing, setWithdrawing] = useState<ExposureManageItem>();
  const [supervising, setSupervising] = useState<ExposureCandidate>();
  const [done, setDone] = useState('');
  const list = usePaged<ExposureManageItem>(
    (page) =>
      api.exposure.manage({ page, pageSize: 20, ...(state ? { state } : {}) }).then((res) => {
        if (page === 1) setCandidates(res.candidates);
        return res;
      }),
    [state],
  );
  const changed = (message: string) => {
    setDone(message);
    list.reload();
  };

  return (
    <>
      <View className="office-section">
        <Text className="office-section__title">曝光台管理</Text>
        <Text className="exposure-line">
          超期到“曝光”一级的举报由系统自动公布；重大事故隐患由镇安委办挂牌督办。整改完成不会自动撤下，须由镇安委办决定并写明原因。
        </Text>
        {!officer && <Text className="exposure-line">镇领导可查看，挂牌和撤下由镇安委办办理。</Text>}
        {done && (
          <Text className="exposure-done" {...a11y({ role: 'status' })}>
            {done}
          </Text>
        )}
        <ChipGroup label="按状态查看">
          {VIEWS.map((v) => (
            <Chip
              key={v.view}
              className={`exposure-view exposure-view--${v.view}`}
              active={view === v.view}
              label={v.view === 'candidates' && candidates ? `${v.label}（${candidates.length}）` : v.label}
              onClick={() => setView(v.view)}
            />
          ))}
        </ChipGroup>
        {view === 'candidates' ? (
          <Candidates
            candidates={candidates}
            error={list.error}
            onRetry={list.reload}
            officer={officer}
            onSupervise={setSupervising}
          />
        ) : list.items.length === 0 ? (
          list.error ? (
            <ErrorState message={list.error.message} onRetry={list.reload} />
          ) : list.loading ? (
            <Loading />
          ) : (
            <Empty text={view === 'withdrawn' ? '没有撤下的条目' : '目前没有曝光的隐患'} />
          )
        ) : (
          <>
            <Text className="office-total">共 {list.total} 条</Text>
            {list.items.map((item) => (
              <ItemCard key={item.id} item={item} officer={officer} onWithdraw={setWithdrawing} />
            ))}
            <ListFooter list={list} />
          </>
        )}
      </View>

      <ReasonDialog
        open={!!withdrawing}
        danger
        title={withdrawing ? `从曝光台撤下 ${withdrawing.no}？` : ''}
        consequence="撤下后群众在曝光台上不再看到这一条；记录和撤下原因会保留，并写入操作日志。"
        confirmText="确认撤下"
        reasonLabel="撤下原因（至少 5 个字）"
        reasonRequired
        missingReason="请写明撤下原因（至少 5 个字）"
        placeholder="如：已整改到位，经复查合格"
        onConfirm={async (reason) => {
          if (!withdrawing) return;
          await api.exposure.withdraw({ id: withdrawing.id, reason });
          changed(`已撤下 ${withdrawing.no}`);
        }}
        onClose={() => setWithdrawing(undefined)}
      />
      <ReasonDialog
        open={!!supervising}
        title={supervising ? `挂牌督办 ${supervising.no}？` : ''}
        consequence="挂牌后将在曝光台向全镇公布单位名称、隐患、整改期限和进展，直到镇安委办撤下。"
        confirmText="确认挂牌督办"
        reasonLabel="督办要求"
        reasonRequired
        missingReason="请填写督办要求（至少 2 个字）"
        placeholder="如：限期 12 月 31 日前整改到位"
        onConfirm={async (note) => {
          if (!supervising) return;
          await api.exposure.supervise({ ledgerId: supervising.ledgerId, note });
          changed(`已挂牌督办 ${supervising.no}`);
        }}
        onClose={() => setSupervising(undefined)}
      />
    </>
  );
}

/** 曝光台管理: 安委办 lists, takes off (with a reason) and puts major hazards under 挂牌督办; leaders read. */
export default function ExposureManagePage() {
  return (
    <RoleGate roles={['admin', 'leader']} who="office" text="此页面仅供镇安委办和镇领导使用">
      {(session) => (
        <Shell className="office">
          <Desk officer={session.roles.includes('admin')} />
        </Shell>
      )}
    </RoleGate>
  );
}

import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { LoginResult } from '../../../../types';
import type { DashboardStats, DurationStats, StatsPeriod, StatsPeriodKind, StatsRow } from '../../../../types/stats';
import { RoleGate, STAFF_ROLES } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Button, Chip, ChipGroup, Empty, ErrorState, Loading, a11y } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { formatTime, formatYuan, townToday } from '../../../services/format';
import { Chart, type ChartSpec } from '../../components/Chart';
import '../../office.css';
import {
  currentPeriod,
  hasNext,
  hasPrevious,
  hoursText,
  percent,
  periodLabel,
  shiftPeriod,
  switchKind,
} from './period';
import './index.css';

const KINDS: { id: StatsPeriodKind; label: string }[] = [
  { id: 'month', label: '月' },
  { id: 'quarter', label: '季' },
  { id: 'year', label: '年' },
];

/** One figure: its name, the number large, a line under it. The tile is a group named by the figure. */
function Tile({
  name,
  value,
  note,
  tone,
  wide = false,
}: {
  name: string;
  value: string;
  note?: string;
  tone?: 'danger' | 'ok';
  wide?: boolean;
}) {
  const cls = ['dash-tile', tone ? `dash-tile--${tone}` : '', wide ? 'dash-tile--wide' : ''].filter(Boolean).join(' ');
  return (
    <View className={cls} {...a11y({ role: 'group', label: name })}>
      <Text className="dash-tile__name">{name}</Text>
      <Text className="dash-tile__value">{value}</Text>
      {note && <Text className="dash-tile__note">{note}</Text>}
    </View>
  );
}

function Section({ title, note, children }: React.PropsWithChildren<{ title: string; note?: string }>) {
  return (
    <View className="office-section dash-section">
      <Text className="office-section__title">{title}</Text>
      {note && <Text className="dash-section__note">{note}</Text>}
      {children}
    </View>
  );
}

const COLS: { id: keyof Omit<StatsRow, 'id' | 'label'>; label: string }[] = [
  { id: 'total', label: '总数' },
  { id: 'founded', label: '属实' },
  { id: 'closed', label: '销号' },
  { id: 'overdue', label: '超期' },
];

/** A share table: 名称 总数 属实 销号 超期, one row per key, the numbers as text. */
function ShareTable({ name, rows }: { name: string; rows: StatsRow[] }) {
  return (
    <View className="dash-table" {...a11y({ role: 'table', label: `按${name}` })}>
      <View className="dash-table__row dash-table__row--head" {...a11y({ role: 'row' })}>
        <Text className="dash-table__name" {...a11y({ role: 'columnheader' })}>
          {name}
        </Text>
        {COLS.map((c) => (
          <Text key={c.id} className="dash-table__num" {...a11y({ role: 'columnheader' })}>
            {c.label}
          </Text>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.id} className="dash-table__row" {...a11y({ role: 'row' })}>
          <Text className="dash-table__name" {...a11y({ role: 'rowheader' })}>
            {r.label}
          </Text>
          {COLS.map((c) => (
            <Text
              key={c.id}
              className={`dash-table__num dash-cell--${c.id} ${c.id === 'overdue' && r.overdue > 0 ? 'dash-table__num--danger' : ''}`}
              {...a11y({ role: 'cell' })}
            >
              {r[c.id]}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function ShareSection({ title, name, rows }: { title: string; name: string; rows: StatsRow[] }) {
  if (rows.length === 0) return null;
  const spec: ChartSpec = { kind: 'bar', rows: rows.map((r) => ({ label: r.label, value: r.total })) };
  return (
    <Section title={title} note="图中为举报总数">
      {rows.length > 1 && <Chart spec={spec} />}
      <ShareTable name={name} rows={rows} />
    </Section>
  );
}

function durationNote(d: DurationStats): string {
  if (d.count === 0) return '本期还没有';
  return `90% 不超过 ${hoursText(d.p90Hours)} · 共 ${d.count} 件`;
}

function ReportFigures({ s }: { s: DashboardStats }) {
  const r = s.reports;
  const trend: ChartSpec = {
    kind: 'trend',
    names: ['举报', '已销号'],
    // Days as 1日…30日 under the bars (11月25日 side by side overlapped at 390 px); months as the server names them.
    rows: r.trend.map((t) => ({
      label: s.period.kind === 'month' ? `${Number(t.key.slice(8, 10))}日` : t.label,
      total: t.total,
      closed: t.closed,
    })),
  };
  const ring: ChartSpec = { kind: 'ring', rows: r.byStatus.map((b) => ({ label: b.label, value: b.count })) };
  return (
    <>
      <View className="dash-tiles">
        <Tile name="举报总数" value={`${r.total} 件`} note={`在办 ${r.open} 件`} />
        <Tile name="属实率" value={percent(r.foundedRate)} note={`属实 ${r.founded} / 已核查 ${r.verified}`} />
        <Tile name="销号率" value={percent(r.closedRate)} note={`已销号 ${r.closed} / 属实 ${r.founded}`} />
        <Tile
          name="超期"
          value={`${r.overdue} 件`}
          note={`超期率 ${percent(r.overdueRate)}（占在办）`}
          tone={r.overdue > 0 ? 'danger' : undefined}
        />
      </View>

      <Section title="处理用时" note="从提交举报算起；中位数即一半举报在此时间内">
        <View className="dash-tiles">
          <Tile
            wide
            name="受理用时"
            value={hoursText(r.hours.toAccept.medianHours)}
            note={durationNote(r.hours.toAccept)}
          />
          <Tile
            wide
            name="核查用时"
            value={hoursText(r.hours.toVerify.medianHours)}
            note={durationNote(r.hours.toVerify)}
          />
          <Tile
            wide
            name="销号用时"
            value={hoursText(r.hours.toClose.medianHours)}
            note={durationNote(r.hours.toClose)}
          />
        </View>
      </Section>

      <Section title="举报走势" note={`每${s.period.kind === 'month' ? '日' : '月'}新收举报与其中已销号的`}>
        <Chart spec={trend} />
        <View className="dash-table" {...a11y({ role: 'table', label: '举报走势' })}>
          <View className="dash-table__row dash-table__row--head" {...a11y({ role: 'row' })}>
            <Text className="dash-table__name" {...a11y({ role: 'columnheader' })}>
              {s.period.kind === 'month' ? '日期' : '月份'}
            </Text>
            <Text className="dash-table__num" {...a11y({ role: 'columnheader' })}>
              举报
            </Text>
            <Text className="dash-table__num" {...a11y({ role: 'columnheader' })}>
              已销号
            </Text>
          </View>
          {r.trend
            .filter((t) => s.period.kind !== 'month' || t.total > 0)
            .map((t) => (
              <View key={t.key} className="dash-table__row" {...a11y({ role: 'row' })}>
                <Text className="dash-table__name" {...a11y({ role: 'rowheader' })}>
                  {t.label}
                </Text>
                <Text className="dash-table__num dash-cell--total" {...a11y({ role: 'cell' })}>
                  {t.total}
                </Text>
                <Text className="dash-table__num dash-cell--closed" {...a11y({ role: 'cell' })}>
                  {t.closed}
                </Text>
              </View>
            ))}
        </View>
        {s.period.kind === 'month' && <Text className="dash-section__note">表中只列有举报的日子。</Text>}
      </Section>

      <Section title="按状态">
        <Chart spec={ring} />
        <View className="dash-table" {...a11y({ role: 'table', label: '按状态' })}>
          {r.byStatus.map((b) => (
            <View key={b.status} className="dash-table__row" {...a11y({ role: 'row' })}>
              <Text className="dash-table__name" {...a11y({ role: 'rowheader' })}>
                {b.label}
              </Text>
              <Text className="dash-table__num dash-cell--count" {...a11y({ role: 'cell' })}>
                {b.count} 件
              </Text>
            </View>
          ))}
        </View>
      </Section>

      <ShareSection title="按居民区/村" name="居民区/村" rows={r.byArea} />
      <ShareSection title="按部门" name="部门" rows={r.byDepartment} />
      <ShareSection title="按类别" name="类别" rows={r.byCategoryGroup} />
      <ShareSection title="按来源" name="来源" rows={r.byChannel} />
    </>
  );
}

function TownFigures({ s }: { s: DashboardStats }) {
  const m = s.majorHazards;
  return (
    <>
      <Section title={`重大隐患（${m.year}年内）`} note="目标：动态清零，发现一项、销号一项">
        <View className="dash-tiles">
          <Tile name="年内发现" value={`${m.found} 项`} />
          <Tile name="已销号" value={`${m.closed} 项`} />
          <Tile
            name="未销号"
            value={`${m.open} 项`}
            note={m.overdue > 0 ? `其中超期 ${m.overdue} 项` : undefined}
            tone={m.open > 0 ? 'danger' : 'ok'}
          />
        </View>
        <Text className={`dash-zero ${m.open === 0 ? 'dash-zero--ok' : 'dash-zero--open'}`}>
          {m.open === 0
            ? m.found === 0
              ? '年内还没有发现重大隐患。'
              : '已动态清零：年内发现的重大隐患全部销号。'
            : `尚未清零：还有 ${m.open} 项重大隐患未销号${m.overdue > 0 ? `，其中 ${m.overdue} 项已超期` : ''}。`}
        </Text>
      </Section>
      {s.rewards && (
        <Section title="举报奖励" note="本期内核定、发放的">
          <View className="dash-tiles">
            <Tile name="已核定" value={formatYuan(s.rewards.decidedFen)} note={`${s.rewards.decided} 件`} />
            <Tile name="已发放" value={formatYuan(s.rewards.paidFen)} note={`${s.rewards.paid} 件`} />
          </View>
        </Section>
      )}
      {s.training && (
        <Section title="企业培训" note="在册企业的从业人员中，有考试合格记录的">
          <View className="dash-tiles">
            <Tile
              name="培训覆盖率"
              value={percent(s.training.coverage)}
              note={`已合格 ${s.training.trained} / 共 ${s.training.people} 人`}
            />
          </View>
        </Section>
      )}
      {s.drills && (
        <Section title="应急演练" note={`在册企业 ${s.drills.enterprises} 家，按今天的演练情况`}>
          <View className="dash-tiles">
            <Tile name="演练正常" value={`${s.drills.ok} 家`} tone={s.drills.ok > 0 ? 'ok' : undefined} />
            <Tile name="即将到期" value={`${s.drills.dueSoon} 家`} />
            <Tile name="演练超期" value={`${s.drills.overdue} 家`} tone={s.drills.overdue > 0 ? 'danger' : undefined} />
            <Tile name="从未演练" value={`${s.drills.never} 家`} tone={s.drills.never > 0 ? 'danger' : undefined} />
          </View>
        </Section>
      )}
    </>
  );
}

function Dashboard({ session }: { session: LoginResult }) {
  const office = session.roles.some((r) => r === 'admin' || r === 'leader');
  const today = townToday();
  const [period, setPeriod] = useState<StatsPeriod>(() => currentPeriod('month', today));
  const [departmentId, setDepartmentId] = useState<string>();
  const options = useRemote(() => (office ? api.tipoff.options() : Promise.resolve(undefined)), [office]);
  const stats = useRemote(
    () => api.admin.stats({ period, ...(office && departmentId ? { departmentId } : {}) }),
    [period.kind, period.key, departmentId],
  );
  const departments = options.data?.departments ?? [];
  const s = stats.data;
  const shown = s && s.period.key === period.key && s.period.kind === period.kind ? s : undefined;

  return (
    <View className="dash">
      <View className="office-section">
        <Text className="office-filter-label">统计周期</Text>
        <ChipGroup label="统计周期">
          {KINDS.map((k) => (
            <Chip
              key={k.id}
              active={period.kind === k.id}
              label={k.label}
              onClick={() => setPeriod(switchKind(period, k.id, today))}
            />
          ))}
        </ChipGroup>
        <View className="dash-period">
          <Button
            inline
            ariaLabel="上一期"
            disabled={!hasPrevious(period)}
            onClick={() => setPeriod(shiftPeriod(period, -1))}
          >
            ‹ 上一期
          </Button>
          <Text className="dash-period__label" {...a11y({ label: '当前统计周期' })}>
            {periodLabel(period)}
          </Text>
          <Button
            inline
            ariaLabel="下一期"
            disabled={!hasNext(period, today)}
            onClick={() => setPeriod(shiftPeriod(period, 1))}
          >
            下一期 ›
          </Button>
        </View>
        {office ? (
          departments.length > 0 && (
            <>
              <Text className="office-filter-label">范围</Text>
              <ChipGroup label="统计范围">
                <Chip active={!departmentId} label="全镇" onClick={() => setDepartmentId(undefined)} />
                {departments.map((d) => (
                  <Chip
                    key={d.id}
                    active={departmentId === d.id}
                    label={d.name}
                    onClick={() => setDepartmentId(d.id)}
                  />
                ))}
              </ChipGroup>
            </>
          )
        ) : (
          <Text className="dash-scope">本部门{session.departmentName ? `（${session.departmentName}）` : ''}</Text>
        )}
      </View>

      {stats.error ? (
        <ErrorState message={stats.error.message} onRetry={stats.reload} />
      ) : !shown ? (
        <Loading text="正在统计…" />
      ) : (
        <>
          <View className="dash-meta">
            <Text className="dash-meta__scope">
              {shown.period.label} · {shown.scope.label}
            </Text>
            <Text className="dash-meta__time">
              {stats.loading ? '正在更新…' : `统计时间 ${formatTime(shown.generatedAt)}（超期按此刻计）`}
            </Text>
          </View>
          {shown.reports.total === 0 ? (
            <View className="office-section">
              <Empty text="本期没有举报" />
            </View>
          ) : (
            <ReportFigures s={shown} />
          )}
          <TownFigures s={shown} />
        </>
      )}
    </View>
  );
}

/**
 * 数据看板 (issue 11): 安委办 and leaders see the whole town or one department; department staff and heads their
 * own department's share. Each chart's numbers are written out as text beside it.
 */
export default function OfficeDashboardPage() {
  return (
    <RoleGate roles={STAFF_ROLES}>
      {(session) => (
        <Shell className="office">
          <Dashboard session={session} />
        </Shell>
      )}
    </RoleGate>
  );
}

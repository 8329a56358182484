// The monthly workbook (issue 11) with exceljs. exceljs is an installed dependency of `admin` and `scheduler`
// (scripts/build-functions.mjs INSTALLED_DEPENDENCIES) and loaded lazily here: the admin function's other
// actions never parse it, and neither bundle carries it.
import type { Workbook, Worksheet } from 'exceljs';
import { MONTHLY_SHEETS } from '../../../types/monthly';
import type { StatsRow } from '../../../types/stats';
import type { MonthlyData } from './monthly';

type Column = { header: string; key: string; width: number };

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } } as const;

/** A sheet with a frozen, bold header row and the given columns. */
function sheet(wb: Workbook, name: string, columns: Column[]): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.alignment = { vertical: 'middle', wrapText: true };
  return ws;
}

/** A bold 合计 row at the end. */
function totals(ws: Worksheet, values: Record<string, string | number>) {
  ws.addRow(values).font = { bold: true };
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const hours = (h: number | null) => (h === null ? '—' : h);
const yuan = (fen: number) => fen / 100;
const rate = (n: number, d: number) => (d === 0 ? '—' : percent(n / d));

const ROW_COLUMNS = (first: string): Column[] => [
  { header: first, key: 'label', width: 20 },
  { header: '举报总数', key: 'total', width: 10 },
  { header: '核查属实', key: 'founded', width: 10 },
  { header: '已销号', key: 'closed', width: 10 },
  { header: '超期未办结', key: 'overdue', width: 12 },
  { header: '销号率', key: 'closedRate', width: 10 },
];

function breakdown(wb: Workbook, name: string, first: string, rows: StatsRow[]) {
  const ws = sheet(wb, name, ROW_COLUMNS(first));
  for (const r of rows) ws.addRow({ ...r, closedRate: rate(r.closed, r.founded) });
  const sum = (k: 'total' | 'founded' | 'closed' | 'overdue') => rows.reduce((s, r) => s + r[k], 0);
  totals(ws, {
    label: '合计',
    total: sum('total'),
    founded: sum('founded'),
    closed: sum('closed'),
    overdue: sum('overdue'),
    closedRate: rate(sum('closed'), sum('founded')),
  });
  return ws;
}

/** The seven sheets of MONTHLY_SHEETS; returns the file's bytes. */
export async function writeMonthlyXlsx(data: MonthlyData): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const { cycle, stats } = data;
  const r = stats.reports;
  const wb = new ExcelJS.Workbook();
  wb.creator = '庙行安全';
  wb.title = `月度报表 ${cycle.label}`;
  wb.created = new Date(data.generatedAt);

  // 汇总: label / value / note rows, then the status, source and department tables below.
  const sum = sheet(wb, MONTHLY_SHEETS[0], [
    { header: '项目', key: 'k', width: 26 },
    { header: '数值', key: 'v', width: 18 },
    { header: '说明', key: 'n', width: 44 },
  ]);
  const line = (k: string, v: string | number, n = '') => sum.addRow({ k, v, n });
  line('报表月份', cycle.label);
  line('统计区间', `${cycle.from} 至 ${cycle.to}`, `每月23日前报送，${cycle.rangeText}`);
  line('生成时间', data.generatedAt.slice(0, 16).replace('T', ' '), '超期、未办结按生成时计');
  line('举报总数', r.total, '统计区间内提交（含合并、不予受理）');
  line('已核查', r.verified);
  line('核查属实', r.founded);
  line('属实率', percent(r.foundedRate), '属实 ÷ 已核查');
  line('已销号', r.closed);
  line('销号率', percent(r.closedRate), '已销号 ÷ 属实');
  line('办理中', r.open);
  line('超期未办结', r.overdue);
  line('超期率', percent(r.overdueRate), '超期 ÷ 办理中');
  line('受理用时中位数（小时）', hours(r.hours.toAccept.medianHours), `${r.hours.toAccept.count} 件已受理`);
  line('受理用时90%（小时）', hours(r.hours.toAccept.p90Hours));
  line('核查用时中位数（小时）', hours(r.hours.toVerify.medianHours), `${r.hours.toVerify.count} 件已核查`);
  line('核查用时90%（小时）', hours(r.hours.toVerify.p90Hours));
  line('销号用时中位数（小时）', hours(r.hours.toClose.medianHours), `${r.hours.toClose.count} 件已销号`);
  line('销号用时90%（小时）', hours(r.hours.toClose.p90Hours));
  const m = stats.majorHazards;
  line(`重大隐患 ${m.year}年发现`, m.found, '动态清零目标：未销号为 0');
  line(`重大隐患 ${m.year}年已销号`, m.closed);
  line(`重大隐患 ${m.year}年未销号`, m.open, m.open === 0 ? '已动态清零' : '');
  line('其中超期未整改', m.overdue);
  sum.addRow({});
  sum.addRow({ k: '按状态', v: '件数' }).font = { bold: true };
  for (const s of r.byStatus) line(s.label, s.count);
  totals(sum, { k: '合计', v: r.byStatus.reduce((s, x) => s + x.count, 0) });
  sum.addRow({});
  sum.addRow({ k: '按来源', v: '件数', n: '属实 / 销号 / 超期' }).font = { bold: true };
  for (const c of r.byChannel) line(c.label, c.total, `${c.founded} / ${c.closed} / ${c.overdue}`);
  totals(sum, { k: '合计', v: r.byChannel.reduce((s, x) => s + x.total, 0) });
  sum.addRow({});
  sum.addRow({ k: '按责任部门', v: '件数', n: '属实 / 销号 / 超期' }).font = { bold: true };
  for (const d of r.byDepartment) line(d.label, d.total, `${d.founded} / ${d.closed} / ${d.overdue}`);
  totals(sum, { k: '合计', v: r.byDepartment.reduce((s, x) => s + x.total, 0) });
  sum.getColumn('n').alignment = { wrapText: true, vertical: 'top' };

  breakdown(wb, MONTHLY_SHEETS[1], '居民区/村', r.byArea);
  breakdown(wb, MONTHLY_SHEETS[2], '行业领域（类别）', r.byCategoryGroup);

  const ledger = sheet(wb, MONTHLY_SHEETS[3], [
    { header: '台账编号', key: 'no', width: 14 },
    { header: '隐患名称', key: 'title', width: 28 },
    { header: '企业（单位）', key: 'enterprise', width: 24 },
    { header: '类别', key: 'category', width: 14 },
    { header: '责任部门', key: 'department', width: 12 },
    { header: '来源', key: 'source', width: 10 },
    { header: '登记日期', key: 'createdAt', width: 12 },
    { header: '整改期限', key: 'deadline', width: 12 },
    { header: '状态', key: 'status', width: 14 },
    { header: '销号日期', key: 'closedAt', width: 12 },
    { header: '本期情况', key: 'inCycle', width: 10 },
  ]);
  for (const row of data.ledger) ledger.addRow(row);
  totals(ledger, {
    no: '合计',
    title: `${data.ledger.length} 项（未销号 ${data.ledger.filter((x) => !x.closedAt).length} 项）`,
  });

  const overdue = sheet(wb, MONTHLY_SHEETS[4], [
    { header: '案件编号', key: 'no', width: 16 },
    { header: '类别', key: 'category', width: 14 },
    { header: '居民区/村', key: 'area', width: 14 },
    { header: '责任部门', key: 'department', width: 12 },
    { header: '状态', key: 'status', width: 12 },
    { header: '提交时间', key: 'createdAt', width: 17 },
    { header: '当前期限', key: 'dueAt', width: 17 },
    { header: '超期天数', key: 'daysOverdue', width: 10 },
    { header: '督办', key: 'escalation', width: 8 },
  ]);
  for (const row of data.overdue) overdue.addRow(row);
  totals(overdue, {
    no: '合计',
    category: `${data.overdue.length} 件`,
    daysOverdue: data.overdue.filter((x) => x.daysOverdue > 0).length,
    escalation: data.overdue.filter((x) => x.escalation).length,
  });

  const rewards = sheet(wb, MONTHLY_SHEETS[5], [
    { header: '案件编号', key: 'no', width: 16 },
    { header: '责任部门', key: 'department', width: 12 },
    { header: '重大隐患', key: 'major', width: 10 },
    { header: '状态', key: 'status', width: 12 },
    { header: '奖励金额（元）', key: 'amountYuan', width: 14 },
    { header: '核定日期', key: 'decidedAt', width: 12 },
    { header: '发放日期', key: 'paidAt', width: 12 },
  ]);
  for (const row of data.rewards) rewards.addRow({ ...row, amountYuan: row.amountYuan ?? '' });
  const rw = stats.rewards;
  totals(rewards, {
    no: '合计',
    department: `${data.rewards.length} 件`,
    amountYuan: data.rewards.reduce((s, x) => s + (x.amountYuan ?? 0), 0),
  });
  if (rw) {
    rewards.addRow({});
    rewards.addRow({ no: '本期核定', department: `${rw.decided} 件`, amountYuan: yuan(rw.decidedFen) });
    rewards.addRow({ no: '本期发放', department: `${rw.paid} 件`, amountYuan: yuan(rw.paidFen) });
  }

  const td = sheet(wb, MONTHLY_SHEETS[6], [
    { header: '项目', key: 'k', width: 26 },
    { header: '数值', key: 'v', width: 14 },
    { header: '说明', key: 'n', width: 40 },
  ]);
  const t = stats.training;
  td.addRow({ k: '企业从业人员', v: t?.people ?? '—', n: '在册企业的员工' });
  td.addRow({ k: '已通过培训考试', v: t?.trained ?? '—' });
  td.addRow({ k: '培训覆盖率', v: percent(t?.coverage ?? null), n: '已通过 ÷ 从业人员' });
  td.addRow({});
  const d = stats.drills;
  td.addRow({ k: '应急演练（按企业）', v: '家数', n: '生成时的状态' }).font = { bold: true };
  td.addRow({ k: '正常', v: d?.ok ?? '—' });
  td.addRow({ k: '即将到期', v: d?.dueSoon ?? '—' });
  td.addRow({ k: '超期未演练', v: d?.overdue ?? '—' });
  td.addRow({ k: '从未演练', v: d?.never ?? '—' });
  totals(td, { k: '合计', v: d?.enterprises ?? '—' });
  td.addRow({ k: '演练合规率', v: d ? rate(d.ok + d.dueSoon, d.enterprises) : '—', n: '正常 + 即将到期 ÷ 企业数' });

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// A closed drill's record as an .xlsx (issue 10), with exceljs. Only the `drillio` function imports this file:
// exceljs stays out of the `drill` bundle that serves the check-ins (like training/xlsx.ts for trainingio).
import ExcelJS from 'exceljs';
import { DRILL_RATING_LABELS, DRILL_TYPE_LABELS, type DrillParticipant } from '../../../types/drill';
import { secondsText, type DrillDoc } from './docs';

const time = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

/** Two sheets: 演练记录 (label, value) and 签到名单 (one row per person). */
export async function writeDrillRecordXlsx(
  d: DrillDoc,
  checkedIn: DrillParticipant[],
  photoCount: number,
): Promise<Buffer> {
  const r = d.record;
  const wb = new ExcelJS.Workbook();
  wb.creator = '庙行安全';
  const ws = wb.addWorksheet('演练记录');
  ws.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 70 },
  ];
  ws.getRow(1).font = { bold: true };
  const rows: [string, string | number][] = [
    ['演练名称', d.title],
    ['演练类型', DRILL_TYPE_LABELS[d.type]],
    ['组织单位', d.organizer],
    ['总指挥', d.commander],
    ['演练情景', d.scenario ?? ''],
    ['集合点', d.location.address],
    ['签到范围', `${d.radiusM} 米`],
    ['计划时间', `${time(d.startAt)} 至 ${time(d.endAt)}`],
    ['警报拉响', time(d.startedAt)],
    ['解除警报', time(d.allClearAt)],
    ['疏散用时', d.evacuationSeconds !== undefined ? secondsText(d.evacuationSeconds) : ''],
    ['应到人数', r?.expectedCount ?? d.expectedCount],
    ['实到人数', r?.headcount ?? checkedIn.length],
    ['其中手工登记', r?.byHand ?? checkedIn.filter((p) => p.byHand).length],
    ['未到人员', r ? r.missing.join('、') || '无' : ''],
    ['发现的问题', r?.problems ?? ''],
    ['改进措施', r?.improvements ?? ''],
    ['评估结论', r ? DRILL_RATING_LABELS[r.rating] : ''],
    ['评估意见', r?.evaluation ?? ''],
    ['现场照片', `${photoCount} 张（见小程序演练详情）`],
    ['归档人', r?.closedByName ?? ''],
    ['归档时间', time(r?.closedAt)],
  ];
  for (const [k, v] of rows) ws.addRow({ k, v });
  ws.getColumn('v').alignment = { wrapText: true, vertical: 'top' };

  const list = wb.addWorksheet('签到名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '姓名', key: 'name', width: 16 },
    { header: '签到时间', key: 'at', width: 18 },
    { header: '方式', key: 'how', width: 10 },
    { header: '本企业人员', key: 'expected', width: 10 },
    { header: '距集合点（米）', key: 'distance', width: 14 },
  ];
  list.getRow(1).font = { bold: true };
  checkedIn.forEach((p, i) =>
    list.addRow({
      n: i + 1,
      name: p.name,
      at: time(p.at),
      how: p.byHand ? '手工登记' : '扫码签到',
      expected: p.expected ? '是' : '否',
      distance: p.distanceM ?? '',
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

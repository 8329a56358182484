// Where a case stands, in words: for the resident (progress with the expected date) and for staff (the next step).
// Pure: the actions pass the case, the caller and the time.
import type { TipoffProgress } from '../../types';
import { isSafetyOfficer, type Actor } from './lifecycle';
import { departmentName, OPEN_STATUSES, type TipoffDoc } from './tipoffs';
import type { Town } from './town';
import { hasAnyRole } from './users';

/** "2026-12-01…" → "12 月 1 日" (the year only when it is not the year of `nowIso`). */
export function dateWords(isoOrDate: string, nowIso: string): string {
  const [y, m, d] = isoOrDate.slice(0, 10).split('-');
  const year = y === nowIso.slice(0, 4) ? '' : `${Number(y)} 年 `;
  return `${year}${Number(m)} 月 ${Number(d)} 日`;
}

/** Whether the case is still being worked and its current step is past its deadline. */
export const isOverdue = (doc: Pick<TipoffDoc, 'status' | 'dueAt'>, nowIso: string): boolean =>
  !!doc.dueAt && OPEN_STATUSES.includes(doc.status) && doc.dueAt < nowIso;

/** The resident's view of where the case stands: one sentence, and the date the next thing is due. */
export function residentProgress(
  doc: Pick<TipoffDoc, 'status' | 'departmentId' | 'deadlines' | 'dueAt' | 'rectification' | 'mergedInto'>,
  town: Town,
  nowIso: string,
): TipoffProgress {
  const dept = departmentName(town, doc.departmentId);
  const overdue = isOverdue(doc, nowIso);
  /** `lead` + "，预计 <date>前" + `what`; past the date "原定 … ，已超期"; no date: `lead` alone. */
  const due = (iso: string | undefined, lead: string, what: string): TipoffProgress => {
    if (!iso) return { text: lead, overdue };
    const when = dateWords(iso, nowIso);
    const text = overdue ? `${lead}，原定 ${when}前${what}，已超期` : `${lead}，预计 ${when}前${what}`;
    return { text, expectedBy: iso.slice(0, 10), overdue };
  };
  switch (doc.status) {
    case 'submitted':
      return { text: '已提交，正在分派办理部门', overdue };
    case 'transferred':
    case 'assigned':
      return due(doc.deadlines.acceptBy, `已分派至${dept}办理`, '受理');
    case 'accepted':
      return due(doc.deadlines.verifyBy, `${dept}正在核查`, '给出结果');
    case 'verified':
      return due(doc.deadlines.closeBy, `经核查属实，${dept}正在安排整改`, '办结');
    case 'rectifying': {
      const deadline = doc.rectification?.deadline || doc.deadlines.rectifyBy;
      if (!deadline) return { text: '整改中', overdue };
      const when = dateWords(deadline, nowIso);
      return {
        text: `整改中，整改期限 ${when}${overdue ? '，已超期' : ''}`,
        expectedBy: deadline.slice(0, 10),
        overdue,
      };
    }
    case 'rectified':
      return due(doc.deadlines.closeBy, `整改已完成，${dept}正在复核`, '办结');
    case 'closed':
      return { text: '已办结', overdue: false };
    case 'unfounded':
      return { text: '已办结：经现场核查，情况不属实', overdue: false };
    case 'rejected':
      return { text: '未予受理', overdue: false };
    case 'merged':
      return {
        text: doc.mergedInto ? `已与 ${doc.mergedInto.no} 合并办理` : '已与同一隐患的举报合并办理',
        overdue: false,
      };
  }
}

/** What happens next on the case, as the staff detail says it to `actor`. */
export function nextStepHint(doc: TipoffDoc, actor: Actor, town: Town, nowIso: string): string {
  const dept = departmentName(town, doc.departmentId);
  const office = isSafetyOfficer(actor, town);
  const member = actor.departmentId === doc.departmentId;
  const ours = member || office;
  const by = (iso: string | undefined) =>
    iso ? `（${dateWords(iso, nowIso)}前${isOverdue(doc, nowIso) ? '，已超期' : ''}）` : '';
  const who = ours ? '' : dept;
  switch (doc.status) {
    case 'submitted':
    case 'transferred':
    case 'assigned':
      return `待${who}受理${by(doc.deadlines.acceptBy)}`;
    case 'accepted':
      return `待${who}现场核查${by(doc.deadlines.verifyBy)}`;
    case 'verified':
      return `待${who}下达整改${by(doc.deadlines.closeBy)}`;
    case 'rectifying':
      return `整改中，待${who}上传整改后照片${by(doc.rectification?.deadline ?? doc.deadlines.rectifyBy)}`;
    case 'rectified': {
      const mayReview =
        (office || (member && hasAnyRole(actor, ['head']))) && doc.rectification?.rectifiedBy !== actor._id;
      return mayReview ? `待您复核销号${by(doc.deadlines.closeBy)}` : `待负责人复核销号${by(doc.deadlines.closeBy)}`;
    }
    case 'closed':
      return '已销号，流程结束';
    case 'unfounded':
      return '核查不属实，流程结束';
    case 'rejected':
      return '已驳回，流程结束';
    case 'merged':
      return doc.mergedInto ? `已合并至 ${doc.mergedInto.no}，在该案件中继续办理` : '已合并，流程结束';
  }
}

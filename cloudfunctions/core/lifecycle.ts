// The tip-off state machine (DESIGN.md §5): who may take which step from which state, and what each step changes.
// Pure: no database, no clock of its own — the queue action reads the report in a transaction and applies this.
import type { QueueActInput, QueueStep, TipoffStatus } from '../../types';
import { addWorkingDays, endOfTownDay, townDate } from './calendar';
import { AppError, conflict, forbidden, notFound } from './errors';
import { hoursBetween, isoTown } from './time';
import { departmentName, type StoredTimelineEntry, type TipoffDoc } from './tipoffs';
import type { Town } from './town';
import type { UserDoc } from './users';
import { hasAnyRole } from './users';
import dayjs from 'dayjs';

export type Actor = Pick<UserDoc, '_id' | 'roles' | 'departmentId' | 'displayName'>;

/** The states each step may start from. */
export const STEP_FROM: Record<QueueStep, TipoffStatus[]> = {
  accept: ['assigned'],
  verify: ['accepted'],
  order: ['verified'],
  rectified: ['rectifying'],
  signoff: ['rectified'],
  transfer: ['assigned', 'accepted'],
  merge: ['assigned', 'accepted'],
  reject: ['assigned', 'accepted'],
  extend: ['accepted', 'verified', 'rectifying', 'rectified'],
};

/** 安委办 officers oversee every case (DESIGN.md §1). */
export function isSafetyOfficer(actor: Actor, town: Town): boolean {
  return actor.departmentId === town.safetyOffice.code && hasAnyRole(actor, ['admin', 'head', 'leader']);
}

function isMember(actor: Actor, doc: Pick<TipoffDoc, 'departmentId'>): boolean {
  return actor.departmentId === doc.departmentId && hasAnyRole(actor, ['staff', 'head', 'admin']);
}

/** Why `actor` may not take `step` on `doc` at all (role), or null. State is checked separately. */
function roleProblem(step: QueueStep, actor: Actor, doc: TipoffDoc, town: Town): string | null {
  const member = isMember(actor, doc);
  const office = isSafetyOfficer(actor, town);
  if (!member && !office) return '该举报不属于您的部门';
  if (step === 'signoff') {
    if (!office && !(member && hasAnyRole(actor, ['head']))) return '销号须由责任部门负责人或镇安委办审核';
    if (doc.rectification?.rectifiedBy === actor._id) return '记录整改的人员不能为自己的整改销号';
  }
  return null;
}

export function allowedSteps(actor: Actor, doc: TipoffDoc, town: Town): QueueStep[] {
  return (Object.keys(STEP_FROM) as QueueStep[]).filter((step) => {
    if (!STEP_FROM[step].includes(doc.status)) return false;
    if (step === 'extend' && doc.closeExtended) return false;
    return roleProblem(step, actor, doc, town) === null;
  });
}

/** Throws FORBIDDEN for a wrong role, CONFLICT for a wrong state: nothing is written either way. */
export function assertMayTake(step: QueueStep, actor: Actor, doc: TipoffDoc, town: Town): void {
  const problem = roleProblem(step, actor, doc, town);
  if (problem) throw forbidden(problem);
  if (!STEP_FROM[step].includes(doc.status)) {
    throw conflict(`当前状态不能进行该操作（${doc.no} 已是其他状态，请刷新后重试）`);
  }
  if (step === 'extend' && doc.closeExtended) throw conflict('该举报已延期过一次，不能再次延期');
}

export interface Transition {
  to: TipoffStatus;
  /** Fields to set on the report (timeline and updatedAt are added by the caller). */
  set: Partial<TipoffDoc>;
  entries: StoredTimelineEntry[];
  /** What the reporter is told. */
  notice: { title: string; body: string };
  ledger?: { kind: 'create' | 'rectifying' | 'progress' | 'close'; note: string };
}

export interface StepContext {
  actor: Actor;
  town: Town;
  now: Date;
  /** For merge: the report it is folded into (already read in the same transaction). */
  mergeTarget?: TipoffDoc;
}

/** Computes what taking `input.step` does to `doc`. Assumes assertMayTake passed. */
export function transition(
  doc: TipoffDoc,
  input: QueueActInput,
  { actor, town, now, mergeTarget }: StepContext,
): Transition {
  const at = isoTown(now);
  const by = actor.displayName ?? actor._id;
  const dept = departmentName(town, doc.departmentId);
  // Every step leaves a public note (the default wording when staff give none).
  const entry = (to: TipoffStatus, note: string, departmentId = doc.departmentId): StoredTimelineEntry => ({
    at,
    from: doc.status,
    to,
    departmentId,
    note,
    by,
  });
  const sla = town.sla;
  // Hours from filing to this milestone, stored on the report for the dashboard's 用时 (core/stats.ts). A case
  // accepted again after a 转办 keeps the latest acceptance (the one that stuck).
  const hours = (key: keyof NonNullable<TipoffDoc['hours']>) => ({
    hours: { ...doc.hours, [key]: hoursBetween(doc.createdAt, at) },
  });

  switch (input.step) {
    case 'accept': {
      const verifyBy = isoTown(
        addWorkingDays(now, doc.suspectedMajor ? sla.verifyMajorWorkingDays : sla.verifyWorkingDays, town.holidays),
      );
      const closeBy = isoTown(endOfTownDay(townDate(dayjs(now).add(sla.closeDays, 'day').toDate())));
      return {
        to: 'accepted',
        set: { deadlines: { ...doc.deadlines, verifyBy, closeBy }, dueAt: verifyBy, ...hours('toAccept') },
        entries: [entry('accepted', input.note || `${dept}已受理，将在 ${verifyBy.slice(0, 10)} 前完成核查`)],
        notice: { title: '举报已受理', body: `${doc.no} 已由${dept}受理。` },
      };
    }
    case 'verify': {
      if (!input.founded) {
        return {
          to: 'unfounded',
          set: {
            verification: { founded: false, major: false, note: input.note, at },
            dueAt: null,
            ...hours('toVerify'),
          },
          entries: [entry('unfounded', `经核查不属实：${input.note}`)],
          notice: { title: '核查结果：不属实', body: `${doc.no} 经${dept}现场核查不属实：${input.note}` },
        };
      }
      const major = !!input.major || input.grade === 'major';
      return {
        to: 'verified',
        set: {
          verification: {
            founded: true,
            major,
            note: input.note,
            at,
            ...(input.alreadyKnown ? { alreadyKnown: true } : {}),
          },
          major,
          dueAt: doc.deadlines.closeBy ?? null,
          ...hours('toVerify'),
        },
        entries: [entry('verified', `经核查属实${major ? '，认定为重大事故隐患' : ''}：${input.note}`)],
        notice: { title: '核查结果：属实', body: `${doc.no} 经核查属实，将督促整改。感谢您的举报！` },
        ...(major ? { ledger: { kind: 'create' as const, note: `群众举报查实：${input.note}` } } : {}),
      };
    }
    case 'order': {
      if (input.deadline < townDate(now)) throw badDeadline('整改期限不能早于今天');
      // A fix ordered past the case's 办结期限 would park it where it is never overdue.
      const latest = doc.deadlines.closeBy?.slice(0, 10);
      if (latest && input.deadline > latest) throw badDeadline(`整改期限不能晚于办结期限 ${latest}（可先申请延期）`);
      const rectifyBy = isoTown(endOfTownDay(input.deadline));
      return {
        to: 'rectifying',
        set: {
          rectification: {
            measures: input.measures,
            deadline: input.deadline,
            responsibleUnit: input.responsibleUnit,
            orderedBy: actor._id,
          },
          deadlines: { ...doc.deadlines, rectifyBy },
          dueAt: rectifyBy,
        },
        entries: [entry('rectifying', `已责令${input.responsibleUnit}于 ${input.deadline} 前整改：${input.measures}`)],
        notice: { title: '已责令整改', body: `${doc.no} 已责令责任单位于 ${input.deadline} 前完成整改。` },
        ledger: { kind: 'rectifying', note: `责令整改（期限 ${input.deadline}）：${input.measures}` },
      };
    }
    case 'rectified': {
      const rectification = doc.rectification ?? { measures: '', deadline: '', responsibleUnit: '' };
      return {
        to: 'rectified',
        set: {
          rectification: {
            ...rectification,
            evidence: input.evidence,
            note: input.note,
            rectifiedAt: at,
            rectifiedBy: actor._id,
          },
          dueAt: doc.deadlines.closeBy ?? null,
        },
        entries: [entry('rectified', `整改已完成，待复核销号：${input.note}`)],
        notice: { title: '整改已完成', body: `${doc.no} 整改已完成，正在复核。` },
        ledger: { kind: 'progress', note: `整改完成，待复核：${input.note}` },
      };
    }
    case 'signoff': {
      if (input.approved) {
        return {
          to: 'closed',
          set: { dueAt: null, ...hours('toClose') },
          entries: [entry('closed', `复核通过，已销号：${input.note}`)],
          notice: { title: '已销号', body: `${doc.no} 隐患已整改到位并销号。欢迎对处理情况进行评价。` },
          ledger: { kind: 'close', note: `复核通过销号：${input.note}` },
        };
      }
      return {
        to: 'rectifying',
        set: { dueAt: doc.deadlines.rectifyBy ?? doc.deadlines.closeBy ?? null },
        entries: [entry('rectifying', `复核未通过，退回整改：${input.note}`)],
        notice: { title: '退回整改', body: `${doc.no} 复核未通过，已要求继续整改。` },
        ledger: { kind: 'progress', note: `复核未通过，退回整改：${input.note}` },
      };
    }
    case 'transfer': {
      const transferCount = doc.transferCount + 1;
      const office = town.safetyOffice.code;
      // A case bounced twice goes to 安委办 to decide; 安委办's own assignment is final.
      const bounced = doc.departmentId !== office && transferCount >= 2;
      const target = bounced ? office : (input.toDepartmentId ?? office);
      if (!town.department(target)) {
        throw new AppError('INVALID_INPUT', '输入有误：目标部门不存在', [
          { path: 'toDepartmentId', message: '目标部门不存在' },
        ]);
      }
      if (target === doc.departmentId) {
        throw new AppError('INVALID_INPUT', '输入有误：不能转办给本部门', [
          { path: 'toDepartmentId', message: '不能转办给本部门' },
        ]);
      }
      const acceptBy = isoTown(addWorkingDays(now, sla.acceptWorkingDays, town.holidays));
      const targetName = departmentName(town, target);
      return {
        to: 'assigned',
        set: {
          departmentId: target,
          // Co-handling came from the old routing rule; the receiving department decides afresh.
          coDepartmentIds: [],
          transferCount,
          routing: {
            ruleId: null,
            reason: `由${dept}转办：${input.reason}${bounced ? '（多次转办，交镇安委办协调）' : ''}`,
          },
          deadlines: { acceptBy },
          dueAt: acceptBy,
        },
        entries: [
          entry('transferred', `${dept}转办：${input.reason}`),
          {
            ...entry('assigned', `已转至${targetName}${bounced ? '（多次转办，由镇安委办协调）' : ''}`, target),
            from: 'transferred',
          },
        ],
        notice: { title: '举报已转办', body: `${doc.no} 已转至${targetName}处理。` },
      };
    }
    case 'merge': {
      if (!mergeTarget) throw mergeTargetUnavailable();
      return {
        to: 'merged',
        set: { mergedInto: { id: mergeTarget._id, no: mergeTarget.no }, dueAt: null },
        entries: [entry('merged', `与 ${mergeTarget.no} 为同一隐患，已合并处理${input.note ? `：${input.note}` : ''}`)],
        notice: {
          title: '举报已合并',
          body: `${doc.no} 与此前的举报 ${mergeTarget.no} 为同一隐患，已合并处理，后续进展将一并通知您。`,
        },
      };
    }
    case 'reject':
      return {
        to: 'rejected',
        set: { dueAt: null },
        entries: [entry('rejected', `不予受理：${input.reason}`)],
        notice: { title: '举报未予受理', body: `${doc.no} 未予受理：${input.reason}` },
      };
    case 'extend': {
      const closeBy = isoTown(
        endOfTownDay(
          townDate(
            dayjs(doc.deadlines.closeBy ?? at)
              .add(sla.extendDays, 'day')
              .toDate(),
          ),
        ),
      );
      const dueAt = doc.dueAt === (doc.deadlines.closeBy ?? null) ? closeBy : doc.dueAt;
      return {
        to: doc.status,
        set: { deadlines: { ...doc.deadlines, closeBy }, closeExtended: true, dueAt },
        entries: [entry(doc.status, `办结期限延长 ${sla.extendDays} 天至 ${closeBy.slice(0, 10)}：${input.reason}`)],
        notice: {
          title: '办理期限延长',
          body: `${doc.no} 办理期限延长至 ${closeBy.slice(0, 10)}，原因：${input.reason}`,
        },
      };
    }
  }
}

const badDeadline = (message: string) =>
  new AppError('INVALID_INPUT', `输入有误：${message}`, [{ path: 'deadline', message }]);

/**
 * The one answer for a merge target that is missing or in another department: a department cannot tell
 * the two apart, so it cannot probe other departments' cases or learn their numbers.
 */
export const mergeTargetUnavailable = () =>
  notFound('要合并到的举报不存在或不属于本部门（跨部门合并请由镇安委办办理）');

/** Merge targets must be an earlier open report of the same department (安委办 may merge across), not itself. */
export function assertMergeTarget(
  doc: TipoffDoc,
  target: TipoffDoc | null,
  actor: Actor,
  town: Town,
): asserts target is TipoffDoc {
  if (!target || (target.departmentId !== doc.departmentId && !isSafetyOfficer(actor, town))) {
    throw mergeTargetUnavailable();
  }
  if (target._id === doc._id) throw conflict('不能合并到自身');
  if (!['assigned', 'accepted', 'verified', 'rectifying', 'rectified'].includes(target.status)) {
    throw conflict(`${target.no} 已办结或已合并，不能作为合并目标`);
  }
  if (target.createdAt > doc.createdAt) throw conflict(`只能合并到更早的举报（${target.no} 晚于本举报）`);
}

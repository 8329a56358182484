// 曝光台 (seed §24 集中挂牌、公布、曝光; issue 11): what is stored per item and how it is shown. An item is put on
// the board by the SLA sweep (a report reaching 曝光, escalationLevel 4) or by 安委办 (挂牌督办 of a major hazard in
// the ledger), and stays until 安委办 takes it off with a reason — closing the case does not take it off, the board
// shows 已销号. The board reads the case itself for its status, so it is never stale.
//
// Published: kind, case number, enterprise name (ledger), category, the hazard's text cleaned like the Open311
// export (open311.ts publicDescription: no phone, ID or house numbers, no names), the 居民区/村, the department,
// the deadline and the status in words. Never the reporter, contact, reporterKey, address, coordinates, photos,
// staff names or openids.
import {
  EXPOSURE_KIND_LABELS,
  type ExposureCandidate,
  type ExposureItem,
  type ExposureKind,
} from '../../types/exposure';
import { LEDGER_STATUS_LABELS } from '../../types/ledger';
import { RESIDENT_STATUS_LABELS, STATUS_CLASS, type TipoffStatus } from '../../types/tipoff';
import type { Database } from './db';
import type { LedgerDoc } from './ledger';
import { publicDescription } from './open311';
import { categoryName, departmentName, TIPOFFS, type TipoffDoc } from './tipoffs';
import type { Town } from './town';

export const EXPOSURES = 'exposures';
export const EXPOSURE_INDEXES: string[][] = [
  // The board (listed only) and 安委办's view by state, newest first; 安委办's view of all.
  ['listed', 'publishedAt', '_id'],
  ['publishedAt', '_id'],
];

/** Who published an item the sweep put on the board (shown to 安委办 and leaders). */
export const SWEEP_BY = '系统（超期自动曝光）';

export interface ExposureDoc {
  /** `tipoff_<id>` or `ledger_<id>`: one item per case, whatever happens to it. */
  _id: string;
  kind: ExposureKind;
  tipoffId?: string;
  ledgerId?: string;
  /** The case number (MX-… / ZD-…), kept for 安委办's list. */
  no: string;
  /** The 居民区/村 when known at publication (a report's area; a ledger entry's report or enterprise area). */
  areaId?: string;
  /** On the board now. */
  listed: boolean;
  /** When it last went on the board. */
  publishedAt: string;
  /** 挂牌督办: what 安委办 requires (public). */
  note?: string;
  /** Every step, `by` a display name (never an openid). */
  history: { at: string; what: 'published' | 'withdrawn'; by: string; text?: string }[];
  /** The last withdrawal (while not listed). */
  withdrawn?: { at: string; by: string; reason: string };
  updatedAt: string;
}

export const exposureIdForTipoff = (tipoffId: string) => `tipoff_${tipoffId}`;
export const exposureIdForLedger = (ledgerId: string) => `ledger_${ledgerId}`;

/** The fields of a report the board reads (the query projects to these: no reporter, no location). */
export type ExposedTipoff = Pick<
  TipoffDoc,
  '_id' | 'no' | 'status' | 'categoryId' | 'areaId' | 'description' | 'departmentId' | 'dueAt'
> &
  Partial<Pick<TipoffDoc, 'moderation' | 'rectification'>>;
export const EXPOSED_TIPOFF_FIELDS = {
  _id: true,
  no: true,
  status: true,
  categoryId: true,
  areaId: true,
  description: true,
  departmentId: true,
  dueAt: true,
  moderation: true,
  'rectification.deadline': true,
} as const;

/** The fields of a ledger entry the board reads (no address, no progress notes or photos). */
export type ExposedLedger = Pick<
  LedgerDoc,
  '_id' | 'no' | 'title' | 'description' | 'categoryId' | 'departmentId' | 'enterpriseName' | 'deadline' | 'status'
> &
  Partial<Pick<LedgerDoc, 'enterpriseId' | 'tipoffId' | 'inspectionId' | 'createdAt'>>;
export const EXPOSED_LEDGER_FIELDS = {
  _id: true,
  no: true,
  title: true,
  description: true,
  categoryId: true,
  departmentId: true,
  enterpriseId: true,
  enterpriseName: true,
  deadline: true,
  status: true,
  tipoffId: true,
  inspectionId: true,
  createdAt: true,
} as const;

/**
 * What the board says about a ledger entry beyond its title. A self-inspection's entry (企业自查) describes itself
 * as `<checklist>：<line>` (the title again), 依据：…, 企业说明：… — the board keeps the basis only: the title already
 * names the hazard and the enterprise's own note is written for the department, not for the public.
 */
export function ledgerDescription(l: Pick<LedgerDoc, 'description'> & { inspectionId?: string }): string {
  if (!l.inspectionId) return l.description;
  return l.description
    .split('\n')
    .filter((line) => line.startsWith('依据：'))
    .join('\n');
}

/** A report's status in words; 已销号 once closed. */
export function tipoffStatusWords(status: TipoffStatus): { label: string; resolved: boolean } {
  if (status === 'closed') return { label: '已销号', resolved: true };
  return { label: RESIDENT_STATUS_LABELS[status] ?? '处理中', resolved: STATUS_CLASS[status] === 'ended' };
}

/** A ledger entry's status in words; 已销号 once signed off. */
export function ledgerStatusWords(status: LedgerDoc['status']): { label: string; resolved: boolean } {
  return { label: LEDGER_STATUS_LABELS[status] ?? '整改中', resolved: status === 'closed' };
}

const day = (iso: string | null | undefined): string | null => (iso ? iso.slice(0, 10) : null);

/** Case numbers (举报 MX-…, 台账 ZD-…) and standards (GB 35181, GB/T 29639) are public: the cleaner masks long numbers. */
const CASE_NUMBER = /(?:MX-\d{4}-\d{6}|ZD-\d{4}-\d{4,}|(?:GB|AQ|JGJ|DB\d{2})(?:\/T)? ?\d{3,6}(?:[.-]\d+)*)/g;
const PLACEHOLDER = /⟦([A-Z]+)⟧/g;
const letters = (i: number): string =>
  (i < 26 ? '' : letters(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));

/** publicDescription (Open311's cleaner), keeping case numbers such as a ledger title's （MX-2026-000012）. */
export function publicText(text: string): string {
  const kept: string[] = [];
  const masked = text.replace(CASE_NUMBER, (no) => `⟦${letters(kept.push(no) - 1)}⟧`);
  const index = (tag: string) => [...tag].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  // A placeholder cut by the cleaner's length limit goes; the … the cleaner ends a cut text with stays.
  return publicDescription(masked)
    .replace(PLACEHOLDER, (_m, tag: string) => kept[index(tag)] ?? '')
    .replace(/⟦[A-Z]*(…?)$/, '$1');
}

type TownNames = Town;

/** One board item from its stored item and the case it points at. */
export function exposureItem(
  exp: ExposureDoc,
  source: { tipoff?: ExposedTipoff; ledger?: ExposedLedger },
  town: TownNames,
): ExposureItem {
  const areaName = exp.areaId ? town.area(exp.areaId)?.name : undefined;
  const common = {
    id: exp._id,
    kind: exp.kind,
    kindLabel: EXPOSURE_KIND_LABELS[exp.kind],
    ...(areaName ? { areaName } : {}),
    ...(exp.note ? { note: publicText(exp.note) } : {}),
    publishedAt: exp.publishedAt,
  };
  if (source.ledger) {
    const l = source.ledger;
    const words = ledgerStatusWords(l.status);
    return {
      ...common,
      no: l.no,
      ...(l.enterpriseName ? { enterpriseName: l.enterpriseName } : {}),
      categoryName: categoryName(town, l.categoryId),
      title: publicText(l.title),
      description: publicText(ledgerDescription(l)),
      departmentName: departmentName(town, l.departmentId),
      deadline: day(l.deadline),
      statusLabel: words.label,
      resolved: words.resolved,
    };
  }
  const t = source.tipoff;
  if (!t) {
    // The case is gone (never deleted today): the item still says what it was.
    return {
      ...common,
      no: exp.no,
      categoryName: '其他隐患',
      description: '',
      departmentName: '',
      deadline: null,
      statusLabel: '已办结',
      resolved: true,
    };
  }
  const words = tipoffStatusWords(t.status);
  return {
    ...common,
    no: t.no,
    categoryName: categoryName(town, t.categoryId),
    // Text the content check could not look at is not published (as in the Open311 export).
    description: t.moderation === 'unchecked' ? '' : publicText(t.description),
    ...(town.area(t.areaId) ? { areaName: town.area(t.areaId)!.name } : {}),
    departmentName: departmentName(town, t.departmentId),
    deadline: day(t.rectification?.deadline ?? t.dueAt),
    statusLabel: words.label,
    resolved: words.resolved,
  };
}

/** An open major hazard offered for 挂牌督办. */
export function exposureCandidate(l: ExposedLedger, town: TownNames): ExposureCandidate {
  return {
    ledgerId: l._id,
    no: l.no,
    title: l.title,
    ...(l.enterpriseName ? { enterpriseName: l.enterpriseName } : {}),
    categoryName: categoryName(town, l.categoryId),
    departmentName: departmentName(town, l.departmentId),
    deadline: day(l.deadline),
    statusLabel: ledgerStatusWords(l.status).label,
    createdAt: l.createdAt ?? '',
  };
}

/** CloudBase returns at most 100 documents per get(). */
const ID_PAGE = 100;

/**
 * The sweep's 曝光 rung: every case about to reach it goes on the board (before the cases move up, like the
 * leaders' notices: a sweep cut short leaves the cases due, and the rerun finds the items already written by their
 * fixed ids). An item taken off by 安委办 is never put back by the sweep (its id exists).
 */
export async function publishOverdue(
  db: Database,
  due: Record<string, unknown>,
  at: string,
  cap: number,
): Promise<number> {
  const _ = db.command;
  const { list } = await db
    .collection(TIPOFFS)
    .aggregate()
    .match(due)
    .project({ _id: 1, no: 1, areaId: 1 })
    .limit(cap)
    .end();
  const cases = list as unknown as Pick<TipoffDoc, '_id' | 'no' | 'areaId'>[];
  const written = new Set<string>();
  for (let i = 0; i < cases.length; i += ID_PAGE) {
    const ids = cases.slice(i, i + ID_PAGE).map((c) => exposureIdForTipoff(c._id));
    const { data } = await db
      .collection(EXPOSURES)
      .where({ _id: _.in(ids) })
      .field({ _id: true })
      .limit(ID_PAGE)
      .get();
    for (const e of data as { _id: string }[]) written.add(e._id);
  }
  const items = cases
    .filter((c) => !written.has(exposureIdForTipoff(c._id)))
    .map(
      (c) =>
        ({
          _id: exposureIdForTipoff(c._id),
          kind: 'overdue',
          tipoffId: c._id,
          no: c.no,
          ...(c.areaId ? { areaId: c.areaId } : {}),
          listed: true,
          publishedAt: at,
          history: [{ at, what: 'published', by: SWEEP_BY }],
          updatedAt: at,
        }) satisfies ExposureDoc,
    );
  if (items.length > 0) await db.collection(EXPOSURES).add({ data: items });
  return items.length;
}

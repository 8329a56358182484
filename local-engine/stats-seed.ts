// A history of reports for the dashboard (issue 11): months of realistic tipoff documents written directly (no
// action runs), deterministic for a seed, in batches of 1000 — the demo seed's months of data, the Done-when
// browser test's, and the bench's 100,000. Every status, every channel, every area, the departments the
// town's routing picks, stored durations (hours), some cases left overdue, some major with their ledger entry.
//
// A report's fate is drawn first (rejected, merged, unfounded or founded; some stall at an open step), then its
// steps are timed from its filing; a step later than `now` has not happened yet, so recent reports are still
// open and old ones mostly ended, as on a real desk.
import { CHANNEL_LABELS, type TipoffChannel } from '../types/channels';
import type { TipoffStatus } from '../types/tipoff';
import type { Database } from '../cloudfunctions/core/db';
import type { CoreDeps } from '../cloudfunctions/core/deps';
import { LEDGER, type LedgerDoc } from '../cloudfunctions/core/ledger';
import { routeTipoff } from '../cloudfunctions/core/routing';
import { isoTown } from '../cloudfunctions/core/time';
import { TIPOFFS, type StoredTimelineEntry, type TipoffDoc } from '../cloudfunctions/core/tipoffs';
import type { Town } from '../cloudfunctions/core/town';

export interface ReportHistoryOptions {
  /** First day (town date) of the first month. */
  from: string;
  months: number;
  /** Reports per month (each month gets exactly this many; one not yet begun at `now` none). */
  perMonth: number;
  /** Same seed, same documents (ids included). */
  seed: number;
  /** The moment the history is seen from (steps after it have not happened). Default: now. */
  now?: Date;
}

export interface ReportHistoryResult {
  reports: number;
  ledger: number;
}

/** mulberry32: a small deterministic generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const TOWN_OFFSET = 8 * HOUR;
/** isoTown for whole seconds, without dayjs (the bench writes 100,000 reports): 2026-11-28T10:00:00+08:00. */
const iso = (t: number): string => `${new Date(t + TOWN_OFFSET).toISOString().slice(0, 19)}+08:00`;
/** hoursBetween (time.ts) on whole seconds: what lifecycle.ts stores. */
const hoursFrom = (from: number, to: number): number => Math.round((to - from) / 360_000) / 10;
/** Whole seconds, as the stored ISO strings have them. */
const sec = (t: number): number => Math.floor(t / 1000) * 1000;
const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.split('');
/** Where reports come from: mostly the mini-program (stored without `channel`). */
const CHANNEL_WEIGHTS: [TipoffChannel, number][] = [
  ['app', 70],
  ['hotline12345', 14],
  ['suishenpai', 6],
  ['shequtong', 4],
  ['phone', 3],
  ['letter', 2],
  ['visit', 1],
];
const EXTERNAL_PREFIX: Partial<Record<TipoffChannel, string>> = {
  hotline12345: 'GD',
  suishenpai: 'SSP',
  shequtong: 'SQT',
  phone: 'DH',
  letter: 'XF',
  visit: 'LF',
};
const DESCRIPTIONS = [
  '现场存在安全隐患，请尽快处理',
  '多次发现，至今未整改',
  '晚上尤其明显，担心出事',
  '楼道里邻居反映很久了',
  '路过时看到，拍照留存',
];

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)];
function weighted<T>(r: () => number, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1][0];
}

/** Writes the history; returns how many reports and ledger entries it wrote. */
export async function seedReportHistory(
  db: Database,
  town: Town,
  options: ReportHistoryOptions,
): Promise<ReportHistoryResult> {
  const r = rng(options.seed);
  const now = (options.now ?? new Date()).getTime();
  const [y0, m0] = options.from.split('-').map(Number);
  const reports: Record<string, unknown>[] = [];
  const ledger: Record<string, unknown>[] = [];
  const seqByYear = new Map<number, number>();
  const ledgerSeqByYear = new Map<number, number>();
  const routes = new Map<string, ReturnType<typeof routeTipoff>>();
  const written = { reports: 0, ledger: 0 };
  /** The report filed just before: what a merged one is folded into. */
  let previous: { id: string; no: string } | undefined;

  const flush = async (force: boolean) => {
    if (reports.length >= 1000 || (force && reports.length)) {
      for (let i = 0; i < reports.length; i += 1000) {
        await db.collection(TIPOFFS).add({ data: reports.slice(i, i + 1000) });
      }
      written.reports += reports.length;
      reports.length = 0;
    }
    if (ledger.length >= 1000 || (force && ledger.length)) {
      await db.collection(LEDGER).add({ data: ledger.splice(0) });
    }
  };

  for (let m = 0; m < options.months; m++) {
    const monthStart = Date.UTC(y0, m0 - 1 + m, 1) - 8 * HOUR; // 00:00 town time
    const monthEnd = Date.UTC(y0, m0 + m, 1) - 8 * HOUR;
    for (let i = 0; i < options.perMonth; i++) {
      // Filed mostly in the day (07:00–22:00 town time), any day of the month; in the month under way, before
      // `now` (a month not yet begun gets none).
      const span = Math.min(monthEnd, now) - monthStart;
      if (span <= 0) break;
      const day = Math.floor(r() * Math.ceil(span / (24 * HOUR)));
      let created = monthStart + day * 24 * HOUR + (7 + r() * 15) * HOUR;
      if (created > now) created = monthStart + r() * span;
      created = sec(created);
      const createdAt = iso(created);
      const year = Number(createdAt.slice(0, 4));
      const seq = (seqByYear.get(year) ?? 0) + 1;
      seqByYear.set(year, seq);
      const id = `hist${options.seed}-${year}-${seq}`;
      const no = `MX-${year}-${String(800000 + seq).padStart(6, '0')}`;

      const category = pick(r, town.categories);
      const area = pick(r, town.areas);
      const key = `${category.id}|${area.id}`;
      let route = routes.get(key);
      if (!route) {
        route = routeTipoff({ categoryId: category.id, area, description: '' }, town);
        routes.set(key, route);
      }
      // The first month's first reports take every channel once: even a short history shows each source.
      const channel = m === 0 && i < CHANNEL_WEIGHTS.length ? CHANNEL_WEIGHTS[i][0] : weighted(r, CHANNEL_WEIGHTS);
      const suspectedMajor = r() < 0.06;

      // The fate, then the steps' times from filing.
      const fate = r();
      const ending =
        fate < 0.03 ? 'rejected' : fate < 0.07 ? 'merged' : fate < 0.22 ? 'unfounded' : ('founded' as const);
      const stallAt = r() < 0.06 ? pick(r, ['assigned', 'accepted', 'verified', 'rectifying'] as const) : null;
      const major = ending === 'founded' && (suspectedMajor ? r() < 0.5 : r() < 0.02);
      const tAccept = sec(created + (0.3 + r() * (r() < 0.8 ? 20 : 60)) * HOUR);
      const tVerify = sec(tAccept + (2 + r() * (r() < 0.8 ? 70 : 200)) * HOUR);
      const tOrder = sec(tVerify + (0.5 + r() * 24) * HOUR);
      const tRectified = sec(tOrder + (24 + r() * 20 * 24) * HOUR);
      const tClose = sec(tRectified + (2 + r() * 96) * HOUR);
      const acceptBy = iso(created + 48 * HOUR);
      const verifyBy = iso(tAccept + (suspectedMajor ? 3 : 5) * 24 * HOUR);
      const closeBy = iso(created + 45 * 24 * HOUR);
      const rectifyBy = iso(tOrder + 20 * 24 * HOUR);
      const stalled = (s: string) => stallAt === s;

      const timeline: StoredTimelineEntry[] = [
        { at: createdAt, from: null, to: 'submitted', note: '匿名举报' },
        { at: createdAt, from: 'submitted', to: 'assigned', departmentId: route.departmentId, note: route.reason },
      ];
      const step = (t: number, from: TipoffStatus, to: TipoffStatus, note: string) =>
        timeline.push({ at: iso(t), from, to, departmentId: route.departmentId, note, by: '演示数据' });
      let status: TipoffStatus = 'assigned';
      let dueAt: string | null = acceptBy;
      const hours: NonNullable<TipoffDoc['hours']> = {};
      const deadlines: TipoffDoc['deadlines'] = { acceptBy };
      let verification: TipoffDoc['verification'];
      let rectification: TipoffDoc['rectification'];
      let mergedInto: TipoffDoc['mergedInto'];

      const end = ending === 'merged' && !previous ? 'rejected' : ending;
      const earlyEnd = end === 'rejected' || end === 'merged';
      if (earlyEnd && tAccept <= now && !stalled('assigned')) {
        status = end;
        dueAt = null;
        step(tAccept, 'assigned', end, end === 'merged' ? '与已有举报为同一隐患，合并办理' : '不属于安全隐患举报范围');
        if (end === 'merged' && previous) mergedInto = previous;
      } else if (!earlyEnd && tAccept <= now && !stalled('assigned')) {
        status = 'accepted';
        hours.toAccept = hoursFrom(created, tAccept);
        Object.assign(deadlines, { verifyBy, closeBy });
        dueAt = verifyBy;
        step(tAccept, 'assigned', 'accepted', '已受理');
        if (tVerify <= now && !stalled('accepted')) {
          hours.toVerify = hoursFrom(created, tVerify);
          const founded = ending === 'founded';
          verification = { founded, major, note: founded ? '现场核查属实' : '现场核查未发现问题', at: iso(tVerify) };
          status = founded ? 'verified' : 'unfounded';
          dueAt = founded ? closeBy : null;
          step(tVerify, 'accepted', status, verification.note);
          if (founded && tOrder <= now && !stalled('verified')) {
            status = 'rectifying';
            rectification = {
              measures: '责令限期整改',
              deadline: rectifyBy.slice(0, 10),
              responsibleUnit: '责任单位',
            };
            deadlines.rectifyBy = rectifyBy;
            dueAt = rectifyBy;
            step(tOrder, 'verified', 'rectifying', '已责令整改');
            if (tRectified <= now && !stalled('rectifying')) {
              status = 'rectified';
              rectification = { ...rectification, note: '已整改', rectifiedAt: iso(tRectified) };
              dueAt = closeBy;
              step(tRectified, 'rectifying', 'rectified', '整改已完成，待复核销号');
              if (tClose <= now) {
                status = 'closed';
                dueAt = null;
                hours.toClose = hoursFrom(created, tClose);
                step(tClose, 'rectified', 'closed', '复核通过，已销号');
              }
            }
          }
        }
      }

      let ledgerId: string | undefined;
      if (major && verification?.founded) {
        const lseq = (ledgerSeqByYear.get(year) ?? 0) + 1;
        ledgerSeqByYear.set(year, lseq);
        ledgerId = `histL${options.seed}-${year}-${lseq}`;
        const closed = status === 'closed';
        const entry: LedgerDoc = {
          _id: ledgerId,
          no: `ZD-${year}-${String(8000 + lseq).padStart(4, '0')}`,
          source: 'tipoff',
          title: `${category.name}（${no}）`,
          description: `${category.name}：${pick(r, DESCRIPTIONS)}`,
          categoryId: category.id,
          grade: 'major',
          departmentId: route.departmentId,
          address: `${area.name}`,
          deadline: rectification ? rectification.deadline : null,
          status: closed ? 'closed' : status === 'rectified' ? 'rectified' : rectification ? 'rectifying' : 'open',
          progress: [{ at: verification.at, note: '群众举报查实', by: '演示数据' }],
          tipoffId: id,
          tipoffNo: no,
          createdAt: verification.at,
          updatedAt: closed ? iso(tClose) : verification.at,
          ...(closed ? { closedAt: iso(tClose) } : {}),
        };
        ledger.push(entry as unknown as Record<string, unknown>);
      }

      const last = timeline[timeline.length - 1].at;
      const doc: Omit<TipoffDoc, 'channel'> & { channel?: TipoffChannel } = {
        _id: id,
        no,
        status,
        categoryId: category.id,
        areaId: area.id,
        description: `${category.name}：${pick(r, DESCRIPTIONS)}`,
        photos: [],
        location: { latitude: area.latitude, longitude: area.longitude, address: area.name },
        geo: new db.Geo.Point(area.longitude, area.latitude),
        anonymous: r() < 0.6,
        suspectedMajor,
        major: !!verification?.major,
        reporterKey: `history-${options.seed}`,
        trackingCode: Array.from({ length: 10 }, () => pick(r, CODE_CHARS)).join(''),
        departmentId: route.departmentId,
        coDepartmentIds: route.coDepartmentIds,
        routing: { ruleId: route.ruleId, reason: route.reason },
        transferCount: 0,
        dueAt,
        deadlines,
        closeExtended: false,
        escalationLevel: 0,
        escalations: [],
        followers: Math.floor(r() * r() * 6),
        ...(verification ? { verification } : {}),
        ...(rectification ? { rectification } : {}),
        ...(mergedInto ? { mergedInto } : {}),
        ...(ledgerId ? { ledgerId } : {}),
        ...(Object.keys(hours).length ? { hours } : {}),
        ...(channel !== 'app'
          ? { channel, ...(EXTERNAL_PREFIX[channel] ? { externalNo: `${EXTERNAL_PREFIX[channel]}${year}${seq}` } : {}) }
          : {}),
        ...(channel !== 'app'
          ? { recorded: { by: `${CHANNEL_LABELS[channel]}登记（演示）`, requestKey: `hist-${id}` } }
          : {}),
        timeline,
        createdAt,
        updatedAt: last,
      };
      reports.push(doc as unknown as Record<string, unknown>);
      previous = { id, no };
      if (ledgerId) written.ledger++;
      await flush(false);
    }
  }
  await flush(true);
  return written;
}

const META = 'meta';

/**
 * The demo's report history (the dashboard has months to show): the six months up to this one, 40 reports each,
 * seed 1. Its own marker: once per data folder. Not under jest (tests count reports from a clean slate) unless
 * SEED_HISTORY=1 (the dashboard's browser test, whose engine runs under jest's environment).
 */
export async function seedHistoryDemo(deps: CoreDeps): Promise<'seeded' | 'already-seeded' | 'skipped'> {
  if (process.env.JEST_WORKER_ID && process.env.SEED_HISTORY !== '1') return 'skipped';
  const { db, town } = deps;
  const marker = await db.collection(META).where({ _id: 'seed-history' }).limit(1).get();
  if (marker.data.length > 0) return 'already-seeded';
  const now = deps.now();
  const [year, month] = isoTown(now).split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 - 5, 1));
  const from = first.toISOString().slice(0, 10);
  const result = await seedReportHistory(db, town, { from, months: 6, perMonth: 40, seed: 1, now });
  await db
    .collection(META)
    .doc('seed-history')
    .set({ data: { at: isoTown(now), from, ...result } });
  return 'seeded';
}

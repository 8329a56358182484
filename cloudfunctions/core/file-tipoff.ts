// Filing a tip-off: the one code path for a resident's report (tipoff.submit) and an internal report sent on
// to the town (internal-reports.ts). Routing, numbering, the sealed reporter identity, the tracking code and
// the photo checks are decided here, once.
import type { Location } from '../../types';
import { CHANNEL_LABELS, type OutsideChannel } from '../../types/channels';
import { addWorkingDays } from './calendar';
import { nextSeq } from './counters';
import type { Transaction } from './db';
import type { CoreDeps } from './deps';
import { REPORTER_IDENTITIES, sealIdentity, type ReporterIdentity } from './identity';
import { tipoffNo } from './ids';
import { reportModerationUnavailable, requestPhotoChecks } from './media';
import { routeTipoff } from './routing';
import { findById } from './store';
import { isoTown, townYear } from './time';
import { runTransaction } from './transaction';
import { newTipoffDoc, TIPOFFS, type StoredTimelineEntry, type TipoffDoc } from './tipoffs';

/** What a new tip-off is made of, already validated (category and area exist, photos are the reporter's). */
export interface TipoffFiling {
  /** Deterministic id (ids.ts tipoffIdFor): a retry or a concurrent second filing maps to the same report. */
  id: string;
  reporterKey: string;
  /** Sealed apart from the report (identity.ts), read only on the audited reward path. */
  identity: ReporterIdentity;
  input: {
    categoryId: string;
    areaId: string;
    description: string;
    photos: string[];
    location: Location;
    anonymous: boolean;
    suspectedMajor: boolean;
  };
  /** `unchecked`: the text check could not run (staff see 未审核). */
  moderation?: 'unchecked';
  /** Steps before the town's own (an internal report's history), put first in the timeline. */
  history?: StoredTimelineEntry[];
  /** The privacy notice version the reporter agreed to (tipoff.submit), kept on the report as evidence. */
  privacyVersion?: number;
  /** A report received elsewhere and recorded by staff (queue.record): where from, and who recorded it. */
  outside?: {
    channel: OutsideChannel;
    externalNo?: string;
    recorded: NonNullable<TipoffDoc['recorded']>;
    /** The staff member who uploaded the photos: their photo checks run under this openid. */
    uploaderOpenid: string;
  };
}

export type FiledTipoff = TipoffDoc;

/** The routed document of a filing, without its number (given inside the transaction). */
export function prepareTipoff(
  deps: Pick<CoreDeps, 'db' | 'town' | 'now'>,
  f: TipoffFiling,
): Omit<TipoffDoc, '_id' | 'no'> {
  const { db, town } = deps;
  const now = deps.now();
  const area = town.area(f.input.areaId);
  if (!area) throw new Error(`fileTipoff: unknown area ${f.input.areaId}`);
  const decision = routeTipoff({ categoryId: f.input.categoryId, area, description: f.input.description }, town);
  const doc = newTipoffDoc({
    input: f.input,
    decision,
    reporterKey: f.reporterKey,
    at: isoTown(now),
    acceptBy: isoTown(addWorkingDays(now, town.sla.acceptWorkingDays, town.holidays)),
    geo: new db.Geo.Point(f.input.location.longitude, f.input.location.latitude),
    ...(f.moderation ? { moderation: f.moderation } : {}),
  });
  // The versions it is routed and judged under stay with it: a later change never reroutes it or moves its deadlines.
  const townVersions = { routing: town.versions.routing, sla: town.versions.sla, categories: town.versions.categories };
  const versioned = { ...doc, townVersions };
  const consented = f.privacyVersion ? { ...versioned, privacyVersion: f.privacyVersion } : versioned;
  if (f.outside) {
    const { channel, externalNo, recorded } = f.outside;
    // The first step says where it came from (staff and reporter alike read 「12345 热线转来（工单 …）」).
    const from = `${CHANNEL_LABELS[channel]}转来${externalNo ? `（编号 ${externalNo}）` : ''}`;
    const [first, ...rest] = consented.timeline;
    return {
      ...consented,
      channel,
      ...(externalNo ? { externalNo } : {}),
      recorded,
      timeline: [{ ...first, note: from, by: recorded.by }, ...rest],
    };
  }
  return f.history?.length ? { ...consented, timeline: [...f.history, ...consented.timeline] } : consented;
}

/**
 * Inside the caller's transaction: numbers the report, adds it with its fixed id (a second filing of the same
 * id fails here and rolls the counter back) and seals the reporter's identity beside it. Returns the number.
 */
export async function writeTipoff(
  tx: Transaction,
  deps: Pick<CoreDeps, 'now' | 'reporterKeySecret'>,
  f: Pick<TipoffFiling, 'id' | 'identity'>,
  doc: Omit<TipoffDoc, '_id' | 'no'>,
): Promise<string> {
  const year = townYear(deps.now());
  const number = tipoffNo(year, await nextSeq(tx, `tipoff-${year}`));
  await tx.collection(TIPOFFS).add({ data: { _id: f.id, no: number, ...doc } });
  await tx
    .collection(REPORTER_IDENTITIES)
    .doc(f.id)
    .set({ data: { sealed: sealIdentity(f.identity, f.id, deps.reporterKeySecret), createdAt: doc.createdAt } });
  return number;
}

/** After the commit: the text-check notice and each photo's check (answering later through the push). */
export async function afterTipoffFiled(
  deps: Pick<CoreDeps, 'db' | 'now' | 'town' | 'log' | 'media'>,
  f: Pick<TipoffFiling, 'id' | 'identity' | 'outside'>,
  doc: Pick<TipoffDoc, 'photos' | 'moderation'>,
  options: { textNotice: boolean },
): Promise<void> {
  if (options.textNotice && doc.moderation === 'unchecked') await reportModerationUnavailable(deps, 'text');
  // Photos are checked as the one who uploaded them: the reporter, or the staff member who recorded the report.
  const openid = f.outside?.uploaderOpenid ?? f.identity.openid ?? '';
  const requested = await requestPhotoChecks(deps, { tipoffId: f.id, fileIds: doc.photos, openid });
  if (!requested) {
    await deps.db
      .collection(TIPOFFS)
      .doc(f.id)
      .update({ data: { moderation: 'unchecked' } });
    await reportModerationUnavailable(deps, 'photo');
  }
}

/**
 * Files one tip-off: routed, numbered, identity sealed, photo checks requested. Idempotent by `f.id`: when the
 * same filing arrived twice, the second answers with the first report.
 */
export async function fileTipoff(
  deps: Pick<CoreDeps, 'db' | 'town' | 'now' | 'reporterKeySecret' | 'log' | 'media'>,
  f: TipoffFiling,
): Promise<TipoffDoc> {
  const doc = prepareTipoff(deps, f);
  try {
    const no = await runTransaction(deps.db, (tx) => writeTipoff(tx, deps, f, doc));
    await afterTipoffFiled(deps, f, doc, { textNotice: true });
    return { ...doc, _id: f.id, no };
  } catch (e) {
    const again = await findById<TipoffDoc>(deps.db, TIPOFFS, f.id);
    if (again) return again; // the same submission arrived twice: answer with the first one
    throw e;
  }
}

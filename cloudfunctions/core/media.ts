// Moderation of what residents post: the text check's outcome, the asynchronous photo check and its push.
import { z } from 'zod';
import { addAudit } from './audit';
import type { CoreDeps } from './deps';
import { addMessage, departmentRecipient, MESSAGES } from './messages';
import { findById, txGet } from './store';
import { townDate } from './calendar';
import { isoTown } from './time';
import { TIPOFFS, type TipoffDoc } from './tipoffs';
import { runTransaction } from './transaction';

/** Outcome of a text check: `unchecked` when the check could not run (the post is kept, marked for staff). */
export type ContentVerdict = 'pass' | 'reject' | 'unchecked';

/** The platform's asynchronous image check (security.mediaCheckAsync, or the local stand-in). */
export interface MediaChecker {
  /**
   * Starts the check of one stored image (the platform makes the URL it fetches); the result arrives later,
   * through the push, under the returned trace id.
   */
  request(args: { fileId: string; openid: string }): Promise<string>;
}

export const MEDIA_CHECKS = 'mediaChecks';

/** One requested photo check; `_id` is the platform's trace id. */
export interface MediaCheckDoc {
  _id: string;
  tipoffId: string;
  fileId: string;
  status: 'pending' | 'pass' | 'review' | 'risky';
  label?: string;
  requestedAt: string;
  resultAt?: string;
}

/** A photo hidden after the check found it risky: kept in storage for the audit, shown to nobody. */
export interface HiddenPhoto {
  fileId: string;
  label: string;
  traceId: string;
  at: string;
}

/**
 * Tells 安委办 (once per town day) that a check could not run, so a misconfigured permission is seen by a
 * person and not only in a log. The message id is the dedupe key.
 */
export async function reportModerationUnavailable(
  deps: Pick<CoreDeps, 'db' | 'now' | 'town' | 'log'>,
  what: 'text' | 'photo',
  detail?: unknown,
): Promise<void> {
  deps.log?.(`moderation unavailable (${what})`, detail);
  const day = townDate(deps.now());
  const id = `moderation-unchecked-${day}`;
  try {
    if (await findById(deps.db, MESSAGES, id)) return;
    await addMessage(deps.db, {
      _id: id,
      recipient: departmentRecipient(deps.town.safetyOffice.code),
      title: '内容安全检测未生效',
      body:
        '今天有举报的文字或照片未能通过微信内容安全接口检测（接口调用失败，常见原因是云调用权限未配置）。' +
        '这些举报已照常受理，并在待办中标注“未审核”。请检查云函数的 security.msgSecCheck / mediaCheckAsync 权限。',
      read: false,
      createdAt: isoTown(deps.now()),
    });
  } catch (e) {
    // Two reports in the same moment both found no message: the second add fails on the same id.
    if (!(await findById(deps.db, MESSAGES, id).catch(() => null))) deps.log?.('moderation notice failed', e);
  }
}

/**
 * Starts a check of each photo of a filed report. Returns false when any check could not be requested
 * (the report then stays `moderation: 'unchecked'`).
 */
export async function requestPhotoChecks(
  deps: Pick<CoreDeps, 'db' | 'now' | 'media' | 'log'>,
  args: { tipoffId: string; fileIds: string[]; openid: string },
): Promise<boolean> {
  if (args.fileIds.length === 0) return true;
  if (!deps.media) return false;
  let allRequested = true;
  for (const fileId of args.fileIds) {
    try {
      const traceId = await deps.media.request({ fileId, openid: args.openid });
      const doc: Omit<MediaCheckDoc, '_id'> = {
        tipoffId: args.tipoffId,
        fileId,
        status: 'pending',
        requestedAt: isoTown(deps.now()),
      };
      await deps.db
        .collection(MEDIA_CHECKS)
        .doc(traceId)
        .set({ data: { ...doc } });
    } catch (e) {
      deps.log?.('mediaCheckAsync request failed', e);
      allRequested = false;
    }
  }
  return allRequested;
}

/** The 消息推送 payload of security.mediaCheckAsync v2 (what CloudBase hands the function as `event`). */
export const MediaCheckEvent = z.object({
  MsgType: z.literal('event').optional(),
  Event: z.literal('wxa_media_check'),
  trace_id: z.string().min(1).max(128),
  result: z.object({
    suggest: z.enum(['pass', 'review', 'risky']),
    label: z.union([z.number(), z.string()]),
  }),
});

export type MediaCheckOutcome =
  | { handled: false; reason: 'not-a-media-check' | 'unknown-trace' }
  | { handled: true; suggest: MediaCheckDoc['status']; hidden: boolean };

/**
 * Applies one photo-check result. A `risky` photo leaves the report's `photos` (so no response can show it),
 * is kept in `hiddenPhotos` for the audit, and the case is flagged for staff. Idempotent: a repeated push
 * changes nothing.
 */
export async function handleMediaCheckEvent(
  deps: Pick<CoreDeps, 'db' | 'now' | 'log'>,
  event: unknown,
): Promise<MediaCheckOutcome> {
  const parsed = MediaCheckEvent.safeParse(event);
  if (!parsed.success) return { handled: false, reason: 'not-a-media-check' };
  const { trace_id: traceId, result } = parsed.data;
  const label = String(result.label);
  const check = await findById<MediaCheckDoc>(deps.db, MEDIA_CHECKS, traceId);
  if (!check) {
    deps.log?.('media check result for an unknown trace id', traceId);
    return { handled: false, reason: 'unknown-trace' };
  }
  const at = isoTown(deps.now());

  const outcome = await runTransaction(deps.db, async (tx) => {
    const current = await txGet<MediaCheckDoc>(tx, MEDIA_CHECKS, traceId, '检测记录');
    if (current.status !== 'pending') return { suggest: current.status, hidden: false, departmentId: undefined };
    await tx
      .collection(MEDIA_CHECKS)
      .doc(traceId)
      .update({ data: { status: result.suggest, label, resultAt: at } });
    if (result.suggest !== 'risky') return { suggest: result.suggest, hidden: false, departmentId: undefined };

    const doc = await txGet<TipoffDoc>(tx, TIPOFFS, current.tipoffId, '举报');
    const hidden: HiddenPhoto = { fileId: current.fileId, label, traceId, at };
    await tx
      .collection(TIPOFFS)
      .doc(doc._id)
      .update({
        data: {
          photos: doc.photos.filter((f) => f !== current.fileId),
          hiddenPhotos: [...(doc.hiddenPhotos ?? []), hidden],
          photoFlagged: true,
          updatedAt: at,
        },
      });
    await addAudit(tx, {
      actor: 'system:mediacheck',
      actorRoles: [],
      action: 'tipoff.photoHidden',
      targetType: 'tipoff',
      targetId: doc._id,
      detail: { fileId: current.fileId, traceId, suggest: result.suggest, label },
      at,
    });
    return { suggest: result.suggest, hidden: true, departmentId: doc.departmentId, no: doc.no, id: doc._id };
  });

  if (outcome.hidden && outcome.departmentId) {
    const { no, id } = outcome as { no: string; id: string };
    // Best effort, after the commit: the flag on the case is what counts.
    await addMessage(deps.db, {
      recipient: departmentRecipient(outcome.departmentId),
      title: '举报照片已屏蔽',
      body: `${no} 的一张照片未通过内容安全检测，已对所有人隐藏（原图留存备查）。请在待办中核实。`,
      tipoffId: id,
      tipoffNo: no,
      kind: 'case',
      read: false,
      createdAt: at,
    }).catch((e: unknown) => deps.log?.('photo flag message failed', e));
  }
  return { handled: true, suggest: outcome.suggest, hidden: outcome.hidden };
}

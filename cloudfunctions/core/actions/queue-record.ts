// queue.record (issue 11, every channel in one loop): staff record a report received elsewhere — a 12345 工单,
// 随申拍, 社区通, a phone call, a letter, a visit — and it is filed through the same path as tipoff.submit
// (core/file-tipoff.ts: routed by the town's rules, numbered, SLA from today, the identity sealed, photo checks).
// From then on it is worked like any other case.
//
// Who reported it: nobody in the app. The report's reporterKey is the HMAC of "recorded:<report id>", a string
// no WeChat openid can be (openids never contain ':'), so it links to no account: tipoff.mine/detail/rate/urge
// match no one, messages addressed to it are read by no one, and the reward case it may open can be claimed by
// nobody through the app. The sealed identity holds no openid — only the contact the outside reporter gave, if
// any — and is read, like a named report's, only on the audited reward path (reward.identity, after approval).
// No tracking code is returned: whoever held it could rate, urge or claim, and staff must not.
import { createHash } from 'node:crypto';
import {
  CHANNEL_LABELS,
  EXTERNAL_NO_LABELS,
  RecordTipoffInput,
  type OutsideChannel,
  type RecordTipoffResult,
} from '../../../types/channels';
import { action, type ActionContext } from '../action';
import { addAudit } from '../audit';
import { AppError, conflict } from '../errors';
import { afterTipoffFiled, prepareTipoff, writeTipoff, type TipoffFiling } from '../file-tipoff';
import { uploadScope } from '../files';
import { reporterKey, tipoffIdFor } from '../ids';
import { limitAction } from '../rate-limit';
import { findById } from '../store';
import { departmentName, TIPOFFS, type TipoffDoc } from '../tipoffs';
import { runTransaction } from '../transaction';
import { checkText } from '../blocked-words';

const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', `输入有误：${message}`, [{ path, message }]);

/** The report id of an outside case: one per channel and number, so the same 工单 cannot be recorded twice. */
export function externalTipoffId(channel: OutsideChannel, externalNo: string): string {
  return 't' + createHash('sha256').update(`external:${channel}:${externalNo}`).digest('hex').slice(0, 31);
}

/** A reporter key that belongs to no account (see the head of this file). */
export const recordedReporterKey = (id: string, secret: string): string => reporterKey(`recorded:${id}`, secret);

function resultOf(doc: TipoffDoc, ctx: ActionContext): RecordTipoffResult {
  return {
    id: doc._id,
    no: doc.no,
    status: doc.status,
    channel: doc.channel as OutsideChannel,
    ...(doc.externalNo ? { externalNo: doc.externalNo } : {}),
    departmentId: doc.departmentId,
    departmentName: departmentName(ctx.town, doc.departmentId),
  };
}

/** The same request again answers with its report; another recording of the same outside number is refused. */
function sameOrDuplicate(doc: TipoffDoc, requestKey: string, ctx: ActionContext): RecordTipoffResult {
  if (doc.recorded?.requestKey === requestKey) return resultOf(doc, ctx);
  const label = doc.channel ? EXTERNAL_NO_LABELS[doc.channel].replace('（选填）', '') : '外部编号';
  throw conflict(`该${label} ${doc.externalNo ?? ''} 已登记为 ${doc.no}，请勿重复登记`.replace(/\s+/g, ' '));
}

export const recordAction = action({
  input: RecordTipoffInput,
  async run(ctx, input): Promise<RecordTipoffResult> {
    const { db, town, user } = ctx;
    if (!town.category(input.categoryId)) throw invalid('categoryId', '隐患类别不存在');
    if (!town.area(input.areaId)) throw invalid('areaId', '所在区域不存在');

    // The recording request, by who recorded it (':' keeps it apart from any tipoff.submit requestId).
    const requestKey = tipoffIdFor(reporterKey(ctx.openid, ctx.reporterKeySecret), `record:${input.requestId}`);
    const id = input.externalNo ? externalTipoffId(input.channel, input.externalNo) : requestKey;
    const existing = await findById<TipoffDoc>(db, TIPOFFS, id);
    if (existing) return sameOrDuplicate(existing, requestKey, ctx);

    await limitAction(ctx, 'record');
    await ctx.files.assertOwned(ctx.openid, input.photos, uploadScope.report(input.requestId), 'photos');

    const text = [input.description, input.location.address, input.contact?.name ?? ''].join('\n');
    const verdict = await checkText(ctx, text, ctx.openid);
    if (verdict === 'reject') throw invalid('description', '内容含有不当信息，请修改后再提交');

    const contact = input.contact ?? {};
    const named = !!(contact.name || contact.phone);
    const filing: TipoffFiling = {
      id,
      reporterKey: recordedReporterKey(id, ctx.reporterKeySecret),
      // No openid: nobody in the app filed it. The contact, if given, is sealed like a named report's.
      identity: { ...(contact.name ? { name: contact.name } : {}), ...(contact.phone ? { phone: contact.phone } : {}) },
      input: {
        categoryId: input.categoryId,
        areaId: input.areaId,
        description: input.description,
        photos: input.photos,
        location: input.location,
        anonymous: !named,
        suspectedMajor: input.suspectedMajor,
      },
      ...(verdict === 'unchecked' ? { moderation: 'unchecked' as const } : {}),
      outside: {
        channel: input.channel,
        ...(input.externalNo ? { externalNo: input.externalNo } : {}),
        recorded: {
          by: user.displayName ?? '工作人员',
          ...(user.departmentId ? { departmentId: user.departmentId } : {}),
          requestKey,
        },
        uploaderOpenid: ctx.openid,
      },
    };
    // Routed by the town's rules from category, area and text: the recorder's own department plays no part.
    const doc = prepareTipoff(ctx, filing);
    const at = doc.createdAt;
    let no: string;
    try {
      no = await runTransaction(db, async (tx) => {
        const number = await writeTipoff(tx, ctx, filing, doc);
        await addAudit(tx, {
          actor: user._id,
          actorRoles: user.roles,
          action: 'tipoff.record',
          targetType: 'tipoff',
          targetId: id,
          to: doc.status,
          // Never the contact: it is sealed.
          detail: {
            channel: input.channel,
            channelLabel: CHANNEL_LABELS[input.channel],
            ...(input.externalNo ? { externalNo: input.externalNo } : {}),
            departmentId: doc.departmentId,
            contactGiven: named,
            photos: input.photos.length,
          },
          at,
        });
        return number;
      });
    } catch (e) {
      // Two recordings at once: the first one's report decides (the same request, or a duplicate number).
      const again = await findById<TipoffDoc>(db, TIPOFFS, id);
      if (again) return sameOrDuplicate(again, requestKey, ctx);
      throw e;
    }
    await afterTipoffFiled(ctx, filing, doc, { textNotice: true });
    return resultOf({ ...doc, _id: id, no }, ctx);
  },
});

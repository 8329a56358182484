import { z } from 'zod';
import { LoginInput, MessagesInput, type LoginResult, type Message, type Page } from '../../../types';
import { action, defineFunction } from '../action';
import { uploadKey } from '../files';
import { reporterKey } from '../ids';
import { departmentRecipient, MESSAGES, toMessage, type MessageDoc } from '../messages';
import { fetchPage } from '../store';
import { USERS } from '../users';

export const userFunction = defineFunction('user', {
  login: action({
    input: LoginInput,
    async run(ctx): Promise<LoginResult> {
      const { user } = ctx;
      if (ctx.isNewUser) {
        const { _id, ...data } = user;
        await ctx.db.collection(USERS).doc(_id).set({ data });
      }
      return {
        openid: ctx.openid,
        roles: user.roles,
        uploadKey: uploadKey(ctx.openid, ctx.reporterKeySecret),
        ...(user.displayName ? { displayName: user.displayName } : {}),
        ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}),
        ...(user.departmentId
          ? {
              departmentId: user.departmentId,
              departmentCode: user.departmentId,
              departmentName: ctx.town.department(user.departmentId)?.name ?? user.departmentId,
            }
          : {}),
      };
    },
  }),

  /** The in-app message list: status changes of the caller's reports and of those they follow. */
  messages: action({
    input: MessagesInput,
    async run(ctx, { page, pageSize }): Promise<Page<Message> & { unread: number }> {
      // Staff also see their department's reminders (e.g. the scheduler's overdue notices).
      const recipients = [reporterKey(ctx.openid, ctx.reporterKeySecret)];
      if (ctx.user.departmentId) recipients.push(departmentRecipient(ctx.user.departmentId));
      const recipient = ctx.db.command.in(recipients);
      const messages = ctx.db.collection<MessageDoc & { _id: string }>(MESSAGES);
      const [{ data, total }, { total: unread }] = await Promise.all([
        fetchPage(messages.where({ recipient }), { page, pageSize }, [['createdAt', 'desc']]),
        messages.where({ recipient, read: false }).count(),
      ]);
      return { items: data.map(toMessage), total, page, pageSize, unread };
    },
  }),

  readMessages: action({
    input: z.object({ ids: z.array(z.string().min(1).max(64)).max(100).optional() }).strict(),
    async run(ctx, { ids }): Promise<{ updated: number }> {
      const _ = ctx.db.command;
      const keys = [reporterKey(ctx.openid, ctx.reporterKeySecret)];
      if (ctx.user.departmentId) keys.push(departmentRecipient(ctx.user.departmentId));
      const recipient = _.in(keys);
      // The recipient is always part of the where: nobody can mark someone else's messages.
      const where = ids ? { recipient, read: false, _id: _.in(ids) } : { recipient, read: false };
      const res = await ctx.db
        .collection(MESSAGES)
        .where(where)
        .update({ data: { read: true } });
      return { updated: res.stats.updated };
    },
  }),
});

import { QueueListInput, type Page, type QueueItem } from '../../../types';
import { action, type FunctionDef } from '../action';
import { forbidden } from '../errors';
import { TIPOFFS, toQueueItem, type TipoffDoc } from '../tipoffs';

export const STAFF_ROLES = ['staff', 'head', 'admin'] as const;

export const queueFunction: FunctionDef = {
  list: action({
    input: QueueListInput,
    roles: STAFF_ROLES,
    async run(ctx, { status, page, pageSize }): Promise<Page<QueueItem>> {
      const departmentId = ctx.user.departmentId;
      if (!departmentId) throw forbidden('您的账号未绑定部门，无法查看待办');
      // A department sees only what is routed to it; the where clause is built here, never from input.
      const where: Record<string, unknown> = { departmentId, ...(status ? { status } : {}) };
      const query = ctx.db.collection<TipoffDoc>(TIPOFFS).where(where);
      const [{ data }, { total }] = await Promise.all([
        query
          .orderBy('createdAt', 'asc')
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .get(),
        query.count(),
      ]);
      return { items: data.map((d) => toQueueItem(d, ctx.town)), total, page, pageSize };
    },
  }),
};

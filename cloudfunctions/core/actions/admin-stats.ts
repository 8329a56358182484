// admin.stats — 数据看板 (issue 11, DESIGN.md §4): the figures of one month, quarter or year (default: this month,
// town time), for the whole town or one department's share. 安委办 (its admin, head, leaders) and the town's
// leaders see the town or the department they ask for; department staff and heads always get their own
// department (asking for another is FORBIDDEN). Everything comes from aggregate pipelines (core/stats.ts).
// No rate limit: a read of a few small aggregates, behind a sign-in and a department role.
import { StatsInput, type DashboardStats } from '../../../types/stats';
import { action } from '../action';
import { AppError, forbidden } from '../errors';
import { isSafetyOfficer } from '../lifecycle';
import { computeStats, currentMonth, periodRange } from '../stats';
import { hasAnyRole } from '../users';

export const adminStatsActions = {
  stats: action({
    input: StatsInput,
    async run(ctx, input): Promise<DashboardStats> {
      const now = ctx.now();
      const wholeTown = isSafetyOfficer(ctx.user, ctx.town) || hasAnyRole(ctx.user, ['leader']);
      let departmentId: string | null;
      if (wholeTown) {
        if (input.departmentId && !ctx.town.department(input.departmentId)) {
          throw new AppError('INVALID_INPUT', '输入有误：没有这个部门', [
            { path: 'departmentId', message: '没有这个部门' },
          ]);
        }
        departmentId = input.departmentId ?? null;
      } else {
        const own = ctx.user.departmentId;
        if (!own) throw forbidden('您的账号未绑定部门');
        if (input.departmentId && input.departmentId !== own) throw forbidden('只能查看本部门的数据');
        departmentId = own;
      }
      const period = input.period ?? currentMonth(now);
      const { from, to, label } = periodRange(period);
      return computeStats(ctx.db, ctx.town, {
        range: { from, to },
        period: { kind: period.kind, key: period.key, label },
        departmentId,
        now,
      });
    },
  }),
};

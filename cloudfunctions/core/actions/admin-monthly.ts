// admin.monthly / admin.monthlyList — 月度报表 (issue 11; seed 四(五) 每月23日前报送). 安委办 generates (or
// regenerates) a month's workbook; 安委办 and leaders read the stored ones and download them through
// short-lived URLs (files.urls). The workbook holds no identity (core/reports/monthly.ts).
import {
  defaultReportMonth,
  MonthlyInput,
  MonthlyListInput,
  monthlyCycle,
  type MonthlyReportView,
} from '../../../types/monthly';
import { action, type ActionContext } from '../action';
import { townDate } from '../calendar';
import { AppError, forbidden, notFound } from '../errors';
import { limitAction } from '../rate-limit';
import {
  MONTHLY_REPORTS,
  prepareMonthly,
  toMonthlyView,
  findMonthly,
  type MonthlyReportDoc,
} from '../reports/monthly-store';
import { hasAnyRole } from '../users';

/** How many months admin.monthlyList shows (three years). */
export const MONTHLY_LIST_MAX = 36;

const view = async (ctx: ActionContext, doc: MonthlyReportDoc) =>
  toMonthlyView(doc, await ctx.files.urls([doc.fileID]));

export const adminMonthlyActions = {
  /**
   * A month's workbook (default: the latest cycle that has closed). Stored → answered as it is; none stored or
   * `regenerate` → 安委办 writes it now (a leader is told it is not ready). A cycle still running is refused.
   */
  monthly: action({
    input: MonthlyInput,
    async run(ctx, input): Promise<MonthlyReportView> {
      const latest = defaultReportMonth(townDate(ctx.now()));
      const month = input.month ?? latest;
      if (month > latest) {
        const { label, to } = monthlyCycle(month);
        throw new AppError('INVALID_INPUT', `输入有误：${label}的统计区间尚未结束（截至 ${to}）`, [
          { path: 'month', message: '统计区间尚未结束' },
        ]);
      }
      const office = hasAnyRole(ctx.user, ['admin']);
      if (!input.regenerate) {
        const stored = await findMonthly(ctx.db, month);
        if (stored) return view(ctx, stored);
        if (!office) throw notFound(`${monthlyCycle(month).label}的月度报表尚未生成`);
      }
      if (!office) throw forbidden('只有镇安委办可以生成月度报表');
      await limitAction(ctx, 'monthly');
      const { doc } = await prepareMonthly(ctx, {
        month,
        by: ctx.user.displayName ?? '镇安委办',
        actor: ctx.openid,
        actorRoles: ctx.user.roles,
        regenerate: input.regenerate,
      });
      return view(ctx, doc);
    },
  }),

  /** The stored workbooks, newest month first. */
  monthlyList: action({
    input: MonthlyListInput,
    async run(ctx): Promise<MonthlyReportView[]> {
      const { data } = await ctx.db
        .collection<MonthlyReportDoc>(MONTHLY_REPORTS)
        .orderBy('month', 'desc')
        .limit(MONTHLY_LIST_MAX)
        .get();
      const urls = await ctx.files.urls(data.map((d) => d.fileID));
      return data.map((d) => toMonthlyView(d, urls));
    },
  }),
};

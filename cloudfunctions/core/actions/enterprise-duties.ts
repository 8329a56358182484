// `enterprise.duties` (issue 10): an enterprise's two recurring duties — the evacuation drill and the
// self-inspection of major hazards — with their last and next due dates, for its own desk and for 安委办.
// The rows of 安委办's compliance list (drill-compliance.ts) are built by the same toDuties().
import { z } from 'zod';
import type { DutyKind, EnterpriseDuties } from '../../../types/inspection';
import { action, type ActionContext } from '../action';
import { dutyStatus, dueOn, periodMonths } from '../duties';
import { dutyFields } from '../duty-store';
import { findEnterprise, type EnterpriseDoc } from '../enterprises';
import { forbidden, notFound } from '../errors';
import { townIndustries } from '../industries';
import { isoTown } from '../time';
import { hasAnyRole } from '../users';

export const DUTY_KINDS: readonly DutyKind[] = ['drill', 'inspection'];

/** Today's town date (YYYY-MM-DD). */
export const townToday = (now: Date): string => isoTown(now).slice(0, 10);

/** One enterprise's duties on `today`, computed from the dates on record (absent: never done). */
export function toDuties(ctx: Pick<ActionContext, 'town'>, doc: EnterpriseDoc, today: string): EnterpriseDuties {
  const status = (kind: DutyKind) => dutyStatus(kind, doc.highRisk, doc[dutyFields(kind).lastOn] ?? null, today);
  return {
    enterpriseId: doc._id,
    enterpriseName: doc.name,
    highRisk: doc.highRisk,
    industryName: townIndustries().get(doc.industry)?.name ?? doc.industry,
    areaName: ctx.town.area(doc.areaId)?.name ?? doc.areaId,
    drill: status('drill'),
    inspection: status('inspection'),
  };
}

/**
 * The due dates to store when the enterprise's high-risk flag becomes `highRisk` (安委办's override, or an
 * industry change): each duty done before is due again after the new period; a duty never done stays absent.
 */
export function dueDatesFor(doc: Pick<EnterpriseDoc, DutyFieldName>, highRisk: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kind of DUTY_KINDS) {
    const f = dutyFields(kind);
    const last = doc[f.lastOn];
    if (last) out[f.dueOn] = dueOn(last, periodMonths(kind, highRisk))!;
  }
  return out;
}
type DutyFieldName = 'drillLastOn' | 'drillDueOn' | 'inspectionLastOn' | 'inspectionDueOn';

const DutiesInput = z.object({ id: z.string().min(1).max(64).optional() }).strict();

export const enterpriseDutyActions = {
  /** 安委办 and leaders: any enterprise (id); a manager or worker: their own only. */
  duties: action({
    input: DutiesInput,
    async run(ctx, { id }): Promise<EnterpriseDuties> {
      const own = ctx.user.enterpriseId;
      let target: string;
      if (hasAnyRole(ctx.user, ['admin', 'leader'])) {
        if (!(id ?? own)) throw notFound('请指定企业');
        target = (id ?? own)!;
      } else {
        if (!own) throw forbidden('您尚未归属企业');
        if (id && id !== own) throw forbidden('只能查看本企业的信息');
        target = own;
      }
      const doc = await findEnterprise(ctx.db, target);
      if (!doc) throw notFound('企业不存在');
      return toDuties(ctx, doc, townToday(ctx.now()));
    },
  }),
};

import {
  MineInput,
  SubmitTipoffInput,
  type Page,
  type SubmitTipoffResult,
  type TipoffOptions,
  type TipoffSummary,
} from '../../../types';
import { z } from 'zod';
import type { Database } from '../db';
import type { Town } from '../town';
import { action, type FunctionDef } from '../action';
import { AppError } from '../errors';
import { reporterKey, tipoffIdFor, tipoffNo } from '../ids';
import { routeTipoff } from '../routing';
import { isoTown, townYear } from '../time';
import { COUNTERS, newTipoffDoc, REPORTER_IDENTITIES, TIPOFFS, toSummary, type TipoffDoc } from '../tipoffs';

async function existingResult(ctx: { db: Database; town: Town }, id: string) {
  const { data } = await ctx.db.collection<TipoffDoc>(TIPOFFS).where({ _id: id }).limit(1).get();
  const doc = data[0];
  return doc ? resultOf(doc, ctx.town) : null;
}

function resultOf(doc: TipoffDoc, town: Town): SubmitTipoffResult {
  return {
    id: doc._id,
    no: doc.no,
    status: doc.status,
    departmentId: doc.departmentId,
    departmentName: town.department(doc.departmentId)?.name ?? doc.departmentId,
    trackingCode: doc.trackingCode,
  };
}

export const tipoffFunction: FunctionDef = {
  options: action({
    input: z.object({}).strict(),
    async run({ town }): Promise<TipoffOptions> {
      return {
        categories: town.categories,
        areas: town.areas,
        departments: town.departments.map((d) => ({ id: d.code, code: d.code, name: d.name })),
      };
    },
  }),

  submit: action({
    input: SubmitTipoffInput,
    async run(ctx, input): Promise<SubmitTipoffResult> {
      const { db, town } = ctx;
      const category = town.category(input.categoryId);
      if (!category)
        throw new AppError('INVALID_INPUT', '输入有误：隐患类别不存在', [
          { path: 'categoryId', message: '隐患类别不存在' },
        ]);
      const area = town.area(input.areaId);
      if (!area)
        throw new AppError('INVALID_INPUT', '输入有误：所在区域不存在', [
          { path: 'areaId', message: '所在区域不存在' },
        ]);

      const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
      const id = tipoffIdFor(key, input.requestId);
      const now = ctx.now();
      const at = isoTown(now);
      const year = townYear(now);
      const decision = routeTipoff({ categoryId: category.id, area, description: input.description }, town);

      const doc = newTipoffDoc({
        input,
        decision,
        reporterKey: key,
        at,
        geo: new db.Geo.Point(input.location.longitude, input.location.latitude),
      });

      const counterId = `tipoff-${year}`;
      try {
        const no = await db.runTransaction(async (tx) => {
          const counters = tx.collection<{ seq: number }>(COUNTERS);
          let seq = 1;
          try {
            seq = (await counters.doc(counterId).get()).data.seq + 1;
            await counters.doc(counterId).update({ data: { seq } });
          } catch (e) {
            if (!isMissingDoc(e)) throw e;
            await counters.doc(counterId).set({ data: { seq } });
          }
          const number = tipoffNo(year, seq);
          // add() with a fixed _id fails on a retry of the same requestId, rolling the counter back.
          await tx.collection(TIPOFFS).add({ data: { _id: id, no: number, ...doc } });
          await tx
            .collection(REPORTER_IDENTITIES)
            .doc(id)
            .set({
              data: {
                openid: ctx.openid,
                ...(input.anonymous || !input.contact ? {} : { name: input.contact.name, phone: input.contact.phone }),
                createdAt: at,
              },
            });
          return number;
        });
        return resultOf({ ...doc, _id: id, no } as TipoffDoc, town);
      } catch (e) {
        const again = await existingResult(ctx, id);
        if (again) return again; // the same submission arrived twice: answer with the first one
        throw e;
      }
    },
  }),

  mine: action({
    input: MineInput,
    async run(ctx, { page, pageSize }): Promise<Page<TipoffSummary>> {
      const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
      const query = ctx.db.collection<TipoffDoc>(TIPOFFS).where({ reporterKey: key });
      const [{ data }, { total }] = await Promise.all([
        query
          .orderBy('createdAt', 'desc')
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .get(),
        query.count(),
      ]);
      return { items: data.map((d) => toSummary(d, ctx.town)), total, page, pageSize };
    },
  }),
};

/** CloudBase and the local engine both reject `doc(id).get()` for a missing document. */
function isMissingDoc(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return /not exist|不存在|cannot find document/i.test(msg);
}

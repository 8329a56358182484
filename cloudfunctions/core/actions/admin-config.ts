// admin.config / admin.setConfig / admin.route — 系统配置 (issue 11): the town's departments, areas, categories,
// routing rules, SLA and blocked words, versioned (town-config.ts, town-store.ts). 安委办 and leaders read every
// version; only 安委办 admins set a new one (validated against the whole town, stale base → CONFLICT, audited,
// rate-limited); department staff may ask the routing tester where a report would go.
import {
  ConfigGetInput,
  RouteTestInput,
  SetConfigInput,
  TOWN_CONFIG_KEYS,
  TOWN_CONFIG_LABELS,
  type ConfigVersionInfo,
  type ConfigView,
  type RouteTestResult,
  type TownConfigKey,
} from '../../../types/town-config';
import type { ZodError } from 'zod';
import { action, type ActionContext } from '../action';
import { addAudit } from '../audit';
import { AppError, conflict, invalidInput, notFound } from '../errors';
import { ENTERPRISES } from '../enterprises';
import { limitAction } from '../rate-limit';
import { routeTipoff } from '../routing';
import { isoTown } from '../time';
import { OPEN_STATUSES, TIPOFFS } from '../tipoffs';
import {
  CONFIG,
  readConfig,
  readConfigTx,
  readConfigVersion,
  setConfig,
  versionId,
  type ConfigDoc,
} from '../town-config';
import { dropTownCache, TOWN_ENTRIES, townFrom, type TownConfigData } from '../town-store';
import { removedItems, townChangeIssues, type InUse } from '../town-validate';
import { runTransaction } from '../transaction';
import { USERS } from '../users';

const HISTORY = 50;
/** Who set a version, for people: the seed is 初始配置; a stored name is a display name, never an openid. */
const byLabel = (by: string) => (by === 'seed' ? '初始配置' : by);
const byName = (ctx: ActionContext) => ctx.user.displayName ?? '镇安委办';

const info = (d: Pick<ConfigDoc<unknown>, 'version' | 'by' | 'at' | 'note'>): ConfigVersionInfo => ({
  version: d.version,
  by: byLabel(d.by),
  at: d.at,
  ...(d.note ? { note: d.note } : {}),
});

/** The last HISTORY versions, newest first: one query on their ids (`key@n`, the primary key). */
async function history(ctx: ActionContext, key: TownConfigKey, current: number): Promise<ConfigVersionInfo[]> {
  const ids: string[] = [];
  for (let v = current; v >= 1 && ids.length < HISTORY; v--) ids.push(versionId(key, v));
  const { data } = await ctx.db
    .collection<ConfigDoc<unknown> & { _id: string }>(CONFIG)
    .where({ _id: ctx.db.command.in(ids) })
    .limit(ids.length)
    .get();
  const byVersion = new Map(data.map((d) => [d.version, d]));
  // Version 1 of a key nobody stored (a fresh environment) is the shipped file.
  if (current >= 1 && current - HISTORY < 1 && !byVersion.has(1))
    byVersion.set(1, { version: 1, by: 'seed', at: '' } as never);
  return [...byVersion.values()].sort((a, b) => b.version - a.version).map(info);
}

async function view(ctx: ActionContext, key: TownConfigKey, version?: number): Promise<ConfigView> {
  const entry = TOWN_ENTRIES[key];
  const current = await readConfig<unknown>(ctx.db, entry);
  const doc =
    version === undefined || version === current.version
      ? current
      : await readConfigVersion<unknown>(ctx.db, entry, version);
  if (!doc) throw notFound(`${TOWN_CONFIG_LABELS[key]}没有第 ${version} 版`);
  return {
    key,
    label: TOWN_CONFIG_LABELS[key],
    ...info(doc),
    current: doc.version === current.version,
    data: doc.data,
    history: await history(ctx, key, current.version),
  };
}

/** Open reports and staff still naming what the change removes (indexed counts; none for other keys). */
async function countInUse(ctx: ActionContext, removed: ReturnType<typeof removedItems>): Promise<InUse> {
  const _ = ctx.db.command;
  const open = _.in(OPEN_STATUSES);
  const count = async (collection: string, where: Record<string, unknown>) =>
    (await ctx.db.collection(collection).where(where).count()).total;
  const inUse: InUse = { openReports: { departments: {}, areas: {}, categories: {} }, staff: {} };
  for (const code of removed.departments) {
    inUse.openReports.departments[code] = await count(TIPOFFS, { departmentId: code, status: open });
    inUse.staff[code] = await count(USERS, { departmentId: code });
  }
  for (const id of removed.areas) {
    inUse.openReports.areas[id] = await count(TIPOFFS, { areaId: id, status: open });
    (inUse.enterprises ??= {})[id] = await count(ENTERPRISES, { areaId: id });
  }
  for (const id of removed.categories)
    inUse.openReports.categories[id] = await count(TIPOFFS, { categoryId: id, status: open });
  return inUse;
}

const prefixed = (error: ZodError) => {
  const e = invalidInput(error);
  return new AppError(
    'INVALID_INPUT',
    e.message,
    e.issues?.map((i) => ({ ...i, path: i.path ? `data.${i.path}` : 'data' })),
  );
};

const refused = (issues: { path: string; message: string }[]) =>
  new AppError('INVALID_INPUT', `不能保存：${issues[0].message}`, issues);

/** Every key's current version, read inside the transaction (single-document reads). */
async function currentSet(tx: Parameters<typeof readConfigTx>[0]) {
  const docs = {} as Record<TownConfigKey, ConfigDoc<unknown>>;
  for (const key of TOWN_CONFIG_KEYS) docs[key] = await readConfigTx<unknown>(tx, TOWN_ENTRIES[key]);
  return docs;
}

const dataOf = (docs: Record<TownConfigKey, ConfigDoc<unknown>>) =>
  Object.fromEntries(TOWN_CONFIG_KEYS.map((k) => [k, docs[k].data])) as unknown as TownConfigData;

export const adminConfigActions = {
  config: action({
    input: ConfigGetInput,
    run: (ctx, input): Promise<ConfigView> => view(ctx, input.key, input.version),
  }),

  setConfig: action({
    input: SetConfigInput,
    async run(ctx, input): Promise<ConfigView> {
      const { key } = input;
      const entry = TOWN_ENTRIES[key];
      const parsed = entry.schema.safeParse(input.data);
      if (!parsed.success) throw prefixed(parsed.error);
      await limitAction(ctx, 'setConfig');

      // What the change removes is counted outside the transaction (queries), against the version it is based on.
      const before = await runTransaction(ctx.db, currentSet);
      const staleMessage = `${TOWN_CONFIG_LABELS[key]}已被他人修改（现为第 ${before[key].version} 版），请刷新后再改`;
      if (before[key].version !== input.baseVersion) throw conflict(staleMessage);
      const next = { ...dataOf(before), [key]: parsed.data } as TownConfigData;
      const inUse = await countInUse(ctx, removedItems(key, dataOf(before), next));

      const at = isoTown(ctx.now());
      const { current } = await runTransaction(ctx.db, async (tx) => {
        const docs = await currentSet(tx);
        if (docs[key].version !== input.baseVersion) throw conflict(staleMessage);
        const all = dataOf(docs);
        const proposed = { ...all, [key]: parsed.data } as TownConfigData;
        const issues = townChangeIssues(key, all, proposed, inUse);
        if (issues.length) throw refused(issues);
        // The whole town must still build (the same checks every function runs when it loads the town).
        const versions = Object.fromEntries(TOWN_CONFIG_KEYS.map((k) => [k, docs[k].version])) as Record<
          TownConfigKey,
          number
        >;
        try {
          townFrom(proposed, versions, ctx.town);
        } catch (e) {
          throw refused([{ path: 'data', message: `配置不完整：${(e as Error).message}` }]);
        }
        const result = await setConfig<unknown>(tx, entry, parsed.data, byName(ctx), at, input.note);
        await addAudit(tx, {
          actor: ctx.user._id,
          actorRoles: ctx.user.roles,
          action: 'config.set',
          targetType: 'config',
          targetId: key,
          from: String(result.previous.version),
          to: String(result.current.version),
          detail: { key, note: input.note },
          at,
        });
        return result;
      });
      // This instance routes the next report under the new version at once; others within TOWN_CACHE_MS.
      dropTownCache(ctx.db);
      return view(ctx, key, current.version);
    },
  }),

  route: action({
    input: RouteTestInput,
    async run(ctx, input): Promise<RouteTestResult> {
      const { town } = ctx;
      const area = town.area(input.areaId);
      const issues = [
        ...(town.category(input.categoryId) ? [] : [{ path: 'categoryId', message: '没有这个隐患类别' }]),
        ...(area ? [] : [{ path: 'areaId', message: '没有这个居民区或村' }]),
      ];
      if (!area || issues.length) throw new AppError('INVALID_INPUT', `输入有误：${issues[0].message}`, issues);
      const decision = routeTipoff({ categoryId: input.categoryId, area, description: input.description }, town);
      const name = (code: string) => town.department(code)?.name ?? code;
      const rule = decision.ruleId ? town.routing.rules.find((r) => r.id === decision.ruleId) : undefined;
      return {
        departmentId: decision.departmentId,
        departmentName: name(decision.departmentId),
        coDepartments: decision.coDepartmentIds.map((id) => ({ id, name: name(id) })),
        ruleId: decision.ruleId,
        ruleName: rule?.name ?? null,
        reason: decision.reason,
        routingVersion: town.versions.routing,
      };
    },
  }),
};

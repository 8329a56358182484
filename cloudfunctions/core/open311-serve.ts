// Open311 GeoReport v2: the reads. Bounded (at most OPEN311_MAX_PAGE_SIZE cases an answer, read 100 at a time),
// indexed (TIPOFF_INDEXES: status+createdAt+_id, categoryId+status+createdAt+_id, no), projected to the public
// fields. No caller identity exists here: an anonymous HTTP reader; CloudBase HTTP access gives no per-IP rate
// limit to a function, so the page size and the 90-day window are the cap.
import { OPEN311_MAX_PAGE_SIZE } from '../../types/open311';
import type { CoreDeps } from './deps';
import { MAX_GET } from './store';
import {
  open311Fail,
  open311Json,
  open311Query,
  open311Request,
  open311Route,
  open311Services,
  PUBLIC_STATUSES,
  PUBLIC_TIPOFF_FIELDS,
  type Open311HttpRequest,
  type Open311HttpResponse,
  type Open311Query,
  type PublicTipoffFields,
} from './open311';
import { TIPOFFS } from './tipoffs';
import { loadTown } from './town-store';

type Deps = Pick<CoreDeps, 'db' | 'town' | 'now' | 'log'>;

/** The cases a requests.json query names, newest first, one page. */
export async function readPublicRequests(deps: Deps, q: Open311Query): Promise<PublicTipoffFields[]> {
  const { db } = deps;
  const _ = db.command;
  const coll = db.collection<PublicTipoffFields>(TIPOFFS);
  if (q.ids) {
    // By case number: at most OPEN311_MAX_IDS, served by the `no` index; the other filters do not apply.
    const { data } = await coll
      .where({ no: _.in(q.ids), status: _.in([...PUBLIC_STATUSES]) })
      .field(PUBLIC_TIPOFF_FIELDS)
      .limit(MAX_GET)
      .get();
    return data.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }
  const where = {
    ...(q.serviceCodes ? { categoryId: _.in(q.serviceCodes) } : {}),
    status: _.in(q.statuses),
    createdAt: _.and(_.gte(q.start), _.lte(q.end)),
  };
  const pageSize = Math.min(q.pageSize, OPEN311_MAX_PAGE_SIZE);
  const first = (q.page - 1) * pageSize;
  const out: PublicTipoffFields[] = [];
  while (out.length < pageSize) {
    const take = Math.min(MAX_GET, pageSize - out.length);
    const { data } = await coll
      .where(where)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .field(PUBLIC_TIPOFF_FIELDS)
      .skip(first + out.length)
      .limit(take)
      .get();
    out.push(...data);
    if (data.length < take) break;
  }
  return out;
}

/** One GET of the export, answered as GeoReport v2 JSON (errors as `[{ code, description }]`). */
export async function serveOpen311(shipped: Deps, req: Open311HttpRequest): Promise<Open311HttpResponse> {
  // The categories' names and the areas as 安委办 keeps them now (town-store.ts), like every action's ctx.town.
  const deps = { ...shipped, town: await loadTown(shipped.db, shipped.town) };
  if (req.method !== 'GET' && req.method !== 'HEAD') return open311Fail(405, '本接口只读：请使用 GET');
  const route = open311Route(req.path);
  if (route.kind === 'error') return open311Fail(route.status, route.description);
  if (route.kind === 'services') {
    const checked = open311Query({ jurisdiction_id: req.query.jurisdiction_id }, deps.now(), deps.town);
    if ('error' in checked) return open311Fail(checked.error.code, checked.error.description);
    return open311Json(200, open311Services(deps.town));
  }
  const checked = open311Query(
    route.kind === 'request' ? { jurisdiction_id: req.query.jurisdiction_id, service_request_id: route.id } : req.query,
    deps.now(),
    deps.town,
  );
  if ('error' in checked) return open311Fail(checked.error.code, checked.error.description);
  const docs = await readPublicRequests(deps, checked.query);
  const rows = docs.map((d) => open311Request(d, deps.town)).filter((r) => r !== null);
  if (route.kind === 'request' && rows.length === 0) return open311Fail(404, `没有公开的案件：${route.id}`);
  return open311Json(200, rows);
}

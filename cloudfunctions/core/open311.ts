// Open311 GeoReport v2 export: the pure part (routes, query parameters, the public view of a case). What is
// public follows DESIGN.md §9 — less than a follower sees: no reporter, no photos, no coordinates, no house
// address; the place is the 居民区/村; the reporter's text is cut and cleaned of personal data.
// The database reads are in open311-serve.ts; the gateway and the `open311` function only carry HTTP.
import { STATUS_CLASS, TIPOFF_STATUSES, RESIDENT_STATUS_LABELS, type TipoffStatus } from '../../types/tipoff';
import {
  OPEN311_DESCRIPTION_MAX,
  OPEN311_JURISDICTION,
  OPEN311_MAX_IDS,
  OPEN311_MAX_PAGE,
  OPEN311_MAX_PAGE_SIZE,
  OPEN311_MAX_SPAN_DAYS,
  type Open311Error,
  type Open311Request,
  type Open311Service,
} from '../../types/open311';
import { isoTown } from './time';
import type { TipoffDoc } from './tipoffs';
import type { Town } from './town';

/** Where the export lives on the local gateway and on the CloudBase HTTP access path (`/open311`). */
export const OPEN311_BASE_PATH = '/open311';

/** `rejected` (驳回: spam, abuse, not a hazard) is never published; every other status is open or closed. */
export const PUBLIC_STATUSES: readonly TipoffStatus[] = TIPOFF_STATUSES.filter((s) => s !== 'rejected');
export function open311Status(status: TipoffStatus): 'open' | 'closed' {
  return STATUS_CLASS[status] === 'ended' ? 'closed' : 'open';
}

// ---------------------------------------------------------------------------------------------------------
// Personal data out of free text

/** Common surnames: `王先生`, `李阿姨`, `物业张师傅` name a person; `物业师傅` does not. */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
const HAN = '\\u3400-\\u9fff';
const MASK = '***';

const FULL_WIDTH_DIGITS = /[０-９]/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** 18-digit 身份证 (last may be X) and the old 15-digit one, separators allowed. */
const ID_NUMBER = /\d{6}[\s-]?\d{8}[\s-]?\d{3}[\dXx]|\d{15}/g;
/** Any run of seven or more digits, spaces or dashes between them allowed: mobile, landline, card numbers. */
const LONG_NUMBER = /\d(?:[\s\-－—]?\d){6,}/g;
/** A house, building or room number: `12 号楼`, `3号`, `5 栋`, `301 室`, `88 弄`. */
const HOUSE_NUMBER = /\d+\s*(?=号|栋|幢|弄|室|单元|座|楼)/g;
/** A number right before a room-like word is gone; a bare 3–4-digit number after 楼/号/栋 is a room (`3 号楼 301`). */
const ROOM_AFTER = new RegExp(`((?:号楼|号|栋|幢|楼)[\\s-]*)\\d{2,4}`, 'g');
/** Self-introductions: `我叫张建国`, `姓名：张建国`, `联系人 李四` (the next one to three characters go). */
const SELF_INTRO = new RegExp(
  `(我叫|我姓|姓名|名字叫|名字是|名字|联系人|举报人|反映人|署名)([:：\\s]*)[${HAN}]{1,3}`,
  'g',
);
/** `我是张建国`, `本人王五`: only when a surname follows (`我是楼上住户` stays). */
const SELF_NAMED = new RegExp(`(我是|本人是|本人)(\\s*)[${SURNAMES}][${HAN}]{1,2}`, 'g');
/** A surname and a form of address: `王先生` → `某先生`. */
const TITLED = new RegExp(`[${SURNAMES}](?=先生|女士|小姐|师傅|阿姨|大爷|大妈|阿婆|老师|老板|经理|主任)`, 'g');
const NAME_TAG = new RegExp(`(老|小)[${SURNAMES}](?=[^${HAN}]|$|说|家|讲)`, 'g');

/**
 * The reporter's text as it may be published: digits normalised, then e-mail addresses, ID numbers, phone and
 * other long numbers, house/room numbers and self-introductions masked; a surname with a form of address becomes
 * 某; cut to OPEN311_DESCRIPTION_MAX characters. A name written with no cue around it cannot be recognised: the
 * text is already shown to nearby residents (tipoff.nearby), and the reporter's own contact name and phone are
 * never in it unless they typed them, which the cues above catch.
 */
export function publicDescription(text: string): string {
  const cleaned = text
    .replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(EMAIL, MASK)
    .replace(ID_NUMBER, MASK)
    .replace(LONG_NUMBER, MASK)
    .replace(HOUSE_NUMBER, '*')
    .replace(ROOM_AFTER, '$1*')
    .replace(SELF_INTRO, `$1$2${MASK}`)
    .replace(SELF_NAMED, `$1$2${MASK}`)
    .replace(TITLED, '某')
    .replace(NAME_TAG, '$1某')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(cleaned);
  return chars.length > OPEN311_DESCRIPTION_MAX ? `${chars.slice(0, OPEN311_DESCRIPTION_MAX).join('')}…` : cleaned;
}

// ---------------------------------------------------------------------------------------------------------
// The answers

/** GET services.json: the town's categories. */
export function open311Services(town: Pick<Town, 'categories'>): Open311Service[] {
  return town.categories.map((c) => ({
    service_code: c.id,
    service_name: c.name,
    description: c.emergency
      ? `${c.group}：${c.name}。紧急情况请先拨打 119 / 110，再在小程序上报。`
      : `${c.group}：${c.name}`,
    metadata: false,
    type: 'realtime',
    keywords: [...c.group.split('/'), c.name].join(','),
    group: c.group,
  }));
}

/** The fields of a case the export reads (the query projects to these). */
export type PublicTipoffFields = Pick<
  TipoffDoc,
  | '_id'
  | 'no'
  | 'status'
  | 'categoryId'
  | 'areaId'
  | 'description'
  | 'departmentId'
  | 'createdAt'
  | 'updatedAt'
  | 'dueAt'
> &
  Partial<Pick<TipoffDoc, 'moderation' | 'mergedInto'>>;
export const PUBLIC_TIPOFF_FIELDS: Record<keyof PublicTipoffFields, true> = {
  _id: true,
  no: true,
  status: true,
  categoryId: true,
  areaId: true,
  description: true,
  departmentId: true,
  createdAt: true,
  updatedAt: true,
  dueAt: true,
  moderation: true,
  mergedInto: true,
};

/** One case as published, or null when it is not public (驳回). */
export function open311Request(
  doc: PublicTipoffFields,
  town: Pick<Town, 'area' | 'category' | 'department'>,
): Open311Request | null {
  if (!PUBLIC_STATUSES.includes(doc.status)) return null;
  const status = open311Status(doc.status);
  const label = RESIDENT_STATUS_LABELS[doc.status] ?? '处理中';
  const category = town.category(doc.categoryId);
  const area = town.area(doc.areaId);
  return {
    service_request_id: doc.no,
    status,
    status_notes: doc.status === 'merged' && doc.mergedInto ? `${label}：并入 ${doc.mergedInto.no}` : label,
    service_name: category?.name ?? '其他隐患',
    service_code: doc.categoryId,
    // Text the content check could not look at (the check failed) is not published until staff have seen it.
    description: doc.moderation === 'unchecked' ? '' : publicDescription(doc.description),
    agency_responsible: town.department(doc.departmentId)?.name ?? '',
    service_notice: '',
    requested_datetime: doc.createdAt,
    updated_datetime: doc.updatedAt,
    ...(status === 'open' && doc.dueAt ? { expected_datetime: doc.dueAt } : {}),
    address: area ? `庙行镇${area.name}` : '庙行镇',
  };
}

// ---------------------------------------------------------------------------------------------------------
// Routes and query parameters

export type Open311Route =
  | { kind: 'services' }
  | { kind: 'requests' }
  | { kind: 'request'; id: string }
  | { kind: 'error'; status: number; description: string };

const CASE_NO = /^[A-Za-z0-9-]{1,40}$/;

/** The resource a path names, wherever the export is mounted (`…/v2/requests.json`). */
export function open311Route(path: string): Open311Route {
  const m = /(?:^|\/)v2\/([^?#]*)$/.exec(path);
  if (!m)
    return {
      kind: 'error',
      status: 404,
      description: '没有这个接口：请使用 /open311/v2/services.json 或 /open311/v2/requests.json',
    };
  const resource = m[1];
  const format = /\.([a-z]+)$/i.exec(resource)?.[1]?.toLowerCase();
  if (format && format !== 'json') {
    return { kind: 'error', status: 400, description: '本接口只提供 JSON 格式：请把 .xml 换成 .json' };
  }
  if (resource === 'services.json') return { kind: 'services' };
  if (resource === 'requests.json') return { kind: 'requests' };
  const one = /^requests\/([^/]+)\.json$/.exec(resource);
  if (one) {
    let id = '';
    try {
      id = decodeURIComponent(one[1]);
    } catch {
      id = '';
    }
    if (!CASE_NO.test(id)) return { kind: 'error', status: 400, description: '案件编号无效' };
    return { kind: 'request', id };
  }
  return {
    kind: 'error',
    status: 404,
    description: '没有这个接口：请使用 /open311/v2/services.json 或 /open311/v2/requests.json',
  };
}

export interface Open311Query {
  /** Case numbers asked for by `service_request_id=`: overrides every other filter (as the spec says). */
  ids?: string[];
  /** Town times (+08:00), both ends inclusive. */
  start: string;
  end: string;
  statuses: TipoffStatus[];
  serviceCodes?: string[];
  page: number;
  pageSize: number;
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A `start_date`/`end_date` value: ISO 8601 with a zone, or a date alone (a town date, the whole day). A `+` left
 * unescaped in a query string arrives as a space (`…T00:00:00 08:00`) and is read as the `+` it was.
 */
function parseInstant(raw: string, end: boolean): Date | null {
  const value = raw.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  const d = DATE_ONLY.exec(value);
  if (d) {
    const noon = new Date(`${value}T12:00:00Z`);
    // 2026-02-30 parses to nothing or to another day: refused.
    if (Number.isNaN(noon.getTime()) || noon.toISOString().slice(0, 10) !== value) return null;
    return new Date(`${value}T${end ? '23:59:59' : '00:00:00'}+08:00`);
  }
  if (!DATE_TIME.test(value)) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return null;
  const year = at.getUTCFullYear();
  return year >= 2000 && year <= 2100 ? at : null;
}

const single = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function positiveInt(raw: string | undefined, max: number, name: string): number | Open311Error | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    return { code: 400, description: `${name} 应为 1 到 ${max} 之间的整数` };
  }
  return Number(raw);
}

/** requests.json's parameters, checked: a filter, or the GeoReport error to answer (400, 404). */
export function open311Query(
  params: Record<string, unknown>,
  now: Date,
  town: Pick<Town, 'category'>,
): { query: Open311Query } | { error: Open311Error } {
  const get = (k: string) => single(params[k]);
  const jurisdiction = get('jurisdiction_id');
  if (jurisdiction !== undefined && jurisdiction !== '' && jurisdiction !== OPEN311_JURISDICTION) {
    return { error: { code: 404, description: `没有这个辖区：${OPEN311_JURISDICTION} 是本接口唯一的辖区` } };
  }
  const page = positiveInt(get('page'), OPEN311_MAX_PAGE, 'page');
  if (typeof page === 'object') return { error: page };
  const pageSize = positiveInt(get('page_size'), OPEN311_MAX_PAGE_SIZE, 'page_size');
  if (typeof pageSize === 'object') return { error: pageSize };

  let statuses = [...PUBLIC_STATUSES];
  const status = get('status');
  if (status !== undefined && status !== '') {
    const wanted = list(status.toLowerCase());
    if (wanted.length === 0 || wanted.some((s) => s !== 'open' && s !== 'closed')) {
      return { error: { code: 400, description: 'status 只能是 open 或 closed（可用逗号同时给出）' } };
    }
    statuses = PUBLIC_STATUSES.filter((s) => wanted.includes(open311Status(s)));
  }

  let serviceCodes: string[] | undefined;
  const code = get('service_code');
  if (code !== undefined && code !== '') {
    serviceCodes = [...new Set(list(code))];
    const unknown = serviceCodes.find((c) => !town.category(c));
    if (serviceCodes.length === 0 || unknown !== undefined) {
      return { error: { code: 400, description: `没有这个类别：${(unknown ?? '').slice(0, 40)}（见 services.json）` } };
    }
  }

  const startRaw = get('start_date');
  const endRaw = get('end_date');
  const startAt = startRaw ? parseInstant(startRaw, false) : undefined;
  const endAt = endRaw ? parseInstant(endRaw, true) : undefined;
  if (startAt === null)
    return { error: { code: 400, description: 'start_date 应为带时区的 ISO 8601 时间或 YYYY-MM-DD 日期' } };
  if (endAt === null)
    return { error: { code: 400, description: 'end_date 应为带时区的 ISO 8601 时间或 YYYY-MM-DD 日期' } };
  const span = OPEN311_MAX_SPAN_DAYS * DAY_MS;
  const end = endAt ?? (startAt ? new Date(startAt.getTime() + span) : now);
  const start = startAt ?? new Date(end.getTime() - span);
  if (start.getTime() > end.getTime()) return { error: { code: 400, description: 'start_date 不能晚于 end_date' } };
  if (end.getTime() - start.getTime() > span) {
    return { error: { code: 400, description: `时间范围不能超过 ${OPEN311_MAX_SPAN_DAYS} 天，请分段读取` } };
  }

  let ids: string[] | undefined;
  const idParam = get('service_request_id');
  if (idParam !== undefined && idParam !== '') {
    ids = [...new Set(list(idParam))];
    if (ids.length === 0 || ids.length > OPEN311_MAX_IDS || ids.some((id) => !CASE_NO.test(id))) {
      return {
        error: { code: 400, description: `service_request_id 应为 1 到 ${OPEN311_MAX_IDS} 个案件编号，用逗号分隔` },
      };
    }
  }

  // Stored times are whole seconds (+08:00): a start with a fraction begins at the next whole second.
  const startSecond = Math.ceil(start.getTime() / 1000) * 1000;
  return {
    query: {
      ...(ids ? { ids } : {}),
      start: isoTown(new Date(startSecond)),
      end: isoTown(end),
      statuses,
      ...(serviceCodes ? { serviceCodes } : {}),
      page: page ?? 1,
      pageSize: pageSize ?? OPEN311_MAX_PAGE_SIZE,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// HTTP, engine-neutral

export interface Open311HttpRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
}
export interface Open311HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const OPEN311_HEADERS: Record<string, string> = {
  'content-type': 'application/json; charset=utf-8',
  'x-content-type-options': 'nosniff',
  // Public open data, read by other systems' pages too; no cookie or identity is ever read.
  'access-control-allow-origin': '*',
  'cache-control': 'public, max-age=300',
};

export function open311Json(status: number, body: unknown): Open311HttpResponse {
  return {
    status,
    headers: status === 200 ? OPEN311_HEADERS : { ...OPEN311_HEADERS, 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}
export const open311Fail = (status: number, description: string): Open311HttpResponse =>
  open311Json(status, [{ code: status, description } satisfies Open311Error]);

/**
 * CloudBase HTTP access (云函数 HTTP 访问服务) hands a function the 集成请求 `{ path, httpMethod, headers,
 * queryStringParameters, body, isBase64Encoded, requestContext }`; a call that is not one (callFunction from a
 * mini-program, a test console) has no `httpMethod` and is answered 400.
 */
export function fromIntegrationRequest(event: unknown): Open311HttpRequest | null {
  if (!event || typeof event !== 'object') return null;
  const e = event as { path?: unknown; httpMethod?: unknown; queryStringParameters?: unknown };
  if (typeof e.httpMethod !== 'string' || typeof e.path !== 'string') return null;
  const query =
    e.queryStringParameters && typeof e.queryStringParameters === 'object'
      ? (e.queryStringParameters as Record<string, unknown>)
      : {};
  return { method: e.httpMethod.toUpperCase(), path: e.path, query };
}

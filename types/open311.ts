// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the town's public report data for other systems.
// JSON only (the spec names XML as required; this export answers `.xml` with an error saying so).

/** The jurisdiction this endpoint answers for (`jurisdiction_id=`); any other id is NOT_FOUND. */
export const OPEN311_JURISDICTION = 'miaohang';
/** GeoReport v2's own default and cap: at most 1000 requests per answer, a window of at most 90 days. */
export const OPEN311_MAX_PAGE_SIZE = 1000;
export const OPEN311_MAX_SPAN_DAYS = 90;
/** How far `page=` goes: 100 pages of 1000 (a larger backfill narrows the dates instead). */
export const OPEN311_MAX_PAGE = 100;
/** `service_request_id=a,b,c`: at most this many case numbers in one query. */
export const OPEN311_MAX_IDS = 50;
/** The description is cut to this many characters (after the personal data is removed). */
export const OPEN311_DESCRIPTION_MAX = 200;

/** GET services.json: one row per category. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  /** No extra attributes to fill (this export is read-only). */
  metadata: false;
  type: 'realtime';
  /** Comma-separated. */
  keywords: string;
  group: string;
}

/**
 * GET requests.json / requests/<id>.json: one row per case. Never: the reporter (name, phone, openid,
 * pseudonymous key), photos (`media_url`), coordinates (`lat`/`long`), the house address, staff names, the
 * outside system's number. `address` is the 居民区/村 only, at most as precise as the case's public card.
 */
export interface Open311Request {
  /** The case number (MX-2026-000001). */
  service_request_id: string;
  status: 'open' | 'closed';
  /** The status in a resident's words (已受理, 整改中, 已办结…). */
  status_notes: string;
  service_name: string;
  service_code: string;
  /** The reporter's text, cut and cleaned of phone numbers, ID numbers, house numbers and self-introductions. */
  description: string;
  /** The responsible department (a department, never a person). */
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  /** The current step's deadline while the case is open. */
  expected_datetime?: string;
  address: string;
}

/** GeoReport v2 errors: an array of { code, description }. */
export interface Open311Error {
  code: number;
  description: string;
}

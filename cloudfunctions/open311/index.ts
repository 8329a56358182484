import { open311Main } from '../platform/wx';

/**
 * Open311 GeoReport v2 export (core/open311.ts), reached through CloudBase HTTP access at `/open311`
 * (`tcb service create -p /open311 -f open311`): GET /open311/v2/services.json, requests.json,
 * requests/<case number>.json. Not an action table: no dispatch, no caller identity, no rows in access.ts.
 */
export const main = open311Main();

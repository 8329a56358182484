import type { Database } from './db';
import type { Clock } from './time';
import type { Town } from './town';

/** What the platform hands the domain core: no wx-server-sdk, no HTTP, no globals. */
export interface CoreDeps {
  db: Database;
  now: Clock;
  town: Town;
  /** Server-side secret that turns an openid into a pseudonymous reporter key. */
  reporterKeySecret: string;
  log?: (message: string, detail?: unknown) => void;
}

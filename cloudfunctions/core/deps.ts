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
  /** Checks user text before it is stored (msgSecCheck on weapp, a word list locally). True = acceptable. */
  contentCheck?: (text: string, openid: string) => Promise<boolean>;
  /** Pushes a status change to the reporter outside the app (subscribe message on weapp). Best effort. */
  notifier?: { statusChanged(event: StatusChangedEvent): Promise<void> };
}

export interface StatusChangedEvent {
  tipoffId: string;
  no: string;
  status: string;
  title: string;
  body: string;
  at: string;
}

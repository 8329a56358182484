import type { Database } from './db';
import type { FileAccess } from './files';
import type { ContentVerdict, MediaChecker } from './media';
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
  /**
   * Checks user text before it is stored (msgSecCheck on weapp, a word list locally). `unchecked` when the
   * check could not run: the text is kept and marked for staff, never silently accepted.
   */
  contentCheck?: (text: string, openid: string) => Promise<ContentVerdict>;
  /** Which file ids a caller may name, and short-lived URLs to show them (DESIGN.md §9). */
  files: FileAccess;
  /** Asynchronous photo check; its result arrives through the media-check push. */
  media?: MediaChecker;
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

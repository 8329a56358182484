import type { Envelope } from '../../types';
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
  /**
   * Pushes a status change to the reporter outside the app (subscribe message on weapp). Best effort: it says
   * whether the message went, and the core records one that did not on the case (notify.ts) for staff to see.
   */
  notifier?: { statusChanged(event: StatusChangedEvent): Promise<NotifyOutcome> };
  /**
   * Sees every call dispatch answered, after the answer is made (the local engine's identity walk records them
   * when IDENTITY_WALK_DIR is set: local-engine/identity-walk-recorder.ts). Unset on CloudBase.
   */
  onDispatch?: (call: DispatchedCall) => void;
}

/** One answered call: the function, the raw event (action and input), who called, and the envelope returned. */
export interface DispatchedCall {
  fn: string | undefined;
  event: unknown;
  openid: string | undefined;
  result: Envelope<unknown>;
}

/**
 * What became of one push: `sent`; `skipped` when nothing was to be sent (no template configured, no reporter
 * to address); `failed` with why — `no-consent` (43101: the reporter has no subscription left) or `failed` (any
 * other error), and WeChat's errCode when there is one.
 */
export type NotifyOutcome =
  | { result: 'sent' }
  | { result: 'skipped' }
  | { result: 'failed'; reason: 'no-consent' | 'failed'; errCode?: number };

export interface StatusChangedEvent {
  tipoffId: string;
  no: string;
  status: string;
  title: string;
  body: string;
  at: string;
}

import path from 'node:path';
import type { CoreDeps } from '../cloudfunctions/core/deps';
import { COLLECTION_NAMES } from '../cloudfunctions/core/collections';
import { GEO_INDEXES, INDEXES } from '../cloudfunctions/core/indexes';
import { systemClock, type Clock } from '../cloudfunctions/core/time';
import { defaultTown } from '../cloudfunctions/core/town';
import { createWordListCheck } from './content-check';
import { createDatabase, type QueryReport } from './database';
import { handleMediaCheckEvent } from '../cloudfunctions/core/media';
import { identityWalkRecorder } from './identity-walk-recorder';
import { createLocalMediaCheck, type LocalMediaCheck } from './media-check';
import { loadOrCreateSecret } from './secrets';
import { LocalStorage } from './storage';

export type LocalDatabase = ReturnType<typeof createDatabase>;

export interface LocalRuntime {
  deps: CoreDeps;
  db: LocalDatabase;
  storage: LocalStorage;
  /** The local photo check: `settled()` waits for its pushes (tests). */
  mediaCheck: LocalMediaCheck;
  /** Local mode only: moves this engine's clock (to show deadlines and escalation without waiting). */
  clock: { offsetMs: number; advance(ms: number): void; reset(): void };
  close(): void;
}

/** Opens the local engine in a data folder: the database file, the file store and the secrets. */
export function openLocalRuntime(
  dataDir: string,
  options: { now?: Clock; quiet?: boolean; onQuery?: (q: QueryReport) => void } = {},
): LocalRuntime {
  const db = createDatabase({
    file: path.join(dataDir, 'cloud.db'),
    indexes: INDEXES,
    geoIndexes: GEO_INDEXES,
    // Only the deployed collections exist, as on CloudBase: a misspelt or undeclared one fails here too.
    collections: COLLECTION_NAMES,
    onQuery: options.onQuery,
  });
  const base = options.now ?? systemClock;
  const clock = {
    offsetMs: 0,
    advance(ms: number) {
      clock.offsetMs += ms;
    },
    reset() {
      clock.offsetMs = 0;
    },
  };
  const now = () => new Date(base().getTime() + clock.offsetMs);
  const secret = loadOrCreateSecret(dataDir);
  const log = options.quiet
    ? undefined
    : (message: string, detail?: unknown) => console.error(`[cloud] ${message}`, detail);
  const storage = new LocalStorage(dataDir, db, secret, now);
  const wordList = createWordListCheck();
  const deps: CoreDeps = {
    db,
    now,
    // The word list always runs: locally a text is never unchecked.
    contentCheck: async (text) => ((await wordList(text)) ? 'pass' : 'reject'),
    files: storage.access(),
    town: defaultTown(),
    reporterKeySecret: secret,
    log,
  };
  const mediaCheck = createLocalMediaCheck(storage, (event) => handleMediaCheckEvent(deps, event), { log });
  deps.media = mediaCheck.checker;
  // IDENTITY_WALK_DIR set: every answered call is recorded for scripts/identity-walk.ts (issue 8).
  const record = identityWalkRecorder(dataDir);
  if (record) deps.onDispatch = record;
  return { deps, db, storage, mediaCheck, clock, close: () => db.close() };
}

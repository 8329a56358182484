import path from 'node:path';
import type { CoreDeps } from '../cloudfunctions/core/deps';
import { INDEXES } from '../cloudfunctions/core/indexes';
import { systemClock, type Clock } from '../cloudfunctions/core/time';
import { defaultTown } from '../cloudfunctions/core/town';
import { createDatabase } from './database';
import { loadOrCreateSecret } from './secrets';
import { LocalStorage } from './storage';

export type LocalDatabase = ReturnType<typeof createDatabase>;

export interface LocalRuntime {
  deps: CoreDeps;
  db: LocalDatabase;
  storage: LocalStorage;
  close(): void;
}

/** Opens the local engine in a data folder: the database file, the file store and the secrets. */
export function openLocalRuntime(dataDir: string, options: { now?: Clock; quiet?: boolean } = {}): LocalRuntime {
  const db = createDatabase({ file: path.join(dataDir, 'cloud.db'), indexes: INDEXES });
  const storage = new LocalStorage(dataDir);
  const deps: CoreDeps = {
    db,
    now: options.now ?? systemClock,
    town: defaultTown(),
    reporterKeySecret: loadOrCreateSecret(dataDir),
    log: options.quiet ? undefined : (message, detail) => console.error(`[cloud] ${message}`, detail),
  };
  return { deps, db, storage, close: () => db.close() };
}

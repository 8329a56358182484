import path from 'node:path';

export interface LocalSettings {
  port: number;
  dataDir: string;
  /** The h5 build served at `/`. */
  staticDir: string;
  /** DEV_ORIGIN: a browser origin allowed to call across ports (the h5 watch build); unset = same origin only. */
  corsOrigin?: string;
}

/** PORT and DATA_DIR as DESIGN.md §3 fixes them (defaults 10086 and .data/). */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const port = env.PORT ? Number(env.PORT) : 10086;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const root = path.resolve(__dirname, '..');
  return {
    port,
    dataDir: path.resolve(env.DATA_DIR || path.join(root, '.data')),
    staticDir: path.resolve(env.STATIC_DIR || path.join(root, 'dist-h5')),
    ...(env.DEV_ORIGIN ? { corsOrigin: env.DEV_ORIGIN } : {}),
  };
}

// cloudbaserc.json (CloudBase CLI) and each cloudfunctions/<name>/config.json (WeChat DevTools) declare the
// same functions, timeouts and timer, so either deploy path gives the same result.
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS, TIMERS } from '../cloudfunctions/core/functions';

const root = path.resolve(__dirname, '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

interface Trigger {
  name: string;
  type: string;
  config: string;
}
interface FunctionConfig {
  name: string;
  handler?: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  installDependency: boolean;
  envVariables: Record<string, string>;
  triggers?: Trigger[];
}

const rc = readJson('cloudbaserc.json') as {
  version: string;
  envId: string;
  functionRoot: string;
  functions: FunctionConfig[];
};

/** What scripts/build-functions.mjs bundles: every folder of cloudfunctions/ with an index.ts. */
const deployable = fs
  .readdirSync(path.join(root, 'cloudfunctions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'cloudfunctions', d.name, 'index.ts')))
  .map((d) => d.name)
  .sort();

/** The variables productionDeps() in cloudfunctions/platform/wx.ts reads. */
const ENV_NAMES = ['REPORTER_KEY_SECRET', 'SUBSCRIBE_TMPL_STATUS'];
const REQUEST_TIMEOUT = 20;
const TIMER_TIMEOUT = 60;

/** `Nodejs18.15` → [18, 15]; the bundles need node:crypto hkdfSync (Node ≥ 15), CloudBase offers 16.13 and up. */
function nodeVersion(runtime: string): [number, number] | null {
  const m = /^Nodejs(\d+)\.(\d+)$/.exec(runtime);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

describe('cloudbaserc.json', () => {
  it('is a 2.0 config whose environment id comes from the environment, not the repo', () => {
    expect(rc.version).toBe('2.0');
    expect(rc.envId).toBe('{{env.ENV_ID}}');
    expect(rc.functionRoot).toBe('build/cloudfunctions');
  });

  it('declares exactly the deployable functions, every one of FUNCTIONS among them', () => {
    const names = rc.functions.map((f) => f.name).sort();
    expect(names).toEqual(deployable);
    for (const name of Object.keys(FUNCTIONS)) expect(names).toContain(name);
  });

  it.each(rc.functions.map((f) => [f.name, f] as const))('%s: runtime, timeout, memory, dependencies', (name, fn) => {
    const version = nodeVersion(fn.runtime);
    expect(version).not.toBeNull();
    const [major, minor] = version!;
    expect(major > 16 || (major === 16 && minor >= 13)).toBe(true);
    expect(fn.timeout).toBe(name in TIMERS ? TIMER_TIMEOUT : REQUEST_TIMEOUT);
    expect([128, 256, 512, 1024, 2048]).toContain(fn.memorySize);
    expect(fn.installDependency).toBe(true);
    expect(fn.handler ?? 'index.main').toBe('index.main');
  });

  it.each(rc.functions.map((f) => [f.name, f] as const))(
    '%s: environment variables are named, their values come from .env, never the repo',
    (_name, fn) => {
      expect(Object.keys(fn.envVariables).sort()).toEqual([...ENV_NAMES].sort());
      for (const [key, value] of Object.entries(fn.envVariables)) expect(value).toBe(`{{env.${key}}}`);
    },
  );

  it('gives each timer its trigger (hourly, 7-field cron) and no other function a trigger', () => {
    for (const fn of rc.functions) {
      if (!(fn.name in TIMERS)) {
        expect(fn.triggers ?? []).toEqual([]);
        continue;
      }
      expect(fn.triggers).toHaveLength(1); // CloudBase allows one timer per function
      const [trigger] = fn.triggers!;
      expect(trigger.type).toBe('timer');
      expect(trigger.name).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/);
      expect(trigger.config.split(' ')).toHaveLength(7);
      expect(trigger.config).toBe('0 0 * * * * *');
    }
  });

  it.each(deployable)('%s: config.json (read by DevTools) agrees with cloudbaserc.json', (name) => {
    const file = path.join('cloudfunctions', name, 'config.json');
    expect(fs.existsSync(path.join(root, file))).toBe(true);
    const config = readJson(file) as { timeout?: number; triggers?: Trigger[]; permissions?: { openapi?: string[] } };
    const fn = rc.functions.find((f) => f.name === name)!;
    expect(config.timeout).toBe(fn.timeout);
    expect(config.triggers ?? []).toEqual(fn.triggers ?? []);
    expect(Array.isArray(config.permissions?.openapi)).toBe(true);
  });
});

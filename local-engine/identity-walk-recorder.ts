// The identity walk's recorder (issue 8): with IDENTITY_WALK_DIR set, every call the local engine's dispatch
// answers — the jest suites' env.call, the seed, the fuzz harness, the gateway the browser suites talk to — is
// appended as one JSON line to a file of this process in that folder. scripts/identity-walk.ts then reads them
// all and looks for a reporter's openid, name or phone in any answer to somebody else. Off (undefined) otherwise.
import fs from 'node:fs';
import path from 'node:path';
import type { DispatchedCall } from '../cloudfunctions/core/deps';

/** One line of a walk file. */
export interface WalkCall {
  /** The engine's data folder: calls in one store only ever see that store's data. */
  store: string;
  /** The jest test file that made the call, when there is one. */
  test?: string;
  fn: string | undefined;
  action: unknown;
  caller: string | undefined;
  /** Only for a call that succeeded (a refused one stored nothing; the fuzz harness's inputs are large). */
  input: Record<string, unknown>;
  ok: boolean;
  data?: unknown;
  error?: unknown;
}

export const WALK_FILE_PREFIX = 'calls-';

/** Which jest test file is running, if any (jest's global `expect`). */
function currentTest(): string | undefined {
  const expectGlobal = (globalThis as { expect?: { getState?: () => { testPath?: string } } }).expect;
  try {
    return expectGlobal?.getState?.().testPath ?? undefined;
  } catch {
    return undefined;
  }
}

/** The recorder for the engine in `dataDir`, or undefined when IDENTITY_WALK_DIR is not set. */
export function identityWalkRecorder(
  dataDir: string,
  env: Record<string, string | undefined> = process.env,
): ((call: DispatchedCall) => void) | undefined {
  const dir = env.IDENTITY_WALK_DIR;
  if (!dir) return undefined;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${WALK_FILE_PREFIX}${process.pid}.jsonl`);
  return ({ fn, event, openid, result }) => {
    const { action, ...input } =
      event && typeof event === 'object' && !Array.isArray(event) ? (event as Record<string, unknown>) : {};
    const line: WalkCall = {
      store: dataDir,
      test: currentTest(),
      fn,
      action,
      caller: openid,
      input: result.ok ? input : {},
      ok: result.ok,
      ...(result.ok ? { data: result.data } : { error: result.error }),
    };
    let text: string;
    try {
      text = JSON.stringify(line);
    } catch {
      // A cycle or a BigInt in a fuzzed input: keep the answer, which is what the walk scans.
      text = JSON.stringify({ ...line, input: { unserializable: true } });
    }
    // Synchronous and unbuffered: nothing is lost when the gateway is stopped with SIGTERM.
    fs.appendFileSync(file, `${text}\n`);
  };
}

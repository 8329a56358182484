/**
 * Durability: data survives close/reopen, and a process SIGKILLed at a random moment while
 * writing loses nothing it acknowledged, never half-applies a transaction, and leaves a sound
 * SQLite file (PRAGMA integrity_check).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { createDatabase } from './index';

jest.setTimeout(60_000);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ldb-durability-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps data across close and reopen', async () => {
  const file = path.join(dir, 'reopen', 'data.db');
  const db = createDatabase({ file, indexes: { notes: [['n']] } });
  await db.collection('notes').add({ data: { _id: 'one', n: 1, at: new Date(5), loc: db.Geo.Point(1, 2) } });
  await db.runTransaction(async (tx) => {
    await tx
      .collection('notes')
      .doc('two')
      .set({ data: { n: 2 } });
  });
  db.close();
  const again = createDatabase({ file, indexes: { notes: [['n']] } });
  const { data } = await again.collection('notes').where({}).orderBy('n', 'asc').get();
  expect(data.map((d) => d._id)).toEqual(['one', 'two']);
  expect(data[0].at).toEqual(new Date(5));
  expect(again.integrityCheck()).toBe('ok');
  again.close();
});

function buildChild(): string {
  const outfile = path.join(dir, 'child.js');
  buildSync({
    entryPoints: [path.join(__dirname, 'durability.child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** Runs the writer until `ackTarget` acks (plus a random few ms), SIGKILLs it, returns the acks. */
function runAndKill(script: string, file: string, ackTarget: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, file], {
      env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: string[] = [];
    let buffer = '';
    let stderr = '';
    let killing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      acks.push(...lines.filter(Boolean));
      if (!killing && acks.length >= ackTarget) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited early (code ${code}): ${stderr}`));
      else resolve(acks); // a partial last line was never acknowledged
    });
  });
}

it('loses no acknowledged write when the process is SIGKILLed mid-write', async () => {
  const script = buildChild();
  const file = path.join(dir, 'kill', 'data.db');
  const acked: string[] = [];
  for (let round = 0; round < 4; round++) {
    acked.push(...(await runAndKill(script, file, 40 + Math.floor(Math.random() * 120))));

    const db = createDatabase({ file, indexes: { acks: [['seq']] } });
    expect(db.integrityCheck()).toBe('ok');
    const _ = db.command;
    for (let i = 0; i < acked.length; i += 200) {
      const batch = acked.slice(i, i + 200);
      expect(
        (
          await db
            .collection('acks')
            .where({ _id: _.in(batch) })
            .count()
        ).total,
      ).toBe(batch.length);
    }
    // transactions are all-or-nothing: no document whose pair is missing
    const { list } = await db
      .collection('acks')
      .aggregate()
      .match({ pair: _.exists(true) })
      .lookup({ from: 'acks', localField: 'pair', foreignField: '_id', as: 'partner' })
      .match({ partner: _.size(0) })
      .limit(10)
      .end();
    expect(list).toEqual([]);
    db.close();
  }
  expect(acked.length).toBeGreaterThan(100);
});

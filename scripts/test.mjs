// `npm test`: every suite, in order: static checks, jest (core, handlers, local engine, components),
// the h5 build, the browser test in real Chromium, then the size budgets. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'mx-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];
// The identity walk (issue 8): every answer the jest and browser suites get is recorded here (the jest workers
// and the browser suite's gateway inherit the env) and scanned for a reporter's identity after them.
const walk = fs.mkdtempSync(path.join(os.tmpdir(), 'mx-walk-'));

function run(label, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n[test] ${label}`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return res.status === 0;
}

function jest(label, args, env) {
  const out = path.join(reports, `${label}.json`);
  const ok = run(label, bin('jest'), [...args, '--json', `--outputFile=${out}`], env);
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    if (!ok && r.numFailedTests === 0) totals.failed += 1; // a suite that failed to run counts as a failure
  } else if (!ok) totals.failed += 1;
  return ok;
}

let ok = true;
let chromium;
try {
  chromium = ensureChromium();
} catch (e) {
  console.error(`[test] ${e.message}`);
  process.exit(1);
}

ok = run('typecheck', bin('tsc'), ['-p', '.']) && ok;
ok = run('lint', bin('eslint'), ['.']) && ok;
ok = run('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']) && ok;
ok = jest('unit+components', [], { IDENTITY_WALK_DIR: walk }) && ok;
if (!process.env.SKIP_H5_BUILD || !fs.existsSync(path.join(root, 'dist-h5', 'index.html'))) {
  ok = run('build h5', bin('taro'), ['build', '--type', 'h5']) && ok;
}
ok = jest('browser', ['-c', 'tests/e2e/jest.config.js'], { CHROME_PATH: chromium, IDENTITY_WALK_DIR: walk }) && ok;
const walked = run('identity walk', bin('tsx'), ['scripts/identity-walk.ts', walk]);
if (walked) fs.rmSync(walk, { recursive: true, force: true }); // hundreds of MB; kept when it failed
ok = walked && ok;
// The size budgets (main package ≤ 600 KB, each function ≤ 200 KB) are checked on every run.
ok = run('build weapp', bin('taro'), ['build', '--type', 'weapp']) && ok;
// Old iOS cannot start an app whose dist/ holds anything newer than ES5 (es6/enhance stay off).
ok = run('weapp ES5', process.execPath, ['scripts/check-es5.mjs']) && ok;
// The aria attributes in dist/ can only be checked after the weapp build.
ok = jest('weapp dist', ['-c', 'tests/weapp/jest.config.js']) && ok;
ok = run('build functions', process.execPath, ['scripts/build-functions.mjs']) && ok;
ok = run('size budgets', process.execPath, ['scripts/size.mjs']) && ok;

console.log(`\n[test] ${timings.join(' · ')}`);
console.log(`[test] screenshots: test-results/`);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(ok && totals.failed === 0 ? 0 : 1);

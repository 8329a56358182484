// scripts/check-es5.mjs (run by `npm test` after the weapp build) fails on any non-ES5 syntax in dist/ and
// names file:line; and the weapp build config sends node_modules through babel, which is what keeps zod's
// ES2020 out of vendors.js.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const check = (dir: string) =>
  spawnSync(process.execPath, [path.join(root, 'scripts', 'check-es5.mjs'), dir], { encoding: 'utf8' });

describe('check-es5', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es5-'));
    fs.mkdirSync(path.join(dir, 'pages'));
    fs.writeFileSync(path.join(dir, 'app.js'), 'var a = function (x) { return x; };\nmodule.exports = a;\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes a dist/ that is all ES5', () => {
    const r = check(dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 个 .js 文件均为 ES5');
  });

  it.each([
    ['const', 'const a = 1;'],
    ['arrow function', 'var f = (x) => x;'],
    ['optional chaining', 'var b = a?.b;'],
    ['nullish coalescing', 'var b = a ?? 1;'],
    ['class', 'class A {}'],
    ['template literal', 'var s = `x`;'],
  ])('fails on %s and names file:line', (_what, code) => {
    fs.writeFileSync(path.join(dir, 'pages', 'vendors.js'), `var ok = 1;\n${code}\n`);
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/pages\/vendors\.js:2:\d+ 非 ES5 语法/);
    expect(r.stderr).toContain('1/2 个文件不是 ES5');
  });

  it('fails when there is no build to check', () => {
    const r = check(path.join(dir, 'missing'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('缺少构建产物');
  });
});

describe('weapp build config', () => {
  it('transpiles node_modules for the mini-program (vendors.js would keep ES2020 otherwise)', () => {
    const src = fs.readFileSync(path.join(root, 'config', 'index.ts'), 'utf8');
    const mini = src.slice(src.indexOf('mini: {'), src.indexOf('h5: {'));
    expect(mini).toMatch(/compile: \{ include: \[[^\]]*nodeModules[^\]]*\] \}/);
    expect(src).toMatch(/const nodeModules = \(file: string\) => \/\[\\\\\/\]node_modules\[\\\\\/\]\/\.test\(file\)/);
  });
});

// Prints the weapp main-package size (files outside subpackage roots), the total, and each function bundle;
// exits non-zero when one is over budget. Needs `npm run build` first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUDGETS = {
  mainPackageKB: 600,
  subPackageKB: 2048,
  totalKB: 20480,
  functionKB: 200,
  /**
   * Packages a function leaves external and CloudBase installs (build-functions.mjs INSTALLED_DEPENDENCIES):
   * their whole installed tree, uncompressed, within CloudBase's 50 MB code package (which counts zipped:
   * this is the stricter count). Each is its own row, next to the function's bundle and its 200 KB.
   */
  installedKB: 50 * 1024,
  /**
   * Data files a function reads from disk on demand (build-functions.mjs DATA_DIRS: the training bank and lessons),
   * never parsed at a cold start; within the code package like the rest.
   */
  dataKB: 1024,
};

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/** A package's directory as Node resolves it from `from`, or null. */
function resolvePackage(name, from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const p = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(p, 'package.json'))) return p;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Bytes on disk of a package and everything it depends on (production dependencies), each copy once. */
export function installedTree(name) {
  const seen = new Map();
  const visit = (pkg, from) => {
    const dir = resolvePackage(pkg, from);
    if (!dir || seen.has(dir)) return;
    seen.set(
      dir,
      walk(dir).reduce((n, f) => n + fs.statSync(f).size, 0),
    );
    const deps = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies ?? {};
    for (const d of Object.keys(deps)) visit(d, dir);
  };
  visit(name, root);
  return { packages: seen.size, bytes: [...seen.values()].reduce((a, b) => a + b, 0) };
}

export function measureSizes() {
  const weapp = path.join(root, 'dist');
  const appJson = path.join(weapp, 'app.json');
  const fnDir = path.join(root, 'build', 'cloudfunctions');
  if (!fs.existsSync(appJson) || !fs.existsSync(fnDir)) {
    throw new Error('缺少构建产物：先运行 npm run build（dist/ 与 build/cloudfunctions/）');
  }
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8'));
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  // project.config.json is DevTools metadata, not uploaded as package code.
  const files = walk(weapp).filter((f) => path.basename(f) !== 'project.config.json' && !f.endsWith('.LICENSE.txt'));
  const sub = Object.fromEntries(subRoots.map((r) => [r, 0]));
  let main = 0;
  let total = 0;
  for (const f of files) {
    const size = fs.statSync(f).size;
    total += size;
    const rel = path.relative(weapp, f).split(path.sep).join('/');
    const owner = subRoots.find((r) => rel === r || rel.startsWith(r + '/'));
    if (owner) sub[owner] += size;
    else main += size;
  }
  const functions = fs
    .readdirSync(fnDir)
    .filter((n) => fs.existsSync(path.join(fnDir, n, 'index.js')))
    .map((n) => {
      const pkg = path.join(fnDir, n, 'package.json');
      const deps = fs.existsSync(pkg) ? Object.keys(JSON.parse(fs.readFileSync(pkg, 'utf8')).dependencies ?? {}) : [];
      const installed = deps.filter((d) => d !== 'wx-server-sdk').map((d) => ({ name: d, ...installedTree(d) }));
      const data = fs
        .readdirSync(path.join(fnDir, n), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => ({
          name: e.name,
          bytes: walk(path.join(fnDir, n, e.name)).reduce((t, f) => t + fs.statSync(f).size, 0),
        }));
      return { name: n, bytes: fs.statSync(path.join(fnDir, n, 'index.js')).size, installed, data };
    });
  return { main, total, sub, functions };
}

export function sizeRows(s) {
  const kb = (b) => b / 1024;
  const rows = [{ what: 'weapp 主包 main package', kb: kb(s.main), budget: BUDGETS.mainPackageKB }];
  for (const [r, b] of Object.entries(s.sub))
    rows.push({ what: `weapp 分包 ${r}/`, kb: kb(b), budget: BUDGETS.subPackageKB });
  rows.push({ what: 'weapp 总计 total', kb: kb(s.total), budget: BUDGETS.totalKB });
  for (const f of s.functions) {
    rows.push({ what: `云函数 ${f.name}/index.js`, kb: kb(f.bytes), budget: BUDGETS.functionKB });
    for (const d of f.installed ?? [])
      rows.push({
        what: `云函数 ${f.name} 依赖 ${d.name}（${d.packages} 包）`,
        kb: kb(d.bytes),
        budget: BUDGETS.installedKB,
      });
    for (const d of f.data ?? [])
      rows.push({ what: `云函数 ${f.name} 数据 ${d.name}/（按需读取）`, kb: kb(d.bytes), budget: BUDGETS.dataKB });
  }
  return rows;
}

export function printRows(rows) {
  let over = 0;
  for (const r of rows) {
    const ok = r.kb <= r.budget;
    if (!ok) over++;
    console.log(
      `${r.what.padEnd(30)} ${r.kb.toFixed(1).padStart(9)} KB   budget ≤ ${String(r.budget).padStart(5)} KB   ${ok ? 'ok' : 'OVER'}`,
    );
  }
  return over;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const over = printRows(sizeRows(measureSizes()));
    if (over) {
      console.error(`${over} 项超出预算`);
      process.exit(1);
    }
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
}

// Bundles each cloud function into a deployable folder: build/cloudfunctions/<name>/{index.js,package.json,config.json}.
// wx-server-sdk stays external (CloudBase installs it from the folder's package.json).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'cloudfunctions');
const outDir = path.join(root, 'build', 'cloudfunctions');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const sdkVersion = pkg.devDependencies['wx-server-sdk'];

/**
 * Packages a function leaves out of its bundle and CloudBase installs from the folder's package.json
 * (cloudbaserc.json `installDependency`): exceljs (~1 MB) would burst the 200 KB bundle budget, and only the
 * `trainingio` function needs it. Versions are the repo's pinned ones.
 */
export const INSTALLED_DEPENDENCIES = {
  trainingio: ['exceljs'],
  drillio: ['exceljs'],
  // The monthly workbook (core/reports/monthly-xlsx.ts), loaded lazily: 安委办's admin.monthly and the 23rd's run.
  admin: ['exceljs'],
  scheduler: ['exceljs'],
};
export const dependenciesOf = (name) =>
  Object.fromEntries(
    (INSTALLED_DEPENDENCIES[name] ?? []).map((d) => {
      const version = pkg.dependencies?.[d] ?? pkg.devDependencies?.[d];
      if (!version) throw new Error(`${d} is not pinned in package.json (needed by cloudfunctions/${name})`);
      return [d, version];
    }),
  );

/**
 * Data a function reads from disk at run time instead of bundling it (cloudfunctions/core/training-bank.ts): the
 * training bank and lessons (~300 KB of JSON) are needed only to seed an empty bank or to show a lesson, so
 * bundling them would make every cold start of `training` (and of `scheduler`, which imports it) parse them.
 */
export const DATA_DIRS = {
  training: { from: 'config/training', to: 'training-data', only: ['questions', 'lessons'] },
  // The self-inspection checklists (~55 KB of Chinese text): read once per instance by enterprise-inspections,
  // not bundled (they would take the enterprise bundle past 200 KB). core/checklists.ts finds them here.
  enterprise: { from: 'config/town', to: 'town-data', only: ['checklists.json'] },
};

/**
 * Core modules a function loads only on a rare path (`await import('./<name>')`), bundled as their own file in
 * `lazy/` beside index.js instead of into it: the monthly workbook's figures, lists and sheet layout
 * (core/reports/monthly-report.ts) are needed only when 安委办 or the 23rd's run writes a workbook, so
 * every other cold start of `admin` and `scheduler` skips them (and index.js stays under its 200 KB). size.mjs
 * lists `lazy/` as its own row, like DATA_DIRS.
 */
export const LAZY_MODULES = {
  admin: ['core/reports/monthly-report'],
  scheduler: ['core/reports/monthly-report'],
};
const lazyFile = (mod) => `./lazy/${path.basename(mod)}.js`;
/** Leaves `import('./<lazy module>')` out of the bundle, as a require of the file in lazy/. */
const lazyPlugin = (mods) => ({
  name: 'lazy-modules',
  setup(b) {
    for (const mod of mods) {
      const filter = new RegExp(`[\\/]${path.basename(mod)}$`);
      b.onResolve({ filter }, (args) =>
        args.kind === 'entry-point' ? undefined : { path: lazyFile(mod), external: true },
      );
    }
  },
});

/** Bytes of a function's run-time data (0 when it has none). */
export function dataBytes(dir) {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = path.join(dir, e.name);
    return sum + (e.isDirectory() ? dataBytes(p) : fs.statSync(p).size);
  }, 0);
}

/** A function is a folder of cloudfunctions/ with an index.ts (core/ and platform/ are shared code). */
export function functionNames() {
  return fs
    .readdirSync(srcDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(srcDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export async function buildFunctions({ minify = true } = {}) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const results = [];
  for (const name of functionNames()) {
    const started = performance.now();
    const dir = path.join(outDir, name);
    fs.mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [path.join(srcDir, name, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      minify,
      external: ['wx-server-sdk', ...(INSTALLED_DEPENDENCIES[name] ?? [])],
      plugins: [lazyPlugin(LAZY_MODULES[name] ?? [])],
      legalComments: 'none',
      // Chinese text as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6): the messages, the town data
      // and the checklists are mostly Chinese, and Node reads UTF-8 sources as they are.
      charset: 'utf8',
      logLevel: 'warning',
    });
    // config.json carries the function's timeout, cloud-call permissions and timer (DevTools reads it on upload):
    // a function without one would deploy with the platform's 3 s default, so the build refuses it.
    const config = path.join(srcDir, name, 'config.json');
    if (!fs.existsSync(config)) throw new Error(`cloudfunctions/${name}/config.json is missing (timeout, permissions)`);
    fs.copyFileSync(config, path.join(dir, 'config.json'));
    for (const mod of LAZY_MODULES[name] ?? []) {
      await build({
        entryPoints: [path.join(srcDir, `${mod}.ts`)],
        outfile: path.join(dir, lazyFile(mod)),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        minify,
        external: ['wx-server-sdk', ...(INSTALLED_DEPENDENCIES[name] ?? [])],
        legalComments: 'none',
        charset: 'utf8',
        logLevel: 'warning',
      });
    }
    const data = DATA_DIRS[name];
    if (data) {
      for (const sub of data.only) {
        fs.mkdirSync(path.join(dir, data.to), { recursive: true });
        fs.cpSync(path.join(root, data.from, sub), path.join(dir, data.to, sub), {
          recursive: true,
          filter: (f) => fs.statSync(f).isDirectory() || f.endsWith('.json'),
        });
      }
    }
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify(
        {
          name,
          version: '1.0.0',
          private: true,
          main: 'index.js',
          dependencies: { 'wx-server-sdk': sdkVersion, ...dependenciesOf(name) },
        },
        null,
        2,
      ) + '\n',
    );
    results.push({ name, bytes: fs.statSync(path.join(dir, 'index.js')).size, ms: performance.now() - started });
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await buildFunctions();
  for (const r of results)
    console.log(`${r.name.padEnd(10)} ${(r.bytes / 1024).toFixed(1).padStart(7)} KB  ${r.ms.toFixed(0)} ms`);
  console.log(`→ ${path.relative(root, outDir)}/`);
}

// `node scripts/check-es5.mjs [dir]`: parses every .js file of the weapp build (dist/ by default) as ES5 with
// acorn and fails listing file:line of each file's first non-ES5 syntax. The app must start on old iOS (below
// 13.4) while project.config.json keeps `setting.es6`/`enhance` off, so nothing newer than ES5 may ship.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as acorn from 'acorn';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/** The first non-ES5 syntax of one source, or null when it parses as ES5. */
export function firstNonEs5(source) {
  try {
    acorn.parse(source, { ecmaVersion: 5, sourceType: 'script', allowReserved: true, locations: true });
    return null;
  } catch (e) {
    const loc = e.loc ?? { line: 0, column: 0 };
    const line = source.split('\n')[loc.line - 1] ?? '';
    const snippet = line.slice(Math.max(0, loc.column - 30), loc.column + 30).trim();
    return { line: loc.line, column: loc.column + 1, message: e.message.replace(/ \(\d+:\d+\)$/, ''), snippet };
  }
}

/** Every .js file under dir that is not ES5, with where its first newer syntax is. */
export function checkDir(dir) {
  if (!fs.existsSync(dir)) throw new Error(`缺少构建产物：${dir}（先运行 npx taro build --type weapp）`);
  const files = walk(dir).filter((f) => f.endsWith('.js'));
  const bad = [];
  for (const f of files) {
    const hit = firstNonEs5(fs.readFileSync(f, 'utf8'));
    if (hit) bad.push({ file: path.relative(root, f).split(path.sep).join('/'), ...hit });
  }
  return { files: files.length, bad };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(root, process.argv[2] ?? 'dist');
  try {
    const { files, bad } = checkDir(dir);
    if (files === 0) throw new Error(`${dir} 中没有 .js 文件`);
    for (const b of bad) console.error(`${b.file}:${b.line}:${b.column} 非 ES5 语法（${b.message}）：${b.snippet}`);
    if (bad.length) {
      console.error(`[es5] ${bad.length}/${files} 个文件不是 ES5：旧版 iOS（< 13.4）上小程序无法启动`);
      process.exit(1);
    }
    console.log(`[es5] ${files} 个 .js 文件均为 ES5`);
  } catch (e) {
    console.error(`[es5] ${e.message}`);
    process.exit(1);
  }
}

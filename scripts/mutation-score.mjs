// Prints the mutation score per mutated file and in total from Stryker's JSON report (npm run mutation writes it),
// and exits non-zero when a file is below the bar (85 % of its logic mutants killed).
// Usage: node scripts/mutation-score.mjs [report.json] [--min 85]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const minAt = args.indexOf('--min');
const min = minAt >= 0 ? Number(args[minAt + 1]) : 85;
const file =
  args.find((a, i) => !a.startsWith('--') && (minAt < 0 || i !== minAt + 1)) ?? 'reports/mutation/mutation.json';

// Killed and timed-out mutants are detected; survived and uncovered ones are not. Mutants that do not compile
// (the type checker refused them) or were disabled in the source (message wording) do not count either way.
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Per file: detected, undetected, ignored and the score (null when no mutant counts). */
export function scores(report) {
  const rows = Object.entries(report.files).map(([name, { mutants }]) => {
    const count = (set) => mutants.filter((m) => set.has(m.status)).length;
    const detected = count(DETECTED);
    const undetected = count(UNDETECTED);
    const valid = detected + undetected;
    return {
      file: path.relative(root, path.resolve(root, name)),
      detected,
      undetected,
      other: mutants.length - valid,
      score: valid ? (100 * detected) / valid : null,
    };
  });
  rows.sort((a, b) => a.file.localeCompare(b.file));
  const detected = rows.reduce((n, r) => n + r.detected, 0);
  const undetected = rows.reduce((n, r) => n + r.undetected, 0);
  const total = detected + undetected ? (100 * detected) / (detected + undetected) : null;
  return { rows, detected, undetected, total };
}

function main() {
  const full = path.resolve(root, file);
  if (!fs.existsSync(full)) {
    console.error(`没有找到 ${path.relative(root, full)}：先运行 npm run mutation`);
    process.exit(2);
  }
  const { rows, detected, undetected, total } = scores(JSON.parse(fs.readFileSync(full, 'utf8')));
  const pct = (s) => (s === null ? '   n/a' : `${s.toFixed(1).padStart(5)} %`);
  const width = Math.max(...rows.map((r) => r.file.length), 5);
  console.log(`${'file'.padEnd(width)}  score    killed  survived  not counted`);
  for (const r of rows) {
    console.log(
      `${r.file.padEnd(width)}  ${pct(r.score)}  ${String(r.detected).padStart(6)}  ${String(r.undetected).padStart(8)}  ${String(r.other).padStart(11)}`,
    );
  }
  console.log(
    `${'total'.padEnd(width)}  ${pct(total)}  ${String(detected).padStart(6)}  ${String(undetected).padStart(8)}`,
  );
  const low = rows.filter((r) => r.score !== null && r.score < min);
  if (low.length) {
    console.log(`低于 ${min} %：${low.map((r) => r.file).join('、')}`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();

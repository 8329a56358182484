// Mutation testing of the domain core's rules: `npm run mutation` (takes ~30 minutes on 2 cores; not part of
// `npm test`). `node scripts/mutation-score.mjs` prints the score per file from the JSON report.
// Iterate on one file: `npx stryker run --mutate cloudfunctions/core/lifecycle.ts --incremental`.
// Message wording is excluded in the source with `// Stryker disable next-line StringLiteral: wording`,
// never by turning a mutator off: every logic mutant counts.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { configFile: 'jest.core.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  // No type checker: on two shared cores it took as much time as the tests. Mutants that would not compile
  // run anyway and count like any other (a stricter score, never a kinder one).
  mutate: [
    'cloudfunctions/core/lifecycle.ts',
    'cloudfunctions/core/sweep.ts',
    'cloudfunctions/core/routing.ts',
    'cloudfunctions/core/calendar.ts',
    'cloudfunctions/core/holidays.ts',
    'cloudfunctions/core/roles.ts',
    'cloudfunctions/core/invites.ts',
    'cloudfunctions/core/industries.ts',
    'cloudfunctions/core/internal-reports.ts',
    // Issue 8: the reward rules (policy table, eligibility, amount checks). privacy.ts is not here: apart from
    // three small helpers it is database work (retention job, deletion), tested through the engine.
    'cloudfunctions/core/rewards.ts',
    // Issue 9: the training core (paper drawing and shuffling, scoring, deadlines, statistics).
    'cloudfunctions/core/training/paper.ts',
    'cloudfunctions/core/training/scoring.ts',
    'cloudfunctions/core/training/deadline.ts',
    'cloudfunctions/core/training/stats.ts',
    'types/credit-code.ts',
    // Issue 10: the drill check-in token, the geofence and window rules, the duty due dates.
    'cloudfunctions/core/drills/token.ts',
    'cloudfunctions/core/drills/checkin-rules.ts',
    'cloudfunctions/core/duties.ts',
    // The haversine under the geofence (and the 附议 search's distance).
    'cloudfunctions/core/geo.ts',
    // Issue 11: the dashboard's pure rules (stats.ts itself is pipelines, tested through the engine), the monthly
    // report's cycle, the town config change checks, and the 曝光台's mapping (exposure.ts from the case ids to
    // exposureCandidate; publishOverdue below it is database work, tested through the sweep).
    'cloudfunctions/core/stats-rules.ts',
    'types/monthly.ts',
    'cloudfunctions/core/town-validate.ts',
    'cloudfunctions/core/exposure.ts:57-219',
  ],
  // Two cores are shared with other work on this machine.
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  incrementalFile: 'reports/stryker-incremental.json',
  // Only the core, its config and the engine its suites run on are copied to the sandbox. Top-level folders only
  // (leading /): a bare 'reports' also dropped cloudfunctions/core/reports (the monthly workbook's sources, which
  // indexes.ts imports), and every suite failed in the initial run.
  ignorePatterns: [
    '/src',
    '/tests',
    '/dist',
    '/dist-*',
    '/build',
    '/test-results',
    '/.data',
    '/coverage',
    '/reports',
    '/.swc',
  ],
  disableTypeChecks: '{cloudfunctions/core,types}/**/*.ts',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

// The suites of the domain core's rule modules, in node: what Stryker runs for each mutant (stryker.config.mjs).
// Each rule is tested directly here; the action suites (queue-act, actions) go through the whole engine and
// would make every mutant cost seconds, and the fuzz suites thousands of inputs: they stay in `npm test` only.
const RULE_SUITES = [
  'cloudfunctions/core/lifecycle',
  'cloudfunctions/core/sweep',
  'cloudfunctions/core/routing',
  'cloudfunctions/core/calendar',
  'cloudfunctions/core/holidays',
  // Issue 7: roles, invite codes, the credit-code check, industries, the internal reports' pure rules.
  'cloudfunctions/core/roles',
  'cloudfunctions/core/invites',
  'cloudfunctions/core/invites-rules',
  'cloudfunctions/core/industries',
  'cloudfunctions/core/internal-reports',
  // Issue 8: the reward rules.
  'cloudfunctions/core/rewards',
  'types/credit-code',
  // Issue 9: the training core (paper, scoring, deadline, statistics) — one suite.
  'cloudfunctions/core/training/training-core',
  // Issue 10: the check-in token, geofence and window, the duty dates.
  'cloudfunctions/core/drills/token',
  'cloudfunctions/core/drills/checkin-rules',
  'cloudfunctions/core/duties',
  // Issue 11: the dashboard's periods, percentiles, rates and slots; the monthly report's 23rd cycle; the checks of
  // a town config change; the 曝光台's mapping of a case to what is published.
  'cloudfunctions/core/stats-rules',
  'types/monthly',
  'cloudfunctions/core/town-validate',
  'cloudfunctions/core/exposure',
];

module.exports = {
  displayName: 'core-rules',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: RULE_SUITES.map((name) => `<rootDir>/${name}.test.ts`),
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
};

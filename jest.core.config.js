// The suites of the domain core's rule modules, in node: what Stryker runs for each mutant (stryker.config.mjs).
// Each rule is tested directly here; the action suites (queue-act, actions) go through the whole engine and
// would make every mutant cost seconds, and the fuzz suites thousands of inputs: they stay in `npm test` only.
const RULE_SUITES = ['lifecycle', 'sweep', 'routing', 'calendar', 'holidays'];

module.exports = {
  displayName: 'core-rules',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: RULE_SUITES.map((name) => `<rootDir>/cloudfunctions/core/${name}.test.ts`),
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
};

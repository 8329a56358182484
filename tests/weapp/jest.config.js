// Checks of the weapp build output (dist/): npm test runs them right after `taro build --type weapp`.
module.exports = {
  rootDir: '../..',
  displayName: 'weapp dist',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/weapp'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
};

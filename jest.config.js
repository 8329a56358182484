// Two jest projects: the core, handlers and local engine in node; components in jsdom.
// The browser test has its own config (tests/e2e/jest.config.js): it needs the h5 build.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }];

module.exports = {
  // One test may wait on several async UI updates; on a loaded 2-core machine 5 s is too tight.
  testTimeout: 20000,
  // Every core: jest's default (cores − 1) is one worker on a 2-core machine, so the suites (the fuzz shards most
  // of all) ran one after another.
  maxWorkers: '100%',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: [
        '<rootDir>/cloudfunctions',
        '<rootDir>/local-engine',
        '<rootDir>/types',
        '<rootDir>/scripts',
        '<rootDir>/config',
      ],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
    },
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/src'],
      setupFilesAfterEnv: ['<rootDir>/src/test-support/setup.ts'],
      testMatch: ['**/*.test.tsx', '**/*.test.ts'],
      transform: {
        '^.+\\.tsx?$': [tsJest[0], { ...tsJest[1], tsconfig: { jsx: 'react-jsx', esModuleInterop: true } }],
      },
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/src/test-support/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/src/test-support/taro.ts',
        '\\.(css|scss)$': '<rootDir>/src/test-support/style-stub.ts',
      },
    },
  ],
};

import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-h5',
      'dist-h5-*',
      'build',
      '.data',
      'coverage',
      'test-results',
      '.stryker-tmp',
      'reports',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain core must stay free of platform calls (DESIGN.md §2).
    files: ['cloudfunctions/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['wx-server-sdk', '@tarojs/*', '**/local-engine/**', 'better-sqlite3'] },
      ],
    },
  },
);

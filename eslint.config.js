import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'data/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'off',
    },
  },
  {
    // core is pure: no DOM, no Node, no I/O, and it imports nothing of the other parts.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', '../app/*', '../platform/*', '../server/*', '../../kiosk-shell/*', 'preact', 'idb'] },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'fetch', 'process'],
    },
  },
  {
    // The browser never reaches into the server or the shell: they talk over the wire.
    files: ['src/app/**', 'src/platform/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/server/**', '**/kiosk-shell/**', 'node:*'] }],
    },
  },
  {
    // UI components read signals and call platform actions; they never do I/O themselves.
    files: ['src/app/**/*.tsx'],
    rules: {
      'no-restricted-globals': ['error', 'fetch', 'indexedDB', 'localStorage', 'sessionStorage', 'WebSocket'],
    },
  },
);

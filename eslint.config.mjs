// The project's lint: typescript-eslint's recommended rules, and the one architectural rule that
// matters most: src/core/ is the pure domain (Node, a browser worker and the CLI all run it), so it
// imports neither the editor API nor Node's modules nor anything outside src/core.
// Formatting is Prettier's (.prettierrc.json, print width 120), checked by `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      '.test-host/',
      'test/fixtures/',
      'scripts/test-host/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'warn',
      // Matching control characters is the point of several patterns (hostile input is cleaned).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core is the pure domain: adapt it to the editor in a feature folder.' },
            ...builtinModules.map((name) => ({
              name,
              message: 'src/core runs in a browser worker too: no Node modules.',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'src/core runs in a browser worker too: no Node modules.' },
            { group: ['../../*', '../../**'], message: 'src/core imports nothing from outside src/core.' },
          ],
        },
      ],
    },
  },
  {
    // The extension writes to its log (src/log/log.ts: the "Paper Shelf" output channel), never to the console.
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The command-line tool, the tests, the benchmark and the scripts talk to the terminal.
    files: ['src/cli/**', 'test/**', 'bench/**', 'scripts/**', 'esbuild.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    // The webview pages' own scripts run in the browser.
    files: ['media/**/*.js', 'src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

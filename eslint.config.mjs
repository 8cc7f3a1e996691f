// Lint with zero warnings, and machine-check the layers (DESIGN.md):
//   shared/   imports neither Node nor the DOM nor electron/renderer code;
//   renderer/ imports only renderer/ and shared/ (and browser packages), never Node or electron;
//   electron/ imports shared/ and Node; only electron/main.ts and electron/preload.ts import 'electron'.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'https', 'net', 'stream', 'zlib', 'url', 'util', 'events', 'buffer'];
const noElectron = { name: 'electron', message: "Only electron/main.ts and electron/preload.ts may import 'electron'." };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.tmp/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure: no Node modules.' },
            { group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'antd'], message: 'shared/ imports neither side.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'better-sqlite3', message: 'The renderer never touches the database.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer is a browser page: no Node modules.' },
            { group: ['**/electron/**'], message: 'The renderer talks to the main process only through the contract (renderer/api/client.ts).' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ ...noElectron, allowTypeImports: true }], patterns: [{ group: ['**/renderer/**'], message: 'electron/ does not import the renderer.' }] },
      ],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'scripts/**/*.{js,mjs}', 'tests/**/*.ts', '*.config.{ts,mts,mjs}'],
    languageOptions: { globals: globals.node },
  },
);

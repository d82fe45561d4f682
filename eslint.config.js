import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronImport = {
  paths: [{ name: 'electron', message: 'Only electron/main/{index,app}.ts, windows/, platform/ and the preload import electron.' }],
};
// The router is the only user of ipcMain (wired in app.ts); the preload the only user of ipcRenderer.
const ipcImport = (allowed) => ({
  paths: [
    {
      name: 'electron',
      importNames: ['ipcMain', 'ipcRenderer'].filter((name) => name !== allowed),
      message: 'ipcMain is used only by the router wiring in electron/main/app.ts, ipcRenderer only by the preload.',
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='ipcMain']:not([property.name='handle'])", message: 'Only the router uses ipcMain.' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['electron/main/index.ts', 'electron/main/windows/**', 'electron/main/platform/**'],
    rules: { 'no-restricted-imports': ['error', ipcImport(null)] },
  },
  { files: ['electron/main/app.ts'], rules: { 'no-restricted-imports': ['error', ipcImport('ipcMain')] } },
  { files: ['electron/preload/**'], rules: { 'no-restricted-imports': ['error', ipcImport('ipcRenderer')] } },
  // Runtime boundaries: electron stays in the glue, node stays out of the renderer.
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/index.ts', 'electron/main/app.ts', 'electron/main/windows/**', 'electron/main/platform/**'],
    rules: { 'no-restricted-imports': ['error', electronImport] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: no Electron.' }],
          patterns: [
            { group: ['node:*', 'better-sqlite3', '**/electron/main/**'], message: 'The renderer is sandboxed: it only talks to window.softphone.' },
          ],
        },
      ],
    },
  },
);

import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { walls } from './eslint.walls.js';

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
  // The walls between the rooms of the house (electron only in the glue, no Node in the renderer, ...).
  ...walls,
);

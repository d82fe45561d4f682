/**
 * The walls of the house, enforced by eslint-plugin-boundaries (https://www.jsboundaries.dev).
 * Every source file belongs to one room; a room may import only the rooms listed for it, and
 * the modules below stay where they belong. test/main/walls.test.ts plants an import across each
 * wall and expects lint to refuse it.
 */
import { fileURLToPath } from 'node:url';
import boundaries from 'eslint-plugin-boundaries';

/** The rooms, first match wins (so contract.ts is its own room inside shared/). */
const rooms = {
  app: ['electron/main/index.ts', 'electron/main/app.ts'],
  // The one composition root (the Electron app's and the harness's): builds everything from ports.
  root: ['electron/main/root/**'],
  ports: ['electron/main/ports.ts'],
  ipc: ['electron/main/ipc/**'],
  policy: ['electron/main/policy/**'],
  calls: ['electron/main/calls/**'],
  history: ['electron/main/history/**'],
  services: ['electron/main/services/**'],
  evo: ['electron/main/evo/**'],
  db: ['electron/main/db/**'],
  desktop: ['electron/main/desktop/**'],
  logging: ['electron/main/logging/**'],
  simulator: ['electron/main/simulator/**'],
  adapters: ['electron/main/windows/**', 'electron/main/platform/**'],
  bridge: ['electron/harness/bridge.ts'],
  harness: ['electron/harness/**'],
  preload: ['electron/preload/**'],
  contract: ['electron/shared/contract.ts'],
  shared: ['electron/shared/**'],
  renderer: ['renderer/**'],
  config: ['electron.vite.config.ts'],
  tests: ['test/**'],
};

/** Whom each room may import besides itself. Anything not listed is refused. */
const doors = {
  // The Electron shell: its adapters into the root; the simulator only through import() (below).
  app: ['root', 'ports', 'ipc', 'policy', 'services', 'evo', 'db', 'desktop', 'logging', 'adapters', 'contract', 'shared'],
  root: ['ports', 'ipc', 'calls', 'history', 'services', 'evo', 'db', 'desktop', 'logging', 'contract', 'shared'],
  ports: ['contract', 'shared'],
  ipc: ['ports', 'calls', 'history', 'services', 'logging', 'contract', 'shared'],
  policy: ['shared'],
  // The agent's calls: the board, its store and sync loop, the actions. Nothing of history.
  calls: ['ports', 'services', 'evo', 'db', 'logging', 'contract', 'shared'],
  // Past sessions read the cache and record what they fetch through the board's store.
  history: ['ports', 'calls', 'services', 'evo', 'db', 'logging', 'contract', 'shared'],
  // Sign-in, credentials, settings: below the calls, which build on the signed-in session.
  services: ['ports', 'evo', 'db', 'logging', 'contract', 'shared'],
  evo: ['ports', 'logging', 'contract', 'shared'],
  db: ['ports', 'evo', 'logging', 'contract', 'shared'],
  desktop: ['ports', 'calls', 'logging', 'contract', 'shared'],
  logging: ['contract', 'shared'],
  simulator: [],
  adapters: ['ports', 'policy', 'logging', 'contract', 'shared'],
  // The harness is a test rig running the core: never the Electron adapters or the app.
  harness: ['root', 'ports', 'ipc', 'policy', 'services', 'logging', 'simulator', 'contract', 'shared'],
  // Browser-side: pure shared modules, the contract as types only (below).
  bridge: ['shared'],
  preload: ['shared'],
  renderer: ['shared'],
  shared: [],
  contract: ['shared'],
  config: ['policy'],
};

const room = (categories) => ({ file: { categories } });
const pkg = (source) => ({ module: { origin: 'external', source } });

const policies = [
  // Packages and Node's own modules are fine unless a rule below says otherwise.
  { allow: { to: { module: { origin: ['external', 'core'] } } } },
  ...Object.entries(doors).map(([from, to]) => ({ from: room(from), allow: { to: room([from, ...to]) } })),
  {
    from: room('app'),
    allow: { to: room('simulator'), dependency: { nodeKind: 'dynamic-import' } },
  },
  {
    // zod's schemas stay in main: the sandboxed side (and shared/, which it imports) takes the
    // contract's types only.
    from: room(['renderer', 'preload', 'bridge', 'shared']),
    allow: { to: room('contract'), dependency: { kind: 'type' } },
  },
  {
    disallow: { to: pkg(['electron', 'electron-log', 'electron-updater']) },
    message: 'Only electron/main/{index,app}.ts, windows/, platform/ and the preload import Electron (electron/main, electron/common too).',
  },
  { from: room(['app', 'adapters', 'preload']), allow: { to: pkg('electron') } },
  { from: room(['adapters']), allow: { to: pkg(['electron-log', 'electron-updater']) } },
  {
    disallow: { to: pkg('better-sqlite3') },
    message: 'SQLite stays behind the repositories in electron/main/db/.',
  },
  { from: room('db'), allow: { to: pkg('better-sqlite3') } },
  {
    from: room(['renderer', 'preload', 'bridge', 'shared', 'contract']),
    disallow: { to: { module: { origin: 'core' } } },
    message: 'Sandboxed code (and electron/shared, which it imports) has no Node built-ins.',
  },
];

export const walls = [
  {
    files: ['electron/**/*.{ts,mjs}', 'renderer/**/*.{ts,svelte}', 'electron.vite.config.ts'],
    ignores: ['electron/tools/**'],
    plugins: { boundaries },
    settings: {
      // Rooms are file categories (full paths, first match wins): some rooms are single files.
      'boundaries/files': Object.entries(rooms).map(([category, pattern]) => ({ category, pattern })),
      'boundaries/files-single-match': true,
      // Not only `import`: re-exports and import() cross walls too.
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import', 'require'],
      // Node's resolution, plus the `@shared/...` alias (electron/shared).
      'import/resolver': {
        [fileURLToPath(new URL('./electron/tools/eslint-shared-alias.cjs', import.meta.url))]: {
          extensions: ['.ts', '.js', '.mjs', '.svelte'],
        },
      },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', checkAllOrigins: true, policies }],
      // A new file must be given a room here before it can import anything.
      'boundaries/no-unknown-files': 'error',
    },
  },
];

#!/usr/bin/env node
/**
 * better-sqlite3 is a native module built for one ABI at a time: Node's for the tests, Electron's
 * for the app. `npm test` and `npm start` call this first with their target; it rebuilds only
 * when the module on disk does not load in that runtime. Usage: ensure-native.mjs node|electron
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const target = process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('usage: ensure-native.mjs node|electron');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const probe = "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()";

/** The Electron binary, or null with what to do printed (ensure-electron.mjs runs first and fetches it). */
function electronBinary() {
  try {
    const path = require('electron');
    if (typeof path === 'string') return path;
  } catch (error) {
    console.error(
      `Electron's binary is not installed (${error instanceof Error ? error.message : error}).\n` +
        'Run `node electron/tools/ensure-electron.mjs start`: it downloads it, or says what to do.\n' +
        'To see the app without Electron: `npm run web` serves the same app to your browser.',
    );
  }
  return null;
}

function loads() {
  if (target === 'node') {
    return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0;
  }
  const electron = electronBinary();
  if (!electron) process.exit(1);
  const result = spawnSync(electron, ['-e', probe], { stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  return result.status === 0;
}

if (loads()) process.exit(0);
console.log(`better-sqlite3 is not built for ${target}; rebuilding it (this takes a minute)...`);
if (target === 'node') {
  execFileSync(npm, ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell: process.platform === 'win32' });
} else {
  execFileSync(npm, ['exec', '--', 'electron-builder', 'install-app-deps'], { stdio: 'inherit', shell: process.platform === 'win32' });
}
if (!loads()) {
  console.error(`better-sqlite3 still does not load in ${target}. See "Troubleshooting" in README.md.`);
  process.exit(1);
}

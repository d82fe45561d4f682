#!/usr/bin/env node
/**
 * Electron's binary (about 100 MB) is downloaded by electron's own install script, from a host a
 * call centre's proxy or an offline mirror may not reach. npm fails the whole install when that
 * script fails, unless the package is optional: so electron comes in through
 * electron/tools/optional-electron, a dev dependency that lists it as optional. Then a failed
 * download no longer fails `npm install`, but npm drops the package, and the types, electron-vite
 * and electron-builder need it; this puts it back without its install script.
 *
 *   ensure-electron.mjs installed   npm's postinstall: the package back if dropped, one line if the
 *                                   binary is missing; never fails the install.
 *   ensure-electron.mjs start       before `npm start`, `dev` and `dist`: downloads the binary when
 *                                   it is missing, or says exactly what to do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const mode = process.argv[2];
if (mode !== 'installed' && mode !== 'start') {
  console.error('usage: ensure-electron.mjs installed|start');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** node_modules/electron's folder, or null when npm dropped it. */
function electronPackage() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** Whether the binary electron's package points at is on disk (its index.js throws when it is not). */
function hasBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary);
  } catch {
    return false;
  }
}

/** Puts node_modules/electron back from the lockfile, without running its install script. */
function restorePackage() {
  const result = spawnSync(npm, ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  return result.status === 0 && electronPackage() !== null;
}

const skipped = () => Boolean(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD);

if (mode === 'installed') {
  try {
    const dropped = electronPackage() === null;
    if (dropped && !restorePackage()) {
      console.log(
        "Electron's binary could not be downloaded, and putting its package back failed: run `npm install --ignore-scripts`, then `npm start` to fetch the binary.",
      );
    } else if (dropped || !hasBinary()) {
      const why = skipped() ? ' (ELECTRON_SKIP_BINARY_DOWNLOAD is set)' : dropped ? ' (its download failed)' : '';
      console.log(
        `Electron's binary is not installed${why}; everything else is: tests, \`npm run web\` and the build work, and \`npm start\` fetches it.`,
      );
    }
  } catch (error) {
    console.log(`Could not check Electron after install (${error instanceof Error ? error.message : error}); \`npm start\` checks again.`);
  }
  process.exit(0);
}

if (!electronPackage() && !restorePackage()) {
  console.error('node_modules/electron is missing and could not be installed: run `npm install`, then `npm start` again.');
  process.exit(1);
}
if (hasBinary()) process.exit(0);
if (skipped()) {
  console.error(
    "Electron's binary is not downloaded: ELECTRON_SKIP_BINARY_DOWNLOAD is set in this shell. Unset it and run `npm start` again.",
  );
  process.exit(1);
}

const { version } = JSON.parse(readFileSync(join(electronPackage(), 'package.json'), 'utf8'));
console.log(`Downloading Electron ${version}'s binary (about 100 MB, once)...`);
const download = spawnSync(process.execPath, [join(electronPackage(), 'install.js')], { cwd: root, stdio: 'inherit' });
if (download.status === 0 && hasBinary()) process.exit(0);

const cache =
  process.env.electron_config_cache ??
  (process.platform === 'darwin'
    ? join(homedir(), 'Library', 'Caches', 'electron')
    : process.platform === 'win32'
      ? join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache')
      : join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron'));
console.error(
  [
    '',
    `Electron ${version}'s binary could not be downloaded (the error is above). Do one of these, then run \`npm start\` again:`,
    '  - behind a proxy: set HTTPS_PROXY=http://your-proxy:port and ELECTRON_GET_USE_PROXY=1',
    "  - with a mirror of Electron's releases: set ELECTRON_MIRROR=https://your-mirror/electron/ (it holds v" +
      `${version}/electron-v${version}-<platform>-<arch>.zip)`,
    `  - copy the folder ${cache} from a machine where \`npm start\` downloaded it`,
    'Meanwhile `npm run web` serves the same app to your browser, and `npm test` needs no Electron.',
  ].join('\n'),
);
process.exit(1);

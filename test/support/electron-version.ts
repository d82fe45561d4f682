import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The Electron version npm installed (node_modules/electron), so no test pins a copy of it. */
export const installedElectronVersion = (
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8')) as { version: string }
).version;

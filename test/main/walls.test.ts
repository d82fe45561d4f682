/**
 * The walls of the house (eslint.walls.js) hold: an import planted across any of them fails
 * `npm run lint`. Each case lints a planted file through ESLint's Node API with the project's
 * own config; the controls beside them show that the same file passes without the crossing.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Only the rules that draw walls: a planted import is also unused, which is beside the point.
const WALL_RULES = /^(boundaries\/|no-restricted-imports$)/;
const eslint = new ESLint({ ruleFilter: ({ ruleId }) => WALL_RULES.test(ruleId) });

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return result!.messages.map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`);
}

/** Planted in each room that must stay free of Electron and of the test rig. */
const logicRooms = {
  calls: 'electron/main/calls/planted.ts',
  history: 'electron/main/history/planted.ts',
  services: 'electron/main/services/planted.ts',
  evo: 'electron/main/evo/planted.ts',
  db: 'electron/main/db/planted.ts',
  desktop: 'electron/main/desktop/planted.ts',
  logging: 'electron/main/logging/planted.ts',
};

/** What they must never import, written from electron/main/<room>/. */
const forbiddenInLogic = {
  electron: "import { app } from 'electron';",
  'electron/main': "import { app } from 'electron/main';",
  'electron/common': "import { clipboard } from 'electron/common';",
  'the simulator': "import { startSimulator } from '../simulator/server';",
  "the simulator's types": "import type { Simulator } from '../simulator/server';",
  'the harness': "import { startHarness } from '../../harness/server';",
  'the router': "import { createRouter } from '../ipc/router';",
  'the Electron adapters': "import { SafeStorageSecrets } from '../platform/safe-storage-secrets';",
  'the tests': "import { MemoryLogger } from '../../../test/support/logger';",
};

const crossings: [wall: string, file: string, code: string][] = [
  ...Object.entries(logicRooms).flatMap(([room, file]) =>
    Object.entries(forbiddenInLogic).map(([target, code]): [string, string, string] => [`${room} -> ${target}`, file, code]),
  ),
  ['services -> the simulator, re-exported', logicRooms.services, "export { DEMO_EMAIL } from '../simulator/model';"],
  ['services -> the simulator, by import()', logicRooms.services, "await import('../simulator/server');"],
  [
    'calls -> history (history builds on the calls, never back)',
    logicRooms.calls,
    "import { SessionHistory } from '../history/session-history';",
  ],
  [
    'calls -> desktop (the desktop is a view of the board)',
    logicRooms.calls,
    "import { DesktopController } from '../desktop/desktop-controller';",
  ],
  ['services -> calls (sign-in sits below the calls)', logicRooms.services, "import type { CallBoard } from '../calls/call-board';"],
  ['history -> desktop', logicRooms.history, "import { DesktopController } from '../desktop/desktop-controller';"],
  ['desktop -> history', logicRooms.desktop, "import { SessionHistory } from '../history/session-history';"],
  ['db -> calls (the cache knows no board)', logicRooms.db, "import { CallBoard } from '../calls/call-board';"],
  ['root -> electron', 'electron/main/root/core.ts', "import { app } from 'electron';"],
  ['root -> the Electron adapters', 'electron/main/root/planted.ts', "import { ElectronTray } from '../platform/desktop-adapters';"],
  ['root -> the simulator (the shells start it)', 'electron/main/root/planted.ts', "import { startSimulator } from '../simulator/server';"],
  ['calls -> the root', logicRooms.calls, "import { createCore } from '../root/core';"],
  ['ports -> desktop (the port owns its types)', 'electron/main/ports.ts', "import type { TrayModel } from './desktop/tray-model';"],
  ['policy -> electron', 'electron/main/policy/planted.ts', "import { session } from 'electron';"],
  ['policy -> the Electron adapters', 'electron/main/policy/planted.ts', "import { createMainWindow } from '../windows/main-window';"],
  ['simulator -> the app', 'electron/main/simulator/planted.ts', "import { createCore } from '../root/core';"],
  ['app -> the simulator, statically', 'electron/main/app.ts', "import { startSimulator } from './simulator/server';"],
  ['harness -> windows/', 'electron/harness/planted.ts', "import { createMainWindow } from '../main/windows/main-window';"],
  ['harness -> platform/', 'electron/harness/planted.ts', "import { SafeStorageSecrets } from '../main/platform/safe-storage-secrets';"],
  ['harness -> electron', 'electron/harness/planted.ts', "import { app } from 'electron';"],
  ['harness -> the Electron app', 'electron/harness/planted.ts', "import { createApp } from '../main/app';"],
  ['renderer -> node:fs', 'renderer/src/lib/planted.ts', "import { readFileSync } from 'node:fs';"],
  ['renderer -> better-sqlite3', 'renderer/src/lib/planted.ts', "import Database from 'better-sqlite3';"],
  ['renderer -> electron', 'renderer/src/lib/planted.ts', "import { ipcRenderer } from 'electron';"],
  ['renderer -> main', 'renderer/src/lib/planted.ts', "import { EvoClient } from '../../../electron/main/evo/client';"],
  [
    "renderer -> the contract's zod schemas",
    'renderer/src/lib/planted.ts',
    "import { invokeContract } from '../../../electron/shared/contract';",
  ],
  [
    "renderer -> the contract's zod schemas, through the @shared alias",
    'renderer/src/lib/planted.ts',
    "import { invokeContract } from '@shared/contract';",
  ],
  [
    'renderer component -> main',
    'renderer/src/lib/components/Planted.svelte',
    '<script lang="ts">import { redact } from \'../../../../electron/main/logging/redact\';</script>',
  ],
  ["preload -> the contract's zod schemas", 'electron/preload/planted.ts', "import { invokeContract } from '../shared/contract';"],
  ['preload -> main', 'electron/preload/planted.ts', "import { createCore } from '../main/root/core';"],
  ['shared -> node:path', 'electron/shared/planted.ts', "import { join } from 'node:path';"],
  ['shared -> main', 'electron/shared/planted.ts', "import type { Logger } from '../main/logging/logger';"],
  ['ipcMain outside the router wiring', 'electron/main/windows/planted.ts', "import { ipcMain } from 'electron';"],
  ['a file in no room', 'electron/main/new-room/planted.ts', 'export const x = 1;'],
];

/** The same rooms, importing what they may: these must lint clean. */
const controls: [what: string, file: string, code: string][] = [
  [
    'services -> evo, db, ports, logging, shared',
    logicRooms.services,
    [
      "import { EvoClient } from '../evo/client';",
      "import { SessionCache } from '../db/session-cache';",
      "import type { Clock } from '../ports';",
      "import { redact } from '../logging/redact';",
      "import { AppError } from '../../shared/result';",
    ].join('\n'),
  ],
  [
    'calls -> services, evo, db, ports',
    logicRooms.calls,
    [
      "import type { AuthService } from '../services/auth-service';",
      "import type { EvoClient } from '../evo/client';",
      "import type { SessionCache } from '../db/session-cache';",
      "import type { Clock } from '../ports';",
    ].join('\n'),
  ],
  [
    'history -> calls, services, db',
    logicRooms.history,
    [
      "import type { BoardStore } from '../calls/board-store';",
      "import type { AuthService } from '../services/auth-service';",
      "import type { NoteStore } from '../db/note-store';",
    ].join('\n'),
  ],
  ['desktop -> calls', logicRooms.desktop, "import type { CallActions } from '../calls/call-actions';"],
  ['app -> the simulator by import()', 'electron/main/app.ts', "await import('./simulator/server');"],
  [
    'windows/ -> electron and the policy',
    'electron/main/windows/planted.ts',
    ["import { BrowserWindow } from 'electron';", "import { APP_ORIGIN } from '../policy/app-assets';"].join('\n'),
  ],
  [
    'root -> calls, history, desktop, ipc',
    'electron/main/root/planted.ts',
    [
      "import { SyncLoop } from '../calls/sync-loop';",
      "import { SessionHistory } from '../history/session-history';",
      "import { DesktopController } from '../desktop/desktop-controller';",
      "import { createRouter } from '../ipc/router';",
    ].join('\n'),
  ],
  [
    'harness -> core, router, policy, simulator',
    'electron/harness/planted.ts',
    [
      "import { createCore } from '../main/root/core';",
      "import { createRouter } from '../main/ipc/router';",
      "import { contentSecurityPolicy } from '../main/policy/content-security';",
      "import { startSimulator } from '../main/simulator/server';",
    ].join('\n'),
  ],
  [
    "renderer -> the contract's types and pure shared modules",
    'renderer/src/lib/planted.ts',
    ["import type { AuthStatus } from '../../../electron/shared/contract';", "import { ok } from '../../../electron/shared/result';"].join(
      '\n',
    ),
  ],
  [
    "renderer -> the contract's types and pure shared modules, through the @shared alias",
    'renderer/src/lib/phone-numbers/planted.ts',
    ["import type { AuthStatus } from '@shared/contract';", "import { ok } from '@shared/result';"].join('\n'),
  ],
];

describe('the walls of the house', () => {
  it.each(crossings)('refuse %s', async (_wall, file, code) => {
    expect(await lint(file, code)).not.toEqual([]);
  });

  it.each(controls)('let through %s', async (_what, file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});

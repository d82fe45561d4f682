import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { build, Platform } from 'electron-builder';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { installedElectronVersion } from '../support/electron-version';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults for fuse wire v1 (RunAsNode .. GrantFileProtocolExtraPrivileges). */
const ELECTRON_DEFAULT_FUSES = '10111001';
const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
];

const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

describe('packaging with electron-builder (dir target, offline)', () => {
  let appDir: string;

  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), 'evo-pack-'));
    // Electron cannot be downloaded here: a stand-in "binary" that carries a real fuse wire.
    const electronDist = join(work, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(
      join(electronDist, 'electron'),
      Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(ELECTRON_DEFAULT_FUSES)]),
      { mode: 0o755 },
    );
    writeFileSync(join(electronDist, 'version'), installedElectronVersion);
    await build({
      targets: Platform.LINUX.createTarget('dir'),
      publish: 'never',
      // electron-builder.yml itself is loaded by electron-builder; these only adapt it to this machine.
      config: {
        electronDist,
        electronVersion: installedElectronVersion,
        npmRebuild: false,
        directories: { output: join(work, 'dist'), buildResources: 'resources' },
      },
    });
    appDir = join(work, 'dist/linux-unpacked');
  }, 180_000);

  it('puts the built app in the asar, and nothing of the sources or tests', () => {
    const files = listPackage(join(appDir, 'resources/app.asar'), { isPack: false });
    expect(files).toEqual(
      expect.arrayContaining(['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']),
    );
    expect(files.some((file) => file.startsWith('/test/') || file.startsWith('/electron/') || file.endsWith('.map'))).toBe(false);
    expect(files.some((file) => file.startsWith('/node_modules/electron/'))).toBe(false);
  });

  it('keeps better-sqlite3 unpacked, where its native module can load', () => {
    expect(existsSync(join(appDir, 'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(
      true,
    );
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or inspect; cookie encryption, asar integrity and asar-only on', () => {
    const binary = readFileSync(join(appDir, 'evo-softphone'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length;
    const wire = binary.subarray(at + 2, at + 2 + binary[at + 1]!).toString();
    const state = Object.fromEntries(FUSES.map((name, index) => [name, wire[index] === '1']));
    expect(state).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the tray and app icons beside the asar', () => {
    for (const icon of ['tray-idle.png', 'tray-call.png', 'tray-held.png', 'app.png']) {
      expect(existsSync(join(appDir, 'resources/icons', icon))).toBe(true);
    }
  });

  it('declares the tel: and callto: handlers and the installers per platform', () => {
    expect(config.protocols).toEqual([expect.objectContaining({ schemes: ['tel', 'callto'] })]);
    expect((config.linux as { mimeTypes: string[] }).mimeTypes).toEqual(['x-scheme-handler/tel', 'x-scheme-handler/callto']);
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], maintainer: expect.any(String), category: expect.any(String) });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    expect(config.mac).toMatchObject({
      target: ['dmg'],
      hardenedRuntime: true,
      extendInfo: { NSMicrophoneUsageDescription: expect.any(String) },
    });
    expect(readFileSync('resources/entitlements.mac.plist', 'utf8')).toContain('com.apple.security.device.audio-input');
  });
});

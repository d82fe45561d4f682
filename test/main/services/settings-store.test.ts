import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../electron/main/services/settings-store';
import { MemoryLogger } from '../../support/logger';

describe('audio settings in the settings file', () => {
  it('noise suppression is on by default, the caller side off', () => {
    const store = new SettingsStore(mkdtempSync(join(tmpdir(), 'evo-settings-')), new MemoryLogger());
    expect(store.get().audio).toMatchObject({ noiseSuppression: true, callerNoiseSuppression: false });
  });

  it("a file from before noise suppression keeps the agent's devices and takes the new defaults", () => {
    const dir = mkdtempSync(join(tmpdir(), 'evo-settings-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ audio: { input: 'headset', output: 'headset-out', ringtone: 'default' } }));
    const store = new SettingsStore(dir, new MemoryLogger());
    expect(store.get().audio).toEqual({
      input: 'headset',
      output: 'headset-out',
      ringtone: 'default',
      noiseSuppression: true,
      callerNoiseSuppression: false,
    });
  });

  it('turning it off is kept, beside the devices', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evo-settings-'));
    new SettingsStore(dir, new MemoryLogger()).update({ audio: { noiseSuppression: false, callerNoiseSuppression: true } });
    const saved = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { audio: Record<string, unknown> };
    expect(saved.audio).toMatchObject({ input: 'default', noiseSuppression: false, callerNoiseSuppression: true });
    expect(new SettingsStore(dir, new MemoryLogger()).get().audio.noiseSuppression).toBe(false);
  });
});

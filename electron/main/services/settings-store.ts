/** The agent's settings: a small JSON file beside the cache (kept across sign-outs). */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Settings, type SettingsPatch } from '../../shared/contract';
import { DEFAULT_PROMISE_MINUTES } from '../../shared/hold-promise';
import { DEFAULT_RETENTION_MONTHS } from '../../shared/history-retention';
import { AppError } from '../../shared/result';
import type { Logger } from '../logging/logger';

export const defaultSettings: Settings = {
  holdReminders: [30, 60],
  holdPromiseMinutes: DEFAULT_PROMISE_MINUTES,
  hotkeys: { holdResume: 'CommandOrControl+Alt+H', checkIn: '', answer: '', hangUp: '', mute: '' },
  audio: { input: 'default', output: 'default', ringtone: 'default', noiseSuppression: true, callerNoiseSuppression: false },
  historyRetentionMonths: DEFAULT_RETENTION_MONTHS,
  startAtLogin: false,
  closeToTray: true,
  compactWindow: false,
  wrapUp: { prompt: true, outcomes: ['Resolved', 'Follow-up needed', 'Escalated', 'Left a voicemail'] },
};

export class SettingsStore {
  private value: Settings;
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
    private readonly onChanged: (settings: Settings) => void = () => undefined,
  ) {
    this.file = join(dataDir, 'settings.json');
    this.value = this.load();
  }

  get(): Settings {
    return structuredClone(this.value);
  }

  update(patch: SettingsPatch): Settings {
    const next = Settings.parse({
      ...this.value,
      ...stripUndefined(patch),
      hotkeys: { ...this.value.hotkeys, ...stripUndefined(patch.hotkeys ?? {}) },
      audio: { ...this.value.audio, ...stripUndefined(patch.audio ?? {}) },
      wrapUp: { ...this.value.wrapUp, ...stripUndefined(patch.wrapUp ?? {}) },
    });
    // Write then rename, so a crash mid-write never leaves half a file.
    try {
      writeFileSync(`${this.file}.tmp`, JSON.stringify(next, null, 2), { mode: 0o600 });
      renameSync(`${this.file}.tmp`, this.file);
    } catch (error) {
      this.logger.warn('settings: could not be written', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      throw new AppError(
        'SETTINGS_NOT_SAVED',
        'Your settings could not be saved: the disk is full or the data folder is read-only. Nothing was changed.',
      );
    }
    this.value = next;
    this.onChanged(this.get());
    return this.get();
  }

  private load(): Settings {
    try {
      const saved = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Settings>;
      // A file from an older version lacks the newer audio options: they take their defaults.
      const parsed = Settings.safeParse({ ...defaultSettings, ...saved, audio: { ...defaultSettings.audio, ...saved.audio } });
      if (parsed.success) return parsed.data;
      this.logger.warn('settings: invalid settings file ignored');
    } catch {
      // No file yet: defaults.
    }
    return structuredClone(defaultSettings);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

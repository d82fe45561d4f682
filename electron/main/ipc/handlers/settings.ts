import type { HotkeyConflicts } from '../../../shared/contract';
import type { SettingsStore } from '../../services/settings-store';
import type { Handlers } from '../router';

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.update' | 'settings.hotkeyConflicts'>;

export const settingsHandlers = (settings: SettingsStore, hotkeyConflicts: () => HotkeyConflicts): SettingsHandlers => ({
  'settings.get': () => settings.get(),
  'settings.update': (patch) => settings.update(patch),
  'settings.hotkeyConflicts': () => hotkeyConflicts(),
});

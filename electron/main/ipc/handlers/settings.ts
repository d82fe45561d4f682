import type { SettingsStore } from '../../services/settings-store';
import type { Handlers } from '../router';

export const settingsHandlers = (settings: SettingsStore): Pick<Handlers, 'settings.get' | 'settings.update'> => ({
  'settings.get': () => settings.get(),
  'settings.update': (patch) => settings.update(patch),
});

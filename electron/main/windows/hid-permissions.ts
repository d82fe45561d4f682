/** WebHID for telephony headsets only: the Electron side of policy/hid-devices.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Session } from 'electron';
import { HidChoices, type HidChoiceStore } from '../policy/hid-devices';

/** The chosen headsets as a JSON list in userData: no secret in it, only vendor:product:serial. */
export function jsonListFile(path: string): HidChoiceStore {
  return {
    load: () => {
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as string[];
      } catch {
        return [];
      }
    },
    save: (keys) => writeFileSync(path, JSON.stringify(keys), { mode: 0o600 }),
  };
}

export function installHidPermissions(ses: Session, store: HidChoiceStore): HidChoices {
  const choices = new HidChoices(store);
  ses.setDevicePermissionHandler((details) => 'collections' in details.device && choices.isAllowed({ ...details, device: details.device }));
  // Without a handler Electron grants nothing; with one, the callback decides (Electron has no chooser UI).
  ses.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    callback(choices.choose(details.frame?.origin ?? '', details.deviceList));
  });
  return choices;
}

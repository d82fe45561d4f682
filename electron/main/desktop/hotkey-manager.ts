/**
 * Global hotkeys behind a port (globalShortcut in Electron). Applies the agent's settings,
 * re-registering what changed at once, and reports the keys the OS refused as conflicts.
 */
import type { ShortcutPort } from '../ports';

export type HotkeyName = 'holdResume' | 'checkIn' | 'answer' | 'hangUp' | 'mute';
/** Check-in came later: settings from before it have none. */
export type Hotkeys = Record<Exclude<HotkeyName, 'checkIn'>, string> & { checkIn?: string };
export type HotkeyConflicts = Partial<Record<HotkeyName, string>>;

export class HotkeyManager {
  private registered = new Map<HotkeyName, string>();
  private current: HotkeyConflicts = {};

  constructor(
    private readonly port: ShortcutPort,
    private readonly onPress: (name: HotkeyName) => void,
  ) {}

  apply(hotkeys: Hotkeys): HotkeyConflicts {
    const conflicts: HotkeyConflicts = {};
    // Release what changed first, so that swapping two keys between actions works.
    for (const [name, accelerator] of [...this.registered]) {
      if ((hotkeys[name] ?? '') !== accelerator) {
        this.port.unregister(accelerator);
        this.registered.delete(name);
      }
    }
    const seen = new Map<string, HotkeyName>();
    for (const name of Object.keys(hotkeys) as HotkeyName[]) {
      const accelerator = (hotkeys[name] ?? '').trim();
      if (!accelerator) continue;
      const other = seen.get(accelerator.toLowerCase());
      if (other) {
        conflicts[name] = `${accelerator} is already used for another action here. Pick another key.`;
        continue;
      }
      seen.set(accelerator.toLowerCase(), name);
      if (this.registered.get(name) === accelerator) continue;
      let ok: boolean;
      try {
        ok = this.port.register(accelerator, () => this.onPress(name));
      } catch {
        conflicts[name] = `${accelerator} is not a key combination this system understands.`;
        continue;
      }
      if (ok) this.registered.set(name, accelerator);
      else conflicts[name] = `${accelerator} is taken by another application. Pick another key.`;
    }
    this.current = conflicts;
    return conflicts;
  }

  conflicts(): HotkeyConflicts {
    return { ...this.current };
  }

  releaseAll(): void {
    for (const accelerator of this.registered.values()) this.port.unregister(accelerator);
    this.registered.clear();
  }
}

import type { Settings, SettingsPatch } from '../api';

export type HotkeyName = keyof Settings['hotkeys'];

export const HOTKEY_LABELS: Record<HotkeyName, string> = {
  holdResume: 'Hold / resume',
  answer: 'Answer',
  hangUp: 'Hang up',
  mute: 'Mute',
};

/** A key combination refused because another action already has it. */
export interface HotkeyClash {
  accelerator: string;
  takenBy: HotkeyName;
}

/** "30, 60 90" -> [30, 60, 90]; null when any part is not a whole number of seconds. */
export function parseReminders(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const numbers = parts.map(Number);
  return numbers.every((n) => Number.isInteger(n) && n >= 5 && n <= 3600) ? numbers : null;
}

const clone = (settings: Settings): Settings => structuredClone($state.snapshot(settings)) as Settings;

/**
 * The settings as the agent is editing them, apart from the saved ones: kept when the agent
 * leaves the tab, compared with the saved ones to know whether anything is unsaved.
 */
export class SettingsDraft {
  value = $state<Settings | null>(null);
  /** The reminders field as typed ("30, 60"); parsed on save. */
  reminders = $state('');
  remindersProblem = $state<string | null>(null);
  clashes = $state<Partial<Record<HotkeyName, HotkeyClash>>>({});
  private saved = $state<Settings | null>(null);

  dirty = $derived.by(() => {
    if (!this.value || !this.saved) return false;
    const edited = { ...$state.snapshot(this.value), holdReminders: parseReminders(this.reminders) ?? this.reminders };
    return JSON.stringify(edited) !== JSON.stringify($state.snapshot(this.saved));
  });

  /** The saved settings from main. Edits in progress are kept unless `replace` (after a save). */
  adopt(saved: Settings, replace = false): void {
    const keepEdits = this.dirty && !replace;
    this.saved = clone(saved);
    if (keepEdits) return;
    this.value = clone(saved);
    this.reminders = saved.holdReminders.join(', ');
    this.remindersProblem = null;
    this.clashes = {};
  }

  discard(): void {
    if (this.saved) this.adopt(this.saved, true);
  }

  /** Records a hotkey, unless another action already uses the combination (then says which). */
  setHotkey(name: HotkeyName, accelerator: string): boolean {
    if (!this.value) return false;
    const hotkeys = this.value.hotkeys;
    const takenBy = (Object.keys(hotkeys) as HotkeyName[]).find((other) => other !== name && accelerator && hotkeys[other] === accelerator);
    if (takenBy) {
      this.clashes = { ...this.clashes, [name]: { accelerator, takenBy } };
      return false;
    }
    hotkeys[name] = accelerator;
    const rest = { ...this.clashes };
    delete rest[name];
    this.clashes = rest;
    return true;
  }

  /** The patch to save, or null (with the reason in `remindersProblem`) when a field is not valid. */
  patch(): SettingsPatch | null {
    if (!this.value) return null;
    const holdReminders = parseReminders(this.reminders);
    if (!holdReminders) {
      this.remindersProblem = 'Hold reminders are seconds between 5 and 3600, separated by commas (for example "30, 60").';
      return null;
    }
    this.remindersProblem = null;
    return { ...$state.snapshot(this.value), holdReminders };
  }
}

import type { Settings, SettingsPatch } from '../softphone/api';

export type HotkeyName = keyof Settings['hotkeys'];

export const HOTKEY_LABELS: Record<HotkeyName, string> = {
  holdResume: 'Hold / resume',
  checkIn: 'Check in',
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

/** "Resolved, Escalated" -> ["Resolved", "Escalated"]; null unless 1 to 12 outcomes of at most 40 characters. */
export function parseOutcomes(text: string): string[] | null {
  const parts = text.split(',').map((part) => part.trim());
  const outcomes = parts.filter((part, index) => part && parts.indexOf(part) === index);
  return outcomes.length >= 1 && outcomes.length <= 12 && outcomes.every((outcome) => outcome.length <= 40) ? outcomes : null;
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
  /** The wrap-up outcomes as typed ("Resolved, Escalated"); parsed on save. */
  outcomes = $state('');
  outcomesProblem = $state<string | null>(null);
  clashes = $state<Partial<Record<HotkeyName, HotkeyClash>>>({});
  private saved = $state<Settings | null>(null);

  dirty = $derived.by(() => {
    if (!this.value || !this.saved) return false;
    const value = $state.snapshot(this.value);
    const edited = {
      ...value,
      holdReminders: parseReminders(this.reminders) ?? this.reminders,
      wrapUp: { ...value.wrapUp, outcomes: parseOutcomes(this.outcomes) ?? this.outcomes },
    };
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
    this.outcomes = saved.wrapUp.outcomes.join(', ');
    this.outcomesProblem = null;
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

  /** The patch to save, or null (with the reason beside the field) when a field is not valid. */
  patch(): SettingsPatch | null {
    if (!this.value) return null;
    const holdReminders = parseReminders(this.reminders);
    const outcomes = parseOutcomes(this.outcomes);
    this.remindersProblem = holdReminders
      ? null
      : 'Hold reminders are seconds between 5 and 3600, separated by commas (for example "30, 60").';
    this.outcomesProblem = outcomes
      ? null
      : 'Outcomes are 1 to 12 names of at most 40 characters, separated by commas (for example "Resolved, Escalated").';
    if (!holdReminders || !outcomes) return null;
    const value = $state.snapshot(this.value);
    return { ...value, holdReminders, wrapUp: { prompt: value.wrapUp.prompt, outcomes } };
  }
}

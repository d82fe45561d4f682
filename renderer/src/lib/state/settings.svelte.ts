import type { Settings, SettingsPatch, SoftphoneApi } from '../api';

export class SettingsState {
  value = $state<Settings | null>(null);
  saving = $state(false);
  error = $state<string | null>(null);
  saved = $state(false);
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly api: SoftphoneApi) {}

  async load(): Promise<void> {
    this.unsubscribe ??= this.api.settings.onChanged((value) => (this.value = value));
    const result = await this.api.settings.get();
    if (result.ok) this.value = result.value;
    else this.error = result.error.message;
  }

  async save(patch: SettingsPatch): Promise<boolean> {
    this.saving = true;
    this.error = null;
    this.saved = false;
    try {
      const result = await this.api.settings.update(patch);
      if (result.ok) {
        this.value = result.value;
        this.saved = true;
      } else {
        this.error = result.error.message;
      }
      return result.ok;
    } finally {
      this.saving = false;
    }
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
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

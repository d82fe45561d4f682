import type { Settings, SettingsPatch, SoftphoneApi } from '../softphone/api';
import { SettingsDraft } from './settings-draft.svelte';

export { parseOutcomes, parseReminders } from './settings-draft.svelte';

export class SettingsState {
  value = $state<Settings | null>(null);
  saving = $state(false);
  error = $state<string | null>(null);
  /** What the agent is editing in the Settings tab. */
  readonly draft = new SettingsDraft();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly api: SoftphoneApi) {}

  async load(): Promise<void> {
    this.unsubscribe ??= this.api.settings.onChanged((value) => this.use(value));
    const result = await this.api.settings.get();
    if (result.ok) this.use(result.value);
    else this.error = result.error.message;
  }

  async save(patch: SettingsPatch): Promise<boolean> {
    this.saving = true;
    this.error = null;
    try {
      const result = await this.api.settings.update(patch);
      if (result.ok) this.use(result.value, true);
      else this.error = result.error.message;
      return result.ok;
    } finally {
      this.saving = false;
    }
  }

  /** Saves the draft; false (with the reason on the draft or in `error`) when it was not saved. */
  async saveDraft(): Promise<boolean> {
    const patch = this.draft.patch();
    return patch ? this.save(patch) : false;
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private use(value: Settings, saved = false): void {
    this.value = value;
    this.draft.adopt(value, saved);
  }
}

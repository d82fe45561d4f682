import type { SoftphoneApi } from '../softphone/api';

/** Whether main can save history; a notice to show when it cannot (read-only or full disk). */
export class StorageState {
  notice = $state<string | null>(null);

  constructor(private readonly api: SoftphoneApi) {}

  private unsubscribe: (() => void) | null = null;

  async load(): Promise<void> {
    // A disk that fills while the app runs: main says so once, and the notice shows at once.
    this.unsubscribe ??= this.api.app.onStorageChanged((status) => {
      this.notice = status.historySaved ? null : status.notice;
    });
    const result = await this.api.app.storageStatus();
    // A failed call shows nothing: the notice is about the disk, and main logs its own failure.
    this.notice = result.ok && !result.value.historySaved ? result.value.notice : null;
  }
}

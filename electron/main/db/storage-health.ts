/**
 * Whether history is being saved, while the app runs. A disk that fills (or turns read-only or
 * fails) after start-up gets the same notice as one that was already full at start: the first
 * failed write flips the status and tells the window once. A damaged file is not the disk's fault
 * and is left to the next start's recovery.
 */
import type { StorageStatus } from '../../shared/contract';
import { classifyStorageFailure, notSavedNotice } from './storage-failure';

export class StorageHealth {
  constructor(
    /** The status the app's handlers answer with (shared, updated in place). */
    private readonly status: StorageStatus,
    private readonly changed: (status: StorageStatus) => void,
  ) {}

  writeFailed(error: unknown): void {
    if (!this.status.historySaved) return;
    const failure = classifyStorageFailure(error);
    if (failure.kind !== 'unavailable') return;
    this.status.historySaved = false;
    this.status.notice = notSavedNotice(failure.reason);
    this.changed({ ...this.status });
  }
}

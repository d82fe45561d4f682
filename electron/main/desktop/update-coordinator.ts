/**
 * Updates: check at start and every few hours, download in the background, offer "Restart to
 * update" and never restart on its own, nor while the agent is on a call or has calls on hold.
 */
import { AppError } from '../../shared/result';
import type { Clock, UpdaterPort } from '../ports';
import { errorText, type Logger } from '../logging/logger';

export interface UpdateDeps {
  updater: UpdaterPort;
  clock: Clock;
  logger: Logger;
  /** Live and held calls right now. */
  calls(): { active: number; held: number };
  /** Tells the renderer an update is ready (it shows "Restart to update"). */
  announce(version: string): void;
  intervalMs?: number;
}

export const UPDATE_INTERVAL_MS = 4 * 3600_000;

export class UpdateCoordinator {
  private timer: unknown = null;
  ready: string | null = null;

  constructor(private readonly deps: UpdateDeps) {
    deps.updater.onDownloaded((version) => {
      this.ready = version;
      deps.announce(version);
    });
  }

  start(): void {
    void this.check();
  }

  stop(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The agent pressed "Restart to update". */
  restartToUpdate(): { restarting: true } {
    if (!this.ready) throw new AppError('UPDATE_NOT_READY', 'No update is ready yet.');
    const { active, held } = this.deps.calls();
    if (active > 0 || held > 0) {
      throw new AppError('UPDATE_BLOCKED_BY_CALLS', `Finish your ${active > 0 ? 'call' : 'calls on hold'} first; the update will wait.`);
    }
    this.deps.updater.quitAndInstall();
    return { restarting: true };
  }

  private async check(): Promise<void> {
    try {
      await this.deps.updater.checkForUpdates();
    } catch (error) {
      this.deps.logger.warn('updates: check failed', { reason: errorText(error, 100) });
    }
    this.timer = this.deps.clock.setTimeout(() => void this.check(), this.deps.intervalMs ?? UPDATE_INTERVAL_MS);
  }
}

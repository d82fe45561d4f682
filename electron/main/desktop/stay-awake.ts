/**
 * The machine stays awake while the agent is on a call: one blocker while any call on the board
 * is being dialled, talked on or held, released once none is. The release waits a moment, so a
 * swap (hang up one call, take the next) keeps the one blocker instead of dropping and retaking it.
 */
import { isOnCallPhase, type CallPhase } from '../../shared/call-rules';
import type { Clock, WakeLockPort } from '../ports';

export const RELEASE_AFTER_MS = 5_000;

export class StayAwake {
  private blocker: number | null = null;
  private release: unknown = null;

  constructor(
    private readonly lock: WakeLockPort,
    private readonly clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>,
    private readonly releaseAfterMs = RELEASE_AFTER_MS,
  ) {}

  get awake(): boolean {
    return this.blocker !== null;
  }

  /** Called with the board's calls on every change. */
  follow(calls: readonly { phase: CallPhase }[]): void {
    if (calls.some((call) => isOnCallPhase(call.phase))) {
      this.cancelRelease();
      this.blocker ??= this.lock.start();
    } else if (this.blocker !== null && this.release === null) {
      this.release = this.clock.setTimeout(() => {
        this.release = null;
        this.stop();
      }, this.releaseAfterMs);
    }
  }

  /** Releases the blocker now (sign-out, quit). */
  stop(): void {
    this.cancelRelease();
    if (this.blocker !== null) this.lock.stop(this.blocker);
    this.blocker = null;
  }

  private cancelRelease(): void {
    if (this.release !== null) this.clock.clearTimeout(this.release);
    this.release = null;
  }
}

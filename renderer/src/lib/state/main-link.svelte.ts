import type { SoftphoneApi } from '../softphone/api';

/** How often the window asks main whether it is there. */
export const BEAT_MS = 500;
/** An unanswered question this old means main (or the harness) has stopped answering. */
export const SILENT_MS = 1000;
/** How often the window checks; with the two above, a silent main is noticed within 2 s. */
const TICK_MS = 250;

// Agent's words: no "core" or "main"; the callers stay connected (the audio runs in this window).
export const LOST_REASON =
  'Evo Softphone is not responding: call actions are off until it answers again. Your calls stay connected. Reconnecting…';

/**
 * Whether main (in the browser harness: the harness process) still answers. The window asks a
 * cheap question every half second; one left unanswered for a second, or a transport that says
 * it is disconnected, makes the link lost, and the first answer after that makes it found again.
 * Nothing here retries a call action: call actions are refused while the link is lost.
 */
export class MainLink {
  lost = $state(false);
  private handle: ReturnType<typeof setInterval> | null = null;
  private askedAt: number | null = null;
  private lastAsked = Number.NEGATIVE_INFINITY;
  private readonly foundListeners: (() => void)[] = [];

  constructor(
    private readonly api: SoftphoneApi,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Called once main answers again after being lost (the board must be asked for again). */
  onFound(listener: () => void): void {
    this.foundListeners.push(listener);
  }

  start(): void {
    this.handle ??= setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.handle) clearInterval(this.handle);
    this.handle = null;
  }

  private tick(): void {
    const at = this.now();
    if (this.askedAt !== null) {
      if (at - this.askedAt >= SILENT_MS) this.lost = true;
      return;
    }
    if (at - this.lastAsked < BEAT_MS) return;
    this.askedAt = this.lastAsked = at;
    void this.api.app.info().then(
      (result) => this.answered(result.ok || result.error.code !== 'HARNESS_DISCONNECTED'),
      () => this.answered(false),
    );
  }

  private answered(reached: boolean): void {
    this.askedAt = null;
    if (!reached) {
      this.lost = true;
      return;
    }
    if (!this.lost) return;
    this.lost = false;
    for (const listener of this.foundListeners) listener();
  }
}

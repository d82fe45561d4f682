/**
 * A refusal Evo asked us to wait out (429 or 503 with Retry-After): the failure on the card counts
 * down each second ("try again in 0:29", then "you can try again now") and carries how long is
 * left (`waitMs`), so the window's Retry waits for the end of the window instead of sending a
 * request Evo has said it will refuse. A failure that goes meanwhile (dismissed, the call moved
 * on, another action on it) stops its countdown.
 */
import { formatCountdown } from '../../shared/format-duration';
import type { CallFailure } from '../../shared/contract';
import type { Clock } from '../ports';
import type { CallBoard } from './call-board';

/** The countdown in the sentence of `askedToWaitError` (evo/errors.ts). */
const COUNTDOWN = /try again in \d+:\d{2}/;

export class FailureWaits {
  private readonly timers = new Map<string, unknown>();

  constructor(private readonly deps: { board: CallBoard; clock: Clock }) {}

  /** Shows the failure on the call; while `waitMs` > 0, counting down to the end of Evo's window. */
  show(sessionId: string, failure: CallFailure, waitMs: number): void {
    this.stop(sessionId);
    if (waitMs <= 0 || !COUNTDOWN.test(failure.message)) {
      this.deps.board.setFailure(sessionId, failure);
      return;
    }
    const until = this.deps.clock.monotonic() + waitMs;
    let shown: string | null = null;
    const tick = () => {
      this.timers.delete(sessionId);
      // Gone meanwhile: nothing to count down, and nothing to bring back.
      if (shown !== null && this.deps.board.get(sessionId)?.failure?.message !== shown) return;
      const left = Math.max(0, until - this.deps.clock.monotonic());
      const message = failure.message.replace(COUNTDOWN, left > 0 ? `try again in ${formatCountdown(left)}` : 'you can try again now');
      shown = message;
      this.deps.board.setFailure(sessionId, left > 0 ? { ...failure, message, waitMs: Math.ceil(left) } : { ...failure, message });
      if (left > 0) this.timers.set(sessionId, this.deps.clock.setTimeout(tick, left % 1000 || 1000));
    };
    tick();
  }

  private stop(sessionId: string): void {
    const timer = this.timers.get(sessionId);
    if (timer !== undefined) this.deps.clock.clearTimeout(timer);
    this.timers.delete(sessionId);
  }
}

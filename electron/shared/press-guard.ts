/**
 * A call action pressed twice by a slip (a double Enter, a double click, a bouncing headset
 * button, a hotkey held a moment too long) must act once: a second press of any call action
 * within this long of the one accepted before it is ignored. The window (renderer calls state)
 * and main (the global hotkey) each keep one guard at the one place their call actions start.
 */
export const DOUBLE_PRESS_MS = 500;

export class PressGuard {
  private last = Number.NEGATIVE_INFINITY;

  /** `now` is a monotonic clock in ms (performance.now(), or main's clock port). */
  constructor(
    private readonly now: () => number,
    private readonly windowMs = DOUBLE_PRESS_MS,
  ) {}

  /** True for a press to act on; false for one that follows the last accepted press too closely. */
  accept(): boolean {
    const at = this.now();
    if (at - this.last < this.windowMs) return false;
    this.last = at;
    return true;
  }
}

/**
 * One shared second-by-second clock for every timer on screen. While `frozen` says so (main is
 * out of reach: the window cannot know what became of the calls) it stands still, so a call
 * timer does not go on counting a call that may be over; it catches up at the next tick after.
 */
export class Ticker {
  now = $state(Date.now());
  private handle: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly frozen: () => boolean = () => false) {}

  start(): void {
    this.handle ??= setInterval(() => {
      if (!this.frozen()) this.now = Date.now();
    }, 1000);
  }

  stop(): void {
    if (this.handle) clearInterval(this.handle);
    this.handle = null;
  }
}

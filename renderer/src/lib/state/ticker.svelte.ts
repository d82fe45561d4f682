/** One shared second-by-second clock for every timer on screen. */
export class Ticker {
  now = $state(Date.now());
  private handle: ReturnType<typeof setInterval> | null = null;

  start(): void {
    this.handle ??= setInterval(() => (this.now = Date.now()), 1000);
  }

  stop(): void {
    if (this.handle) clearInterval(this.handle);
    this.handle = null;
  }
}

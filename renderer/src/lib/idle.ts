/**
 * Work the window will want soon but not for its first screen: it runs once the browser has
 * nothing better to do, so that it never stands between the agent and a usable dialer.
 */
export function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 2000 });
  else setTimeout(work, 0);
}

/** A load started on first use: by whoever needs it first, the idle preload or the agent. */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | null = null;
  return () => {
    if (!started) {
      started = load();
      // A chunk that fails to load says so where it is shown, not as an unhandled rejection.
      started.catch(() => undefined);
    }
    return started;
  };
}

/** What the window will want soon but not for its first screen. */

/** A load started once, by whoever needs it first: App.svelte's prefetching or the agent. */
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

/**
 * Has a worker build the window's first Intl formatter (intl-warm-up.ts): Chromium builds its
 * table of ICU's locales once per process, at the first one, and that takes ~15 ms that History's
 * first dates would otherwise pay on the window's thread.
 */
export function prepareIntl(): void {
  if (typeof Worker !== 'function') return;
  try {
    new Worker(new URL('./intl-warm-up.ts', import.meta.url));
  } catch {
    // Only a head start: History builds its formatters itself when it first shows dates.
  }
}

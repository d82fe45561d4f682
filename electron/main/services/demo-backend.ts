/**
 * Demo mode's backend, started on first use and shared afterwards. How it starts is given: the
 * Electron app passes a dynamic import of the simulator, so the product loads it only then.
 */
import type { DemoBackend } from '../ports';

export interface StartedDemo extends DemoBackend {
  close(): Promise<void>;
}

export interface LazyDemo<T extends StartedDemo> {
  /** Starts it the first time (again after a failed start); every call answers the same one. */
  start(): Promise<T>;
  /** The backend once it runs, else null. */
  running(): T | null;
  close(): Promise<void>;
}

export function lazyDemo<T extends StartedDemo>(start: () => Promise<T>): LazyDemo<T> {
  let starting: Promise<T> | null = null;
  let started: T | null = null;
  return {
    start() {
      starting ??= start().then(
        (backend) => (started = backend),
        (error: unknown) => {
          starting = null;
          throw error;
        },
      );
      return starting;
    },
    running: () => started,
    async close() {
      const backend = await starting?.catch(() => null);
      await backend?.close();
    },
  };
}

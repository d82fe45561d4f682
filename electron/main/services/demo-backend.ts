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
  /** Listens for the backend's ring (a call to the agent); the listener is given to `start`. */
  onRing(listener: () => void): void;
}

/** `start` gets the ring to sound: whoever listens (the sync loop) is subscribed apart from it. */
export function lazyDemo<T extends StartedDemo>(start: (ring: () => void) => Promise<T>): LazyDemo<T> {
  let starting: Promise<T> | null = null;
  let started: T | null = null;
  const listeners: (() => void)[] = [];
  const ring = () => {
    for (const listener of listeners) listener();
  };
  return {
    onRing: (listener) => void listeners.push(listener),
    start() {
      starting ??= start(ring).then(
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

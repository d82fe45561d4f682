/** The small interfaces that keep Electron and the OS out of the app's logic. */

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Where the agent's password is kept between runs (encrypted in Electron, memory in tests). */
export interface SecretStore {
  /** False when the OS cannot encrypt for real (e.g. Linux `basic_text`): never store then. */
  canStore(): boolean;
  save(key: string, secret: string): void;
  load(key: string): string | null;
  remove(key: string): void;
}

/** Time, so that timers and backoff can be tested without waiting. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Sends contract events to the renderer (webContents.send in Electron, a socket in the harness). */
export type EventSink = (event: string, payload: unknown) => void;

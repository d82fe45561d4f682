/** The logger port: what the app's logic writes to. Electron writes it with electron-log, the rest to the console. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** An error's message for a log line: short, since a message can carry a whole server answer. */
export function errorText(error: unknown, max = 120): string {
  return error instanceof Error ? error.message.slice(0, max) : 'unknown';
}

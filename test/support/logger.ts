import type { LogFields, Logger } from '../../electron/main/logging/logger';

/** A logger that remembers what it was told, so tests can assert nothing secret was logged. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  info = (message: string, fields?: LogFields) => this.lines.push(`info ${message} ${JSON.stringify(fields ?? {})}`);
  warn = (message: string, fields?: LogFields) => this.lines.push(`warn ${message} ${JSON.stringify(fields ?? {})}`);
  error = (message: string, fields?: LogFields) => this.lines.push(`error ${message} ${JSON.stringify(fields ?? {})}`);
}

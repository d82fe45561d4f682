/** A console logger; every line goes through the one redaction filter. Electron uses electron-log. */
import type { LogFields, Logger } from './logger';
import { redact } from './redact';

export function formatLine(message: string, fields?: LogFields): string {
  const extra = fields ? ` ${JSON.stringify(fields)}` : '';
  return redact(`${message}${extra}`);
}

export function createConsoleLogger(quiet = false): Logger {
  const write = (level: string, message: string, fields?: LogFields) => {
    if (quiet && level !== 'error') return;
    process.stderr.write(`[${new Date().toISOString()}] ${level} ${formatLine(message, fields)}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

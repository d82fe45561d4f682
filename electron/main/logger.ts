/** A console logger with one redaction pass; the Electron build swaps in electron-log later. */
import type { LogFields, Logger } from './ports';

const SECRET_KEYS = /pass(word)?|secret|token|cookie|authorization|ss-id|ss-pid/i;

export function redactFields(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return fields;
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, SECRET_KEYS.test(key) ? '[redacted]' : value]),
  );
}

export function createConsoleLogger(quiet = false): Logger {
  const write = (level: string, message: string, fields?: LogFields) => {
    if (quiet && level !== 'error') return;
    const extra = fields ? ` ${JSON.stringify(redactFields(fields))}` : '';
    process.stderr.write(`[${new Date().toISOString()}] ${level} ${message}${extra}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/**
 * The app's Logger on electron-log: one file per day in the logs folder, rotated by size, old days
 * pruned, and every line through the redaction filter before it is written anywhere.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import log from 'electron-log/main';
import { redactValue } from '../logging/redact';
import type { Logger } from '../logging/logger';

const KEEP_DAYS = 14;

export function createElectronLogger(logsDir: string): Logger {
  const day = () => new Date().toISOString().slice(0, 10);
  log.transports.file.resolvePathFn = () => join(logsDir, `evo-softphone-${day()}.log`);
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.hooks.push((message) => ({ ...message, data: message.data.map(redactValue) }));
  log.errorHandler.startCatching({ showDialog: false });
  prune(logsDir);
  return {
    info: (message, fields) => log.info(message, fields ?? ''),
    warn: (message, fields) => log.warn(message, fields ?? ''),
    error: (message, fields) => log.error(message, fields ?? ''),
  };
}

function prune(dir: string): void {
  try {
    const cutoff = Date.now() - KEEP_DAYS * 24 * 3600_000;
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (name.startsWith('evo-softphone-') && statSync(file).mtimeMs < cutoff) rmSync(file, { force: true });
    }
  } catch {
    // No logs folder yet.
  }
}

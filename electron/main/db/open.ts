/**
 * Opens the session cache: WAL, a busy timeout, migrations, and a `quick_check`. A corrupt or
 * unreadable file is moved aside and a fresh cache is built: it is only a cache, the app goes on.
 */
import { existsSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Logger } from '../logging/logger';
import { migrate } from './migrations';

export interface OpenedCache {
  db: Database.Database;
  /** Where a corrupt file was moved to, when that happened. */
  recoveredFrom: string | null;
}

function openChecked(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 3000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function openCache(file: string, logger: Logger, now = Date.now): OpenedCache {
  try {
    return { db: openChecked(file), recoveredFrom: null };
  } catch (error) {
    if (file === ':memory:') throw error;
    const aside = `${file}.corrupt-${now()}`;
    logger.warn('cache: unreadable session cache moved aside and rebuilt', {
      reason: error instanceof Error ? error.message.slice(0, 120) : 'unknown',
    });
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    return { db: openChecked(file), recoveredFrom: aside };
  }
}

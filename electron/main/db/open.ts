/**
 * Opens the session cache: WAL, a busy timeout, migrations, a `quick_check`, and the prepared
 * statements, all inside the same recovery. A damaged file is moved aside and rebuilt: it is only
 * a cache. A disk that is read-only, full or failing never costs the file: history is kept in
 * memory (starting from a copy of the file when it can be read) and `notSavedBecause` says why.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../logging/logger';
import { migrate } from './migrations';
import { SessionCache, type SessionCacheOptions } from './session-cache';
import { classifyStorageFailure, DamagedCacheError, notSavedNotice } from './storage-failure';

export interface OpenedCache {
  db: Database.Database;
  cache: SessionCache;
  /** Where a damaged file was moved to, when that happened. */
  recoveredFrom: string | null;
  /** Null while history is saved on disk; otherwise the notice for the agent. */
  notSavedNotice: string | null;
}

/** A bigger cache than this is not copied into memory when the disk cannot be written. */
const MAX_MEMORY_COPY_BYTES = 256 * 1024 * 1024;

function prepare(db: Database.Database, onDisk: boolean, options: SessionCacheOptions): { db: Database.Database; cache: SessionCache } {
  try {
    db.pragma('busy_timeout = 3000');
    // A new file gives space back page by page (retention.ts); an older one is left as it is (a
    // VACUUM to convert it would stall start-up). Before journal_mode: setting WAL writes page 1.
    if (onDisk && db.pragma('page_count', { simple: true }) === 0) db.pragma('auto_vacuum = INCREMENTAL');
    if (onDisk) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    checkPages(db);
    migrate(db);
    probe(db);
    return { db, cache: new SessionCache(db, options) };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * `quick_check` reads every page: about 1.3 s for a year of calls (100,000 sessions), most of
 * the start-up. It runs on caches up to this size (a few weeks of calls, a few ms); a bigger one is
 * checked by what start-up reads (probe), and damage found later is a failed write, reported.
 */
const FULL_CHECK_MAX_BYTES = 8 * 1024 * 1024;

function checkPages(db: Database.Database): void {
  const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  if (bytes > FULL_CHECK_MAX_BYTES) return;
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new DamagedCacheError(`quick_check: ${String(check)}`);
}

/** Reads the pages start-up needs (the tables' roots, the newest history, the calls on the board): damage there is found now. */
function probe(db: Database.Database): void {
  db.prepare('SELECT id FROM sessions ORDER BY created_ms DESC LIMIT 50').all();
  db.prepare('SELECT id FROM sessions WHERE active = 1 OR held = 1').all();
  db.prepare('SELECT session_id FROM hold_spans WHERE ended_ms IS NULL').all();
  db.prepare('SELECT count(*) FROM call_notes').get();
  db.prepare('SELECT rowid FROM history_search WHERE history_search MATCH \'"probe"\' LIMIT 1').all();
}

function openOnDisk(file: string, options: SessionCacheOptions) {
  ensureFolder(dirname(file));
  return prepare(new Database(file), true, options);
}

/** Node's recursive mkdir answers ENOENT on a read-only file system; a plain mkdir tells the real reason. */
function ensureFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(dirname(dir))) mkdirSync(dir, { mode: 0o700 });
    throw error;
  }
}

export function openCache(file: string, logger: Logger, options: SessionCacheOptions = {}, now = Date.now): OpenedCache {
  let failure;
  try {
    return { ...openOnDisk(file, options), recoveredFrom: null, notSavedNotice: null };
  } catch (error) {
    failure = classifyStorageFailure(error);
    if (file === ':memory:') throw error;
  }
  if (failure.kind === 'damaged') {
    const aside = `${file}.corrupt-${now()}`;
    try {
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
      }
      logger.warn('cache: damaged session cache moved aside and rebuilt');
      return { ...openOnDisk(file, options), recoveredFrom: aside, notSavedNotice: null };
    } catch (error) {
      failure = classifyStorageFailure(error);
      if (failure.kind === 'damaged')
        failure = {
          kind: 'unavailable' as const,
          code: 'CACHE_DAMAGED',
          reason: 'the history file is damaged and could not be rebuilt. Restart Evo Softphone; if this repeats, contact support',
        };
    }
  }
  logger.warn('cache: history kept in memory only', { code: failure.code });
  return { ...inMemory(file, logger, options), recoveredFrom: null, notSavedNotice: notSavedNotice(failure.reason) };
}

/** The cache in memory, from a copy of the file when it can be read, else empty. */
function inMemory(file: string, logger: Logger, options: SessionCacheOptions) {
  try {
    if (existsSync(file) && statSync(file).size <= MAX_MEMORY_COPY_BYTES) {
      const bytes = readFileSync(file);
      // A WAL-mode file cannot be opened from memory: mark it as a rollback-journal file (header bytes 18-19).
      if (bytes.length >= 100) bytes[18] = bytes[19] = 1;
      return prepare(new Database(bytes), false, options);
    }
  } catch {
    logger.warn('cache: the history file could not be read either; starting empty');
  }
  return prepare(new Database(':memory:'), false, options);
}

/**
 * Why the session cache could not be used, in two kinds. A damaged file (corrupt pages, a missing
 * table) is only a cache: it is moved aside and rebuilt. Anything about the disk or the folder
 * (read-only, full, locked, failing) or a cache from a newer app says nothing against the file:
 * it stays where it is, and history is kept in memory with a sentence the agent can act on.
 */
export type StorageFailure = { kind: 'damaged' } | { kind: 'unavailable'; reason: string; code: string };

/** Thrown when `PRAGMA quick_check` finds damage. */
export class DamagedCacheError extends Error {
  readonly code = 'CACHE_DAMAGED';
}

/** Thrown by the migrations for a cache written by a newer Evo Softphone. */
export class NewerCacheError extends Error {
  readonly code = 'CACHE_FROM_NEWER_APP';
}

const REASONS: [RegExp, string][] = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT)/, 'the disk is full. Free some disk space, then restart Evo Softphone'],
  [
    /^(SQLITE_READONLY|SQLITE_PERM|SQLITE_AUTH|SQLITE_CANTOPEN|EROFS|EACCES|EPERM|ENOTDIR|EEXIST|EISDIR|ENOENT)/,
    "the data folder is read-only or cannot be created. Ask your IT team to make Evo Softphone's data folder writable, then restart it",
  ],
  [/^(SQLITE_BUSY|SQLITE_LOCKED)/, 'another program is using the history file. Close other copies of Evo Softphone, then restart it'],
  [/^(SQLITE_IOERR|EIO)/, 'the disk reported an error. Restart Evo Softphone; if this repeats, have the disk checked'],
  [/^CACHE_FROM_NEWER_APP$/, 'the history file belongs to a newer Evo Softphone. Update Evo Softphone to use it'],
];

export function classifyStorageFailure(error: unknown): StorageFailure {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : '';
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code) || code === 'CACHE_DAMAGED') return { kind: 'damaged' };
  // A table or column missing, or a schema SQLite cannot parse: the file is not what we wrote.
  if (code === 'SQLITE_ERROR' && /no such (table|column|index)|malformed|has no column/.test(message)) return { kind: 'damaged' };
  const reason = REASONS.find(([pattern]) => pattern.test(code))?.[1];
  return {
    kind: 'unavailable',
    code,
    reason: reason ?? `the history file could not be opened (${code}). Restart Evo Softphone; if this repeats, contact support`,
  };
}

export const notSavedNotice = (reason: string) => `History is not being saved: ${reason}.`;

function codeOf(error: unknown): string {
  const code = error && typeof error === 'object' && 'code' in error ? (error as { code: unknown }).code : undefined;
  return typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'UNKNOWN';
}

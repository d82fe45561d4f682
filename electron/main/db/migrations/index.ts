import type { Database } from 'better-sqlite3';
import { NewerCacheError } from '../storage-failure';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-call-notes';
import * as m0003 from './0003-history-search';
import * as m0005 from './0005-hold-promises';
import * as m0006 from './0006-notes-kept';

/** Numbered migrations; `user_version` records how many have run. Append only (0004 was never used). */
export const migrations: ReadonlyArray<(db: Database) => void> = [m0001.up, m0002.up, m0003.up, m0005.up, m0006.up];

export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new NewerCacheError(`The session cache is from a newer Evo Softphone (schema ${current}).`);
  }
  for (let version = current; version < migrations.length; version += 1) {
    db.transaction(() => {
      migrations[version]!(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return migrations.length;
}

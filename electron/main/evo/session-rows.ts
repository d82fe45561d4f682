/**
 * Session lists are read row by row: one row the server got wrong (a missing date, an id too long)
 * must not blank every call on screen. A bad row is skipped, logged once by its id (never its
 * content: it holds names and numbers) and counted for Help > Copy diagnostics.
 */
import type { Logger } from '../logging/logger';
import { SessionInfo } from './dto';

/** Ids remembered to log each bad row once; past this many, rows are still counted but not logged. */
const REMEMBERED_IDS = 1000;

export class SkippedRows {
  private readonly seen = new Set<string>();
  private skips = 0;

  constructor(private readonly logger: Logger) {}

  /** Distinct malformed rows seen since start. */
  get count(): number {
    return this.seen.size;
  }

  /** Every skip, counting a row again at each poll that still carries it. */
  get times(): number {
    return this.skips;
  }

  record(route: string, id: string, field: string): void {
    this.skips += 1;
    if (this.seen.has(id) || this.seen.size >= REMEMBERED_IDS) return;
    this.seen.add(id);
    this.logger.warn('evo: skipped a session row we could not read', { route, id, field });
  }
}

/** The rows that parse; the others go to `skipped`. */
export function readSessionRows(rows: readonly unknown[], route: string, skipped: SkippedRows | null): SessionInfo[] {
  const sessions: SessionInfo[] = [];
  for (const row of rows) {
    const parsed = SessionInfo.safeParse(row);
    if (parsed.success) {
      sessions.push(parsed.data);
      continue;
    }
    const field = parsed.error.issues[0]?.path.map(String).join('.') || 'row';
    skipped?.record(route, rowId(row), field.slice(0, 80));
  }
  return sessions;
}

/** The row's id, reduced to characters an id is made of, so that a log line cannot carry content. */
function rowId(row: unknown): string {
  const id = row && typeof row === 'object' && 'id' in row ? (row as { id: unknown }).id : undefined;
  if (typeof id !== 'string' || id === '') return '(no id)';
  return id.slice(0, 64).replace(/[^\w.-]/g, '?');
}

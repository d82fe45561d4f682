import type { CallNote, HiddenNotes, HistoryFilter, HistoryPage, SessionDetail, SessionView, SoftphoneApi } from '../softphone/api';

/** Call history: the cache answers at once, then the server's fresh page replaces it. */
export class HistoryState {
  // Replaced whole by every page, never changed in place: no deep proxy for each row.
  items = $state.raw<SessionView[]>([]);
  page = $state(0);
  hasMore = $state(false);
  query = $state('');
  filter = $state<HistoryFilter>('all');
  loading = $state(false);
  error = $state<string | null>(null);
  source = $state<HistoryPage['source'] | null>(null);
  /** The open call: the row at once, then the full session (log, hold total) from main. */
  detail = $state<SessionView | SessionDetail | null>(null);
  detailLoading = $state(false);
  detailError = $state<string | null>(null);
  /** Notes kept for another account or server: hidden here, and said so. */
  hidden = $state<HiddenNotes | null>(null);
  private generation = 0;

  constructor(
    private readonly api: SoftphoneApi,
    /** A note saved here: the call no longer waits for one after the call (main dropped its draft too). */
    private readonly onNoteSaved: (sessionId: string) => void = () => undefined,
  ) {}

  async load(page = this.page): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    this.error = null;
    const query = this.query.trim() || undefined;
    const filter = this.filter === 'all' ? undefined : this.filter;
    try {
      const cached = await this.api.sessions.history({ page, ...(query ? { query } : {}), ...(filter ? { filter } : {}) });
      if (generation !== this.generation) return;
      if (cached.ok) this.showPage(cached.value);
      else this.error = cached.error.message;
      // Searches and filters answer from the cache (the server's pages are unfiltered).
      if (query || filter) return;
      const fresh = await this.api.sessions.history({ page, fresh: true });
      if (generation !== this.generation) return;
      if (fresh.ok) this.showPage(fresh.value);
      else if (!cached.ok) this.error = fresh.error.message;
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  search(query: string): Promise<void> {
    this.query = query;
    return this.load(0);
  }

  show(filter: HistoryFilter): Promise<void> {
    this.filter = filter;
    return this.load(0);
  }

  async open(session: SessionView): Promise<void> {
    this.detail = session;
    this.detailLoading = true;
    this.detailError = null;
    const result = await this.api.sessions.get({ sessionId: session.id });
    if (this.detail?.id !== session.id) return;
    this.detailLoading = false;
    if (result.ok) this.detail = result.value;
    else this.detailError = result.error.message;
  }

  close(): void {
    this.detail = null;
  }

  async loadHidden(): Promise<void> {
    const result = await this.api.notes.hidden();
    this.hidden = result.ok ? result.value : null;
  }

  /**
   * Saves the note of a call (new or corrected) from its detail; the row and the detail show it at
   * once. Answers the error message, or null once saved.
   */
  async saveNote(sessionId: string, note: { text: string; outcome: string }): Promise<string | null> {
    const result = await this.api.sessions.saveNote({ sessionId, ...note });
    if (!result.ok) return result.error.message;
    const saved: CallNote = result.value;
    if (this.detail?.id === sessionId) this.detail = { ...this.detail, note: saved };
    this.items = this.items.map((item) => (item.id === sessionId ? { ...item, note: saved } : item));
    this.onNoteSaved(sessionId);
    return null;
  }

  private showPage(page: HistoryPage): void {
    this.items = page.items;
    this.page = page.page;
    this.hasMore = page.hasMore;
    this.source = page.source;
  }
}

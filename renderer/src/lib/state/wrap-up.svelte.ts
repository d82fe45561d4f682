import { noteProblem } from '@shared/note-rules';
import type { CallNote, CallView, NoteDraft, SoftphoneApi } from '../softphone/api';
import { partyName } from '../phone-numbers/display';

/** A call waiting for the agent's note, with what was typed so far. */
export type WrapUpCall = NoteDraft;

/**
 * Notes after the call: each call the agent was on that ends waits here for a note and an
 * outcome (or a Skip), oldest first, unless the prompt is turned off in Settings. Main keeps the
 * waiting calls and every keystroke of their drafts (notes.keepDraft), so a reload or a restart
 * brings them back (`restore`). A failed or refused save keeps the call and what was typed, and
 * says why.
 */
export class WrapUpState {
  queue = $state<WrapUpCall[]>([]);
  saving = $state(false);
  error = $state<string | null>(null);
  /** Read by the window's live region after a save. */
  announcement = $state('');
  current = $derived(this.queue[0] ?? null);

  constructor(
    private readonly api: SoftphoneApi,
    private readonly enabled: () => boolean,
    /** The outcomes the agent picks from (Settings): a note is checked against them before it is sent. */
    private readonly outcomes: () => readonly string[] = () => [],
  ) {}

  /** After sign-in (a reload, a restart): the calls main kept waiting, then any that ended meanwhile. */
  async restore(): Promise<void> {
    const kept = await this.api.notes.drafts();
    if (!kept.ok) return;
    const known = kept.value.map((draft) => draft.sessionId);
    this.queue = [...kept.value, ...this.queue.filter((call) => !known.includes(call.sessionId))];
  }

  callEnded(call: CallView): void {
    if (!this.enabled() || this.queue.some((waiting) => waiting.sessionId === call.id)) return;
    const waiting = { sessionId: call.id, name: call.displayName, number: call.number, text: '', outcome: '' };
    this.queue = [...this.queue, waiting];
    this.keep(waiting);
  }

  /** The agent typed or picked: kept in main at once, so that a reload loses nothing. */
  edit(change: Partial<Pick<WrapUpCall, 'text' | 'outcome'>>): void {
    const call = this.current;
    if (!call) return;
    Object.assign(call, change);
    this.error = null;
    this.keep(call);
  }

  async save(): Promise<CallNote | null> {
    const call = this.current;
    if (!call || this.saving) return null;
    const problem = noteProblem(call, this.outcomes());
    if (problem && problem.code !== 'NOTE_UNKNOWN_OUTCOME') {
      this.error = problem.message;
      return null;
    }
    this.saving = true;
    this.error = null;
    try {
      const result = await this.api.sessions.saveNote({ sessionId: call.sessionId, text: call.text, outcome: call.outcome });
      if (!result.ok) {
        this.error = result.error.message;
        return null;
      }
      this.done(call);
      // A bare number said as the window shows it (grouped), not as one long figure.
      this.announcement = `Note saved for ${partyName({ displayName: call.name, number: call.number })}`;
      return result.value;
    } finally {
      this.saving = false;
    }
  }

  skip(): void {
    const call = this.current;
    if (!call) return;
    this.done(call);
    void this.api.notes.dropDraft({ sessionId: call.sessionId });
  }

  /** The call's note was saved elsewhere (History): its prompt goes, so an older draft cannot overwrite it. */
  forget(sessionId: string): void {
    const call = this.queue.find((waiting) => waiting.sessionId === sessionId);
    if (call) this.done(call);
  }

  /** Signed out: nothing waits for a note here any more (main keeps them for this agent's return). */
  clear(): void {
    this.queue = [];
    this.error = null;
  }

  private keep(call: WrapUpCall): void {
    const { sessionId, name, number, text, outcome } = call;
    void this.api.notes.keepDraft({ sessionId, name, number, text, outcome }).then((result) => {
      if (!result.ok && this.current?.sessionId === sessionId) this.error = result.error.message;
    });
  }

  private done(call: WrapUpCall): void {
    this.queue = this.queue.filter((waiting) => waiting.sessionId !== call.sessionId);
    this.error = null;
  }
}

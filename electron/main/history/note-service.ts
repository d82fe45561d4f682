/**
 * The agent's wrap-up after a call: a note and an outcome picked from the list in Settings, kept
 * with the session in the local cache (never sent to Evo). Saving again corrects the note. The
 * calls still waiting for a note, and what was typed for them, are kept here too (drafts), so
 * that neither is lost to a reload, a restart or a sign-in elsewhere.
 */
import type { BoardChange, CallNote, CallView, HiddenNotes, NoteDraft } from '../../shared/contract';
import { noteProblem, wantsNote } from '../../shared/note-rules';
import { AppError } from '../../shared/result';
import type { NoteDrafts } from '../db/note-drafts';
import { NoteKeptError, type NoteStore } from '../db/note-store';
import type { Clock } from '../ports';
import { errorText, type Logger } from '../logging/logger';
import type { AuthService } from '../services/auth-service';
import type { SettingsStore } from '../services/settings-store';

export interface NoteServiceDeps {
  auth: AuthService;
  notes: NoteStore;
  drafts: NoteDrafts;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
}

export class NoteService {
  /** The calls on the board, with the agent and server they were seen for. */
  private readonly onBoard = new Map<string, { call: CallView; scope: string }>();

  constructor(private readonly deps: NoteServiceDeps) {}

  /**
   * The board changed: a call the agent talked on that left it waits for its note from now on,
   * whether or not a window is open (closed to the tray, reloading) to see it go. Not when the
   * board empties for a sign-out or another account's sign-in: those calls did not end.
   */
  boardChanged(change: BoardChange): void {
    const scope = this.deps.auth.session ? this.deps.notes.currentScope() : null;
    for (const id of change.removed) {
      const seen = this.onBoard.get(id);
      this.onBoard.delete(id);
      if (!seen || seen.scope !== scope || !wantsNote(seen.call) || !this.deps.settings.get().wrapUp.prompt) continue;
      const { call } = seen;
      try {
        this.deps.drafts.open(seen.scope, { sessionId: call.id, name: call.displayName, number: call.number }, this.deps.clock.now());
      } catch (error) {
        // The window opens the prompt too (notes.keepDraft), and says so if that fails as well.
        this.deps.logger.warn('cache: could not keep a call waiting for its note', { error: errorText(error) });
      }
    }
    if (scope === null) return;
    for (const call of change.upserted) this.onBoard.set(call.id, { call, scope });
  }

  save(input: { sessionId: string; text: string; outcome: string }): CallNote {
    this.deps.auth.requireSession();
    const problem = noteProblem(input, this.deps.settings.get().wrapUp.outcomes);
    if (problem) throw new AppError(problem.code, problem.message);
    try {
      return this.deps.notes.put(input.sessionId, { text: input.text.trim(), outcome: input.outcome.trim() }, this.deps.clock.now());
    } catch (error) {
      this.deps.logger.error('cache: could not save a call note', {
        error: errorText(error instanceof NoteKeptError ? error.cause : error),
      });
      if (error instanceof NoteKeptError) {
        // Kept in memory and written at the next note or history read: the agent loses nothing by going on.
        throw new AppError(
          'NOTE_KEPT',
          "Your note is kept but not saved on disk yet (the disk is full or can't be written). Evo Softphone saves it as soon as it can; it is lost only if you quit first.",
          false,
        );
      }
      throw new AppError(
        'NOTE_NOT_SAVED',
        "Couldn't save the note: the local cache could not be written. Your note is still here; try again.",
        true,
      );
    }
  }

  /** The calls waiting for the signed-in agent's note, oldest first, with what was typed. */
  drafts(): NoteDraft[] {
    this.deps.auth.requireSession();
    return this.deps.drafts.all(this.deps.notes.currentScope());
  }

  /** A call ended (the prompt opens) or the agent typed: kept at once. */
  keepDraft(draft: NoteDraft): Record<string, never> {
    this.deps.auth.requireSession();
    this.written('keep a note draft', () => this.deps.drafts.keep(this.deps.notes.currentScope(), draft, this.deps.clock.now()));
    return {};
  }

  /** Skip: the call no longer waits for a note. */
  dropDraft(input: { sessionId: string }): Record<string, never> {
    this.deps.auth.requireSession();
    this.written('drop a note draft', () => this.deps.drafts.drop(this.deps.notes.currentScope(), input.sessionId));
    return {};
  }

  /** Notes kept for another account (or server): how many, and whose. */
  hidden(): HiddenNotes {
    this.deps.auth.requireSession();
    return this.deps.notes.hidden();
  }

  private written(what: string, write: () => void): void {
    try {
      write();
    } catch (error) {
      this.deps.logger.error(`cache: could not ${what}`, { error: errorText(error) });
      throw new AppError(
        'NOTE_DRAFT_NOT_KEPT',
        "Your note could not be kept on disk (the disk is full or can't be written). It is still on screen; save it when you can.",
        true,
      );
    }
  }
}

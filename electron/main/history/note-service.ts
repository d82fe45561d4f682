/**
 * The agent's wrap-up after a call: a note and an outcome picked from the list in Settings, kept
 * with the session in the local cache (never sent to Evo). Saving again corrects the note.
 */
import type { CallNote } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { NoteKeptError, type NoteStore } from '../db/note-store';
import type { Clock } from '../ports';
import { errorText, type Logger } from '../logging/logger';
import type { AuthService } from '../services/auth-service';
import type { SettingsStore } from '../services/settings-store';

export interface NoteServiceDeps {
  auth: AuthService;
  notes: NoteStore;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
}

export class NoteService {
  constructor(private readonly deps: NoteServiceDeps) {}

  save(input: { sessionId: string; text: string; outcome: string }): CallNote {
    this.deps.auth.requireSession();
    const text = input.text.trim();
    const outcome = input.outcome.trim();
    if (!text && !outcome) throw new AppError('NOTE_EMPTY', 'Type a note or pick an outcome before saving.');
    if (outcome && !this.deps.settings.get().wrapUp.outcomes.includes(outcome)) {
      throw new AppError('NOTE_UNKNOWN_OUTCOME', `"${outcome}" is not one of your outcomes. Pick one from the list.`);
    }
    try {
      return this.deps.notes.put(input.sessionId, { text, outcome }, this.deps.clock.now());
    } catch (error) {
      this.deps.logger.error('cache: could not save a call note', { error: errorText(error instanceof NoteKeptError ? error.cause : error) });
      if (error instanceof NoteKeptError) {
        // Kept in memory and written at the next note or history read: the agent loses nothing by going on.
        throw new AppError(
          'NOTE_KEPT',
          "Your note is kept but not saved on disk yet (the disk is full or can't be written). Evo Softphone saves it as soon as it can; it is lost only if you quit first.",
          false,
        );
      }
      throw new AppError('NOTE_NOT_SAVED', "Couldn't save the note: the local cache could not be written. Your note is still here; try again.", true);
    }
  }
}

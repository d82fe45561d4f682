/**
 * What a call note may hold, checked the same way in the window (before anything is sent, so the
 * agent sees why at once and keeps the text) and in main (the last word).
 */
export const NOTE_MAX_CHARS = 2000;
export const OUTCOME_MAX_CHARS = 40;
/** A draft may be longer than a note: an over-long paste is kept while the agent shortens it. */
export const DRAFT_MAX_CHARS = 20_000;

export interface NoteProblem {
  code: 'NOTE_EMPTY' | 'NOTE_TOO_LONG' | 'NOTE_UNKNOWN_OUTCOME';
  message: string;
}

/** Characters as the agent counts them (an emoji is one), not UTF-16 units. */
export const noteLength = (text: string): number => [...text].length;

export function noteProblem(note: { text: string; outcome: string }, outcomes: readonly string[]): NoteProblem | null {
  const text = note.text.trim();
  const outcome = note.outcome.trim();
  if (!text && !outcome) return { code: 'NOTE_EMPTY', message: 'Type a note or pick an outcome before saving.' };
  const length = noteLength(text);
  if (length > NOTE_MAX_CHARS) {
    const over = length - NOTE_MAX_CHARS;
    return {
      code: 'NOTE_TOO_LONG',
      message: `The note is ${length.toLocaleString('en-US')} characters long; the most is ${NOTE_MAX_CHARS.toLocaleString('en-US')}. Shorten it by ${over.toLocaleString('en-US')} ${over === 1 ? 'character' : 'characters'}: nothing was saved, your text is still here.`,
    };
  }
  if (outcome && !outcomes.includes(outcome)) {
    return { code: 'NOTE_UNKNOWN_OUTCOME', message: `"${outcome}" is not one of your outcomes. Pick one from the list.` };
  }
  return null;
}

/** A call that left the board asks for a note when the agent talked on it (it was answered) and it was not a consult. */
export const wantsNote = (call: { answeredAt: string | null; consultOf: string | null }): boolean =>
  call.answeredAt !== null && call.consultOf === null;

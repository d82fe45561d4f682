import type { NoteService } from '../../history/note-service';
import type { SessionHistory } from '../../history/session-history';
import type { Handlers } from '../router';

export const noteHandlers = (
  notes: NoteService,
  history: SessionHistory,
): Pick<Handlers, 'notes.drafts' | 'notes.keepDraft' | 'notes.dropDraft' | 'notes.hidden' | 'history.recentContacts'> => ({
  'notes.drafts': () => notes.drafts(),
  'notes.keepDraft': (draft) => notes.keepDraft(draft),
  'notes.dropDraft': (input) => notes.dropDraft(input),
  'notes.hidden': () => notes.hidden(),
  'history.recentContacts': () => history.recentContacts(),
});

import type { CallActions } from '../../services/call-actions';
import type { HoldPromises } from '../../services/hold-promises';
import type { NoteService } from '../../services/note-service';
import type { SessionService } from '../../services/session-service';
import type { Handlers } from '../router';

type SessionHandlers = Pick<
  Handlers,
  | 'sessions.active'
  | 'sessions.refresh'
  | 'sessions.history'
  | 'sessions.get'
  | 'sessions.hold'
  | 'sessions.resume'
  | 'sessions.end'
  | 'sessions.transfer'
  | 'sessions.addParticipant'
  | 'sessions.leave'
  | 'sessions.consult'
  | 'sessions.completeTransfer'
  | 'sessions.merge'
  | 'sessions.cancelConsult'
  | 'sessions.saveNote'
  | 'sessions.create'
  | 'sessions.answer'
  | 'sessions.recentNumbers'
>;

export const sessionHandlers = (
  sessions: SessionService,
  actions: CallActions,
  notes: NoteService,
  promises: Pick<HoldPromises, 'hygiene'>,
): SessionHandlers => ({
  'sessions.active': () => sessions.active(),
  'sessions.refresh': async () => {
    await sessions.syncNow();
    return sessions.active();
  },
  'sessions.history': (input) => sessions.history(input ?? {}),
  'sessions.get': async ({ sessionId }) => ({ ...(await sessions.get(sessionId)), hygiene: promises.hygiene(sessionId) }),
  'sessions.hold': (input) => actions.hold(input),
  'sessions.resume': (input) => actions.resume(input),
  'sessions.end': (input) => actions.end(input),
  'sessions.transfer': (input) => actions.transfer(input),
  'sessions.addParticipant': (input) => actions.addParticipant(input),
  'sessions.leave': (input) => actions.leave(input),
  'sessions.consult': (input) => actions.consult(input),
  'sessions.completeTransfer': (input) => actions.completeTransfer(input),
  'sessions.merge': (input) => actions.merge(input),
  'sessions.cancelConsult': (input) => actions.cancelConsult(input),
  'sessions.saveNote': (input) => notes.save(input),
  'sessions.create': (input) => actions.create(input),
  'sessions.answer': (input) => actions.answer(input),
  'sessions.recentNumbers': () => sessions.recentNumbers(),
});

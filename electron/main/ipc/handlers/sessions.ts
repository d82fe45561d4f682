import type { CallActions } from '../../calls/call-actions';
import type { HoldPromises } from '../../calls/hold-promises';
import type { NoteService } from '../../history/note-service';
import type { BoardStore } from '../../calls/board-store';
import type { SyncLoop } from '../../calls/sync-loop';
import type { SessionHistory } from '../../history/session-history';
import type { SessionView } from '../../../shared/contract';
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

export interface SessionRooms {
  sync: SyncLoop;
  store: BoardStore;
  history: SessionHistory;
  actions: CallActions;
  notes: NoteService;
  promises: Pick<HoldPromises, 'hygiene'>;
  checkIn(sessionId: string): Promise<SessionView>;
}

export const sessionHandlers = ({ sync, store, history, actions, notes, promises, checkIn }: SessionRooms): SessionHandlers => ({
  'sessions.active': () => store.active(),
  'sessions.refresh': async () => {
    await sync.syncNow();
    return store.active();
  },
  'sessions.history': (input) => history.history(input ?? {}),
  'sessions.get': async ({ sessionId }) => ({ ...(await history.get(sessionId)), hygiene: promises.hygiene(sessionId) }),
  'sessions.hold': (input) => actions.hold(input),
  'sessions.resume': ({ sessionId, checkIn: checkingIn }) => (checkingIn ? checkIn(sessionId) : actions.resume({ sessionId })),
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
  'sessions.recentNumbers': () => history.recentNumbers(),
});

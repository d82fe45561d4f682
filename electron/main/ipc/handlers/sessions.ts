import type { CallActions } from '../../services/call-actions';
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
  | 'sessions.create'
  | 'sessions.answer'
  | 'sessions.recentNumbers'
>;

export const sessionHandlers = (sessions: SessionService, actions: CallActions): SessionHandlers => ({
  'sessions.active': () => sessions.active(),
  'sessions.refresh': async () => {
    await sessions.syncNow();
    return sessions.active();
  },
  'sessions.history': (input) => sessions.history(input ?? {}),
  'sessions.get': ({ sessionId }) => sessions.get(sessionId),
  'sessions.hold': (input) => actions.hold(input),
  'sessions.resume': (input) => actions.resume(input),
  'sessions.end': (input) => actions.end(input),
  'sessions.transfer': (input) => actions.transfer(input),
  'sessions.create': (input) => actions.create(input),
  'sessions.answer': (input) => actions.answer(input),
  'sessions.recentNumbers': () => sessions.recentNumbers(),
});

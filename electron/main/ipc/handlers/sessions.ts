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

export const sessionHandlers = (sessions: SessionService): SessionHandlers => ({
  'sessions.active': () => sessions.active(),
  'sessions.refresh': async () => {
    await sessions.syncNow();
    return sessions.active();
  },
  'sessions.history': (input) => sessions.history(input ?? {}),
  'sessions.get': ({ sessionId }) => sessions.get(sessionId),
  'sessions.hold': (input) => sessions.hold(input),
  'sessions.resume': (input) => sessions.resume(input),
  'sessions.end': (input) => sessions.end(input),
  'sessions.transfer': (input) => sessions.transfer(input),
  'sessions.create': (input) => sessions.create(input),
  'sessions.answer': (input) => sessions.answer(input),
  'sessions.recentNumbers': () => sessions.recentNumbers(),
});

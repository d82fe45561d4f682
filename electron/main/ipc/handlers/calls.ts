import type { CallActions } from '../../services/call-actions';
import type { CallBoard } from '../../services/call-board';
import type { SessionService } from '../../services/session-service';
import type { Handlers } from '../router';

export const callHandlers = (
  board: CallBoard,
  actions: CallActions,
  sessions: SessionService,
): Pick<Handlers, 'calls.board' | 'calls.freeLine' | 'calls.dismissFailure' | 'calls.refresh'> => ({
  'calls.board': () => board.snapshot(),
  'calls.freeLine': (input) => actions.freeLine(input),
  'calls.dismissFailure': (input) => actions.dismissFailure(input),
  'calls.refresh': ({ reason }) => ({ refreshing: sessions.refresh(reason) }),
});

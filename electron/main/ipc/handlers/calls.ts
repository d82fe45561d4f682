import type { CallActions } from '../../services/call-actions';
import type { CallBoard } from '../../services/call-board';
import type { Handlers } from '../router';

export const callHandlers = (
  board: CallBoard,
  actions: CallActions,
): Pick<Handlers, 'calls.board' | 'calls.freeLine' | 'calls.dismissFailure'> => ({
  'calls.board': () => board.snapshot(),
  'calls.freeLine': (input) => actions.freeLine(input),
  'calls.dismissFailure': (input) => actions.dismissFailure(input),
});

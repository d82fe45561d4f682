import type { CallActions } from '../../calls/call-actions';
import type { CallBoard } from '../../calls/call-board';
import type { SyncLoop } from '../../calls/sync-loop';
import type { Handlers } from '../router';

export const callHandlers = (
  board: CallBoard,
  actions: CallActions,
  sync: SyncLoop,
): Pick<Handlers, 'calls.board' | 'calls.freeLine' | 'calls.dismissFailure' | 'calls.refresh'> => ({
  'calls.board': () => board.snapshot(),
  'calls.freeLine': (input) => actions.freeLine(input),
  'calls.dismissFailure': (input) => actions.dismissFailure(input),
  'calls.refresh': ({ reason }) => ({ refreshing: sync.refresh(reason) }),
});

/**
 * Check in: the held caller comes off hold (the live call, if any, is held first, as every resume
 * does) and the check-in is counted; "Back on hold" is a plain hold, which starts a new hold and so
 * a fresh promise (hold-promises.ts). The window's button and the check-in hotkey both come here.
 */
import type { SessionView } from '../../shared/contract';
import type { CallActions } from './call-actions';
import type { CallBoard } from './call-board';
import type { HoldPromises } from './hold-promises';

export function checkIn(deps: { actions: Pick<CallActions, 'run'>; board: Pick<CallBoard, 'reveal'>; promises: Pick<HoldPromises, 'checkedIn'> }) {
  return async (sessionId: string): Promise<SessionView> => {
    // The table's Check in row: off hold, the live call held first (a resume's plan).
    const view = (await deps.actions.run('checkIn', { sessionId })) as SessionView;
    deps.promises.checkedIn(sessionId);
    deps.board.reveal();
    return view;
  };
}

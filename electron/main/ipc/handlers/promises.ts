import type { CallBoard } from '../../calls/call-board';
import type { HoldPromises } from '../../calls/hold-promises';
import type { Handlers } from '../router';

export const promiseHandlers = (board: CallBoard, promises: HoldPromises): Pick<Handlers, 'calls.setPromise' | 'sessions.today'> => ({
  'calls.setPromise': ({ sessionId, minutes }) => {
    promises.change(board.get(sessionId), minutes);
    // Everyone (window, compact view, tray, reminders) hears of it through the board.
    board.reveal();
    return {};
  },
  'sessions.today': () => promises.shift(),
});

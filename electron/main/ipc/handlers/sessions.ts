import { callActionTable, type CallActionChannel, type CallActionName, type CallActionRow } from '../../../shared/call-action-table';
import type { CallActions } from '../../calls/call-actions';
import type { HoldPromises } from '../../calls/hold-promises';
import type { NoteService } from '../../history/note-service';
import type { BoardStore } from '../../calls/board-store';
import type { SyncLoop } from '../../calls/sync-loop';
import type { SessionHistory } from '../../history/session-history';
import type { Handlers } from '../router';

type SessionHandlers = Pick<
  Handlers,
  | 'sessions.active'
  | 'sessions.refresh'
  | 'sessions.history'
  | 'sessions.get'
  | 'sessions.saveNote'
  | 'sessions.create'
  | 'sessions.recentNumbers'
>;

export interface SessionRooms {
  sync: SyncLoop;
  store: BoardStore;
  history: SessionHistory;
  actions: CallActions;
  notes: NoteService;
  promises: Pick<HoldPromises, 'hygiene'>;
}

export const sessionHandlers = ({ sync, store, history, actions, notes, promises }: SessionRooms): SessionHandlers => ({
  'sessions.active': () => store.active(),
  'sessions.refresh': async () => {
    await sync.syncNow();
    return store.active();
  },
  'sessions.history': (input) => history.history(input ?? {}),
  'sessions.get': async ({ sessionId }) => ({ ...(await history.get(sessionId)), hygiene: promises.hygiene(sessionId) }),
  'sessions.saveNote': (input) => notes.save(input),
  'sessions.create': (input) => actions.create(input),
  'sessions.recentNumbers': () => history.recentNumbers(),
});

/** One handler per row of the call action table that has a channel: the row's action, as its channel carries it. */
export const actionHandlers = (actions: CallActions): Pick<Handlers, CallActionChannel> =>
  Object.fromEntries(
    (Object.entries(callActionTable) as [CallActionName, CallActionRow][]).flatMap(([name, row]) =>
      row.channel ? [[row.channel.name, (input: Parameters<CallActions['run']>[1]) => actions.run(name, input)]] : [],
    ),
  ) as unknown as Pick<Handlers, CallActionChannel>;

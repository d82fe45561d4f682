/**
 * The one composition root, shared by the Electron main process and the browser harness: cache,
 * the calls, history, services, IPC handlers and (given its ports) the desktop, built from ports.
 * Nothing here imports Electron: the app passes its adapters, the harness its in-memory ones.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo, StorageStatus } from '../../shared/contract';
import { NoteStore } from '../db/note-store';
import { NoteDrafts } from '../db/note-drafts';
import { PromiseStore } from '../db/promise-store';
import { ShiftStats } from '../db/shift-stats';
import type { SessionCache } from '../db/session-cache';
import { openCache } from '../db/open';
import { StorageHealth } from '../db/storage-health';
import { CacheRetention } from '../db/retention';
import { EvoClient, type EvoClientOptions } from '../evo/client';
import { SkippedRows } from '../evo/session-rows';
import type { Handlers } from '../ipc/router';
import { appHandlers } from '../ipc/handlers/app';
import { authHandlers } from '../ipc/handlers/auth';
import { callHandlers } from '../ipc/handlers/calls';
import { promiseHandlers } from '../ipc/handlers/promises';
import { actionHandlers, sessionHandlers } from '../ipc/handlers/sessions';
import { settingsHandlers } from '../ipc/handlers/settings';
import { voiceHandlers } from '../ipc/handlers/voice';
import { systemClock, type Clock, type DemoBackend, type EventSink, type SecretStore } from '../ports';
import type { Logger } from '../logging/logger';
import { AppError } from '../../shared/result';
import { MainEvents } from './events';
import { wireDesktop, type Desktop, type DesktopPorts } from './desktop';
import { AuthService } from '../services/auth-service';
import { BoardStore, cacheWriteFailed } from '../calls/board-store';
import { CallActions } from '../calls/call-actions';
import { CallBoard } from '../calls/call-board';
import { SyncLoop } from '../calls/sync-loop';
import { HoldPromises } from '../calls/hold-promises';
import { SessionHistory } from '../history/session-history';
import { CredentialVault } from '../services/credential-vault';
import { LastAccountStore } from '../services/last-account';
import { NoteService } from '../history/note-service';
import { noteHandlers } from '../ipc/handlers/notes';
import { SettingsStore } from '../services/settings-store';

export interface CoreDeps {
  dataDir: string;
  appInfo: AppInfo;
  secrets: SecretStore;
  logger: Logger;
  emit: EventSink;
  /** Starts (once) the built-in demo backend and answers where it is and who signs in there. */
  demoServer(): Promise<DemoBackend>;
  /** The built-in simulator's URL once it runs, else null. */
  runningDemoServer?(): string | null;
  configuredServer?: string;
  clock?: Clock;
  /** The desktop's surfaces (the Electron app's adapters); the harness has none. */
  desktop?: DesktopPorts;
  /** Subscribes to the demo backend's ring (it has no Voice SDK: its ring is the "incoming" that refreshes the board). */
  onDemoRing?(listener: () => void): void;
  /** First run, nothing configured: sign in to the built-in demo (the Electron app does). */
  autoDemo?: boolean;
  /** A private Twilio signalling host for the phone (EVO_TWILIO_CHUNDERW); tests point it at a local stub. */
  twilioChunderw?: string;
  /** A promise minute in ms (the harness shortens it for its tests); 60 s by default. */
  promiseMinuteMs?: number;
  /** Overrides for the Evo client (tests use short deadlines). */
  client?: Partial<Omit<EvoClientOptions, 'baseUrl' | 'userAgent'>>;
}

export interface Core {
  handlers: Handlers;
  auth: AuthService;
  /** Keeps the board current with Evo (the poll loop and its refreshes). */
  sync: SyncLoop;
  /** The agent's calls: what every surface shows. */
  board: CallBoard;
  /** Every hold's promise and every check-in. */
  promises: HoldPromises;
  /** Server answers onto the board and into the cache. */
  store: BoardStore;
  /** Past sessions, one session's detail, recent numbers. */
  history: SessionHistory;
  /** Hold, resume, answer, hang up...: by the board's rules. */
  actions: CallActions;
  settings: SettingsStore;
  cache: SessionCache;
  /** The one emitter: to the window, and to main's own listeners (tray, reminders, hotkeys). */
  events: MainEvents;
  /** Whether history is saved on disk, and if not, the notice the window shows. */
  storage: StorageStatus;
  /** Malformed session rows Evo sent, skipped; counted for Help > Copy diagnostics. */
  skippedRows: SkippedRows;
  /** The tray, hotkeys, notifications and updates, when the app has a desktop. */
  desktop: Desktop | null;
  /** The phone's registration state as the renderer last reported it. */
  phoneStatus(): string;
  /** Restores a remembered sign-in and starts syncing. */
  start(): Promise<void>;
  dispose(): void;
}

export function createCore(deps: CoreDeps): Core {
  try {
    mkdirSync(deps.dataDir, { recursive: true, mode: 0o700 });
  } catch {
    // openCache reports what the folder refuses (read-only, full); the app runs on in memory.
  }
  const clock = deps.clock ?? systemClock;
  const events = new MainEvents(deps.emit);
  const { db, cache, notSavedNotice } = openCache(join(deps.dataDir, 'session-cache.sqlite'), deps.logger, {
    onLateWriteFailed: (error) => cacheWriteFailed(deps.logger, 'answer', error),
    onWriteFailed: (error) => health.writeFailed(error),
  });
  const storage: StorageStatus = { historySaved: notSavedNotice === null, notice: notSavedNotice };
  const health = new StorageHealth(storage, (status) => events.emit('app.storageChanged', status));
  const notes = new NoteStore(db, (error) => health.writeFailed(error));
  const settings = new SettingsStore(deps.dataDir, deps.logger, (value) => events.emit('settings.changed', value));
  const userAgent = `EvoSoftphone/${deps.appInfo.version} (${deps.appInfo.platform})`;
  const skippedRows = new SkippedRows(deps.logger);

  const promises = new HoldPromises({
    store: new PromiseStore(db),
    shift: new ShiftStats(db),
    clock,
    logger: deps.logger,
    defaultMinutes: () => settings.get().holdPromiseMinutes,
    minuteMs: deps.promiseMinuteMs,
  });
  const auth = new AuthService({
    makeClient: (server, onCredentialsRejected) =>
      new EvoClient({ clock, ...deps.client, baseUrl: server, userAgent, onCredentialsRejected, skippedRows }),
    vault: new CredentialVault(deps.secrets),
    cache,
    logger: deps.logger,
    demoServer: deps.demoServer,
    runningDemoServer: deps.runningDemoServer,
    lastAccount: new LastAccountStore(deps.dataDir),
    autoDemo: deps.autoDemo,
    configuredServer: deps.configuredServer,
    onChanged: (status) => {
      promises.forget();
      sync.stop();
      if (status.signedIn) sync.start();
      events.emit('auth.changed', status);
    },
  });
  const board = new CallBoard({
    viewer: () => auth.viewer(),
    emit: (change) => events.emit('calls.changed', change),
    decorate: (view) => promises.decorate(view),
  });
  const store = new BoardStore({ auth, cache, board, clock, logger: deps.logger });
  const sync = new SyncLoop({
    auth,
    board,
    store,
    clock,
    logger: deps.logger,
    onBoardChanged: (listener) => events.on('calls.changed', listener),
  });
  const retention = new CacheRetention({
    db,
    clock,
    logger: deps.logger,
    months: () => settings.get().historyRetentionMonths,
    onBoard: () => board.calls().map((call) => call.id),
  });
  // A shorter "Keep call history" applies now, not tomorrow.
  events.on('settings.changed', (value) => {
    if (value.historyRetentionMonths !== retentionMonths) retention.start();
    retentionMonths = value.historyRetentionMonths;
  });
  let retentionMonths = settings.get().historyRetentionMonths;
  const history = new SessionHistory({ auth, cache, notes, store, clock, logger: deps.logger });
  const actions = new CallActions({
    auth,
    board,
    store,
    sync,
    cache,
    clock,
    logger: deps.logger,
    // A check-in changes the call's count after its last step reached the board: the window is told.
    done: (name, sessionId) => {
      if (promises.actionDone(name, sessionId)) board.reveal();
    },
  });
  deps.onDemoRing?.(() => sync.refresh('incoming'));
  const desktop = deps.desktop ? wireDesktop({ board, actions, events, settings, clock, logger: deps.logger }, deps.desktop) : null;

  let phoneStatus = 'offline';
  const noteService = new NoteService({ auth, notes, drafts: new NoteDrafts(db), settings, clock, logger: deps.logger });
  events.on('calls.changed', (change) => noteService.boardChanged(change));
  const handlers: Handlers = {
    ...appHandlers({
      info: deps.appInfo,
      storage,
      restartToUpdate: () => {
        if (!desktop) throw new AppError('UPDATE_NOT_READY', 'No update is ready yet.');
        return desktop.restartToUpdate();
      },
    }),
    ...authHandlers(auth),
    ...actionHandlers(actions),
    ...sessionHandlers({ sync, store, history, actions, notes: noteService, promises }),
    ...noteHandlers(noteService, history),
    ...promiseHandlers(board, promises),
    ...callHandlers(board, actions, sync),
    ...voiceHandlers(auth, (status) => (phoneStatus = status), deps.twilioChunderw ?? null),
    ...settingsHandlers(settings, () => desktop?.controller.hotkeys.conflicts() ?? {}),
  };

  return {
    handlers,
    auth,
    sync,
    board,
    promises,
    store,
    history,
    actions,
    settings,
    cache,
    events,
    storage,
    skippedRows,
    phoneStatus: () => phoneStatus,
    desktop,
    async start() {
      desktop?.start();
      retention.start();
      await auth.restore();
    },
    dispose() {
      desktop?.stop();
      retention.stop();
      sync.dispose();
      promises.flush();
      cache.flush();
      db.close();
    },
  };
}

/**
 * The app's core, shared by the Electron main process and the browser harness: cache, services
 * and IPC handlers built from ports. Nothing here imports Electron.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo, HotkeyConflicts } from '../shared/contract';
import { SessionCache } from './db/session-cache';
import { openCache } from './db/open';
import { EvoClient, type EvoClientOptions } from './evo/client';
import type { Handlers } from './ipc/router';
import { appHandlers } from './ipc/handlers/app';
import { authHandlers } from './ipc/handlers/auth';
import { callHandlers } from './ipc/handlers/calls';
import { sessionHandlers } from './ipc/handlers/sessions';
import { settingsHandlers } from './ipc/handlers/settings';
import { voiceHandlers } from './ipc/handlers/voice';
import { systemClock, type Clock, type EventSink, type Logger, type SecretStore } from './ports';
import { AppError } from '../shared/result';
import { MainEvents } from './events';
import { AuthService } from './services/auth-service';
import { CallActions } from './services/call-actions';
import { CallBoard } from './services/call-board';
import { CredentialVault } from './services/credential-vault';
import { LastAccountStore } from './services/last-account';
import { SessionService } from './services/session-service';
import { SettingsStore } from './services/settings-store';

export interface CoreDeps {
  dataDir: string;
  appInfo: AppInfo;
  secrets: SecretStore;
  logger: Logger;
  emit: EventSink;
  /** Starts (once) the built-in simulator for demo mode and answers its URL. */
  demoServer(): Promise<string>;
  /** The built-in simulator's URL once it runs, else null. */
  runningDemoServer?(): string | null;
  configuredServer?: string;
  clock?: Clock;
  /** The desktop's hotkey conflicts (none where there are no global hotkeys, as in the harness). */
  hotkeyConflicts?: () => HotkeyConflicts;
  /** First run, nothing configured: sign in to the built-in demo (the Electron app does). */
  autoDemo?: boolean;
  /** A private Twilio signalling host for the phone (EVO_TWILIO_CHUNDERW); tests point it at a local stub. */
  twilioChunderw?: string;
  /** "Restart to update" (Electron's updater); the harness has none. */
  restartToUpdate?: () => { restarting: true };
  /** Overrides for the Evo client (tests use short deadlines). */
  client?: Partial<Omit<EvoClientOptions, 'baseUrl' | 'userAgent'>>;
}

export interface Core {
  handlers: Handlers;
  auth: AuthService;
  sessions: SessionService;
  /** The agent's calls: what every surface shows. */
  board: CallBoard;
  /** Hold, resume, answer, hang up...: by the board's rules. */
  actions: CallActions;
  settings: SettingsStore;
  cache: SessionCache;
  /** The one emitter: to the window, and to main's own listeners (tray, reminders, hotkeys). */
  events: MainEvents;
  /** The phone's registration state as the renderer last reported it. */
  phoneStatus(): string;
  /** Restores a remembered sign-in and starts syncing. */
  start(): Promise<void>;
  dispose(): void;
}

export function createCore(deps: CoreDeps): Core {
  mkdirSync(deps.dataDir, { recursive: true, mode: 0o700 });
  const clock = deps.clock ?? systemClock;
  const { db } = openCache(join(deps.dataDir, 'session-cache.sqlite'), deps.logger);
  // eslint-disable-next-line prefer-const -- the services refer to each other through callbacks
  let sessions: SessionService;
  const cache = new SessionCache(db, { onLateWriteFailed: (error) => sessions.cacheWriteFailed('answer', error) });
  const events = new MainEvents(deps.emit);
  const settings = new SettingsStore(deps.dataDir, deps.logger, (value) => events.emit('settings.changed', value));
  const userAgent = `EvoSoftphone/${deps.appInfo.version} (${deps.appInfo.platform})`;

  const auth = new AuthService({
    makeClient: (server) => new EvoClient({ ...deps.client, baseUrl: server, userAgent }),
    vault: new CredentialVault(deps.secrets),
    cache,
    logger: deps.logger,
    demoServer: deps.demoServer,
    runningDemoServer: deps.runningDemoServer,
    lastAccount: new LastAccountStore(deps.dataDir),
    autoDemo: deps.autoDemo,
    configuredServer: deps.configuredServer,
    onChanged: (status) => {
      if (status.signedIn) {
        sessions.stop();
        sessions.start();
      } else {
        sessions.stop();
      }
      events.emit('auth.changed', status);
    },
  });
  const board = new CallBoard({
    viewer: () => {
      const user = auth.session?.user;
      return user ? { userId: user.id, name: user.name } : null;
    },
    emit: (change) => events.emit('calls.changed', change),
  });
  sessions = new SessionService({
    auth,
    cache,
    board,
    clock,
    logger: deps.logger,
  });
  const actions = new CallActions({ auth, board, sessions, cache, clock, logger: deps.logger });

  let phoneStatus = 'offline';
  const handlers: Handlers = {
    ...appHandlers({
      info: deps.appInfo,
      restartToUpdate:
        deps.restartToUpdate ??
        (() => {
          throw new AppError('UPDATE_NOT_READY', 'No update is ready yet.');
        }),
    }),
    ...authHandlers(auth),
    ...sessionHandlers(sessions, actions),
    ...callHandlers(board, actions, sessions),
    ...voiceHandlers(auth, (status) => (phoneStatus = status), deps.twilioChunderw ?? null),
    ...settingsHandlers(settings, deps.hotkeyConflicts ?? (() => ({}))),
  };

  return {
    handlers,
    auth,
    sessions,
    board,
    actions,
    settings,
    cache,
    events,
    phoneStatus: () => phoneStatus,
    async start() {
      await auth.restore();
    },
    dispose() {
      sessions.dispose();
      cache.flush();
      db.close();
    },
  };
}

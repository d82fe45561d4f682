/**
 * An in-memory `window.softphone` for component tests: built from the real contract (so it has
 * exactly the preload's shape) over a transport whose answers each test sets.
 */
import { buildSoftphoneApi, type SoftphoneApi } from '../../electron/shared/softphone-api';
import type { Result } from '../../electron/shared/result';
import type { AuthStatus, Board, CallView, ServerList, SessionView, Settings } from '../../electron/shared/contract';
import { defaultSettings } from '../../electron/main/services/settings-store';

type Answer = Result<unknown> | ((payload: unknown) => Result<unknown> | Promise<Result<unknown>>);

export function fakeSoftphone() {
  const answers = new Map<string, Answer>();
  const calls: { channel: string; payload: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: SoftphoneApi = buildSoftphoneApi({
    async invoke(channel, payload) {
      calls.push({ channel, payload });
      const answer = answers.get(channel);
      // No code of its own: a test double's failure is not one the app can meet (error-codes.ts).
      if (!answer) return { ok: false, error: { code: 'INTERNAL', message: `${channel} not stubbed` } };
      return typeof answer === 'function' ? answer(payload) : answer;
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });
  return {
    api,
    calls,
    answer(channel: string, answer: Answer) {
      answers.set(channel, answer);
    },
    emit(event: string, payload: unknown) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

export const signedOut: AuthStatus = {
  signedIn: false,
  server: null,
  demo: false,
  user: null,
  remembered: false,
  canRemember: true,
  notice: null,
};

export const signedInStatus: AuthStatus = {
  ...signedOut,
  signedIn: true,
  server: 'https://evovoice.io',
  user: { id: 'usr-1', name: 'Dana Agent', email: 'dana@example.com' },
};

export function sessionView(overrides: Partial<SessionView> = {}): SessionView {
  return {
    id: 'SE1',
    displayName: 'Jane Doe',
    number: '+15550100199',
    direction: 'Incoming',
    callState: 'Connected',
    held: false,
    holdReason: 'None',
    heldBy: '',
    holdQueueName: '',
    heldSince: null,
    ended: false,
    wasMissed: false,
    callSid: 'CA1',
    members: [{ displayName: 'Dana Agent', identity: 'client:dana', callSid: 'CA-agent', role: 'Agent', callState: 'Connected' }],
    dateCreated: new Date(Date.now() - 65_000).toISOString(),
    dateLastModified: new Date().toISOString(),
    dateCompleted: '',
    answeredAt: new Date(Date.now() - 60_000).toISOString(),
    log: [],
    logOmitted: 0,
    note: null,
    ...overrides,
  };
}

/** A call on the board: Jane Doe, live for a minute, unless told otherwise. */
export function callView(overrides: Partial<CallView> = {}): CallView {
  return {
    id: 'SE1',
    phase: 'live',
    pending: null,
    failure: null,
    displayName: 'Jane Doe',
    number: '+15550100199',
    direction: 'Incoming',
    callState: 'Connected',
    evoState: 'Connected',
    holdReason: 'None',
    heldBy: '',
    heldByMe: false,
    holdQueueName: '',
    heldSince: null,
    answeredAt: new Date(Date.now() - 60_000).toISOString(),
    queue: '',
    callSid: 'CA1',
    members: [{ displayName: 'Dana Agent', identity: 'client:dana', callSid: 'CA-agent', role: 'Agent', callState: 'Connected' }],
    dateCreated: new Date(Date.now() - 65_000).toISOString(),
    consultOf: null,
    conference: false,
    promise: null,
    checkIns: 0,
    ...overrides,
  };
}

/** Acme Corp, put on hold by the agent at `heldSince`. */
export const heldCaller = (heldSince: string): CallView =>
  callView({ id: 'H', displayName: 'Acme Corp', number: '+15550100777', phase: 'held', callState: 'Hold', heldSince, heldByMe: true });

/** Sam Caller, ringing in. */
export const ringingCaller = (): CallView =>
  callView({ id: 'R', displayName: 'Sam Caller', number: '+15550100555', phase: 'ringingIn', callState: 'Ringing', answeredAt: null });

/** A board as main answers `calls.board`; the current call is worked out as main would. */
export function board(calls: CallView[], overrides: Partial<Board> = {}): Board {
  const live = calls.filter((call) => call.phase === 'live').at(-1);
  const held = calls.filter((call) => call.phase === 'held' || call.phase === 'heldForTransfer').at(-1);
  return { version: 1, calls, currentId: live?.id ?? null, lastHeldId: held?.id ?? null, connection: 'online', error: null, ...overrides };
}

export const testServers: ServerList = {
  servers: [{ url: 'https://evovoice.io', label: 'Evo Voice' }],
  preselected: 'https://evovoice.io',
  lastEmail: 'dana@example.com',
};

/** A window's softphone with every start-up channel answered: signed in (or as `status` says), these calls on the board. */
export function startedWindow(calls: CallView[] = [], options: { status?: AuthStatus; currentId?: string; settings?: Settings } = {}) {
  const fake = fakeSoftphone();
  fake.answer('app.info', { ok: true, value: { name: 'Evo Softphone', version: '9.9.9', platform: 'linux' } });
  fake.answer('auth.status', { ok: true, value: options.status ?? signedInStatus });
  fake.answer('auth.servers', { ok: true, value: testServers });
  fake.answer('settings.get', { ok: true, value: options.settings ?? defaultSettings });
  fake.answer('sessions.recentNumbers', { ok: true, value: [] });
  fake.answer('calls.board', { ok: true, value: board(calls, options.currentId ? { currentId: options.currentId } : {}) });
  fake.answer('settings.hotkeyConflicts', { ok: true, value: {} });
  fake.answer('voice.reportStatus', { ok: true, value: {} });
  // Notes: nothing waiting, nothing hidden; a test that needs more answers these itself.
  fake.answer('history.recentContacts', { ok: true, value: [] });
  fake.answer('notes.drafts', { ok: true, value: [] });
  fake.answer('notes.keepDraft', { ok: true, value: {} });
  fake.answer('notes.dropDraft', { ok: true, value: {} });
  fake.answer('notes.hidden', { ok: true, value: { count: 0, account: null } });
  return fake;
}

/** The app's real defaults, as main would answer them. */
export const defaultTestSettings: Settings = defaultSettings;

/** A promise with its resolve handle, to hold a call "in flight". */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

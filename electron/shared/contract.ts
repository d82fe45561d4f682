/**
 * The one IPC contract. Main (router), preload (window.softphone), the browser harness and the
 * renderer all derive from these maps; add a method here first.
 */
import { z } from 'zod';
import type { EVENT_CHANNELS, INVOKE_CHANNELS } from './channels';
import type { CallPhase as RulesPhase, HoldMode as RulesHoldMode } from './call-rules';
import { BOARD_ACTIONS, callActionTable, type ActionAnswer, type ActionInput, type CallActionRow } from './call-action-table';
import { isSafeSessionId } from './session-id';
import { ERROR_CODES } from './error-codes';
import { DEFAULT_PROMISE_CHOICES, DEFAULT_PROMISE_MINUTES, PROMISE_CHOICES } from './hold-promise';
import { DEFAULT_RETENTION_MONTHS, RETENTION_CHOICES } from './history-retention';
import { DRAFT_MAX_CHARS, OUTCOME_MAX_CHARS } from './note-rules';

/** Session ids and call SIDs: never `.`/`..` (also encoded) nor anything that splits a URL path segment. */
const id = z.string().trim().min(1).max(200).refine(isSafeSessionId, 'not a valid id');
/** A number as the agent typed it; main normalises it with the dialer's rules (shared/destination.ts). */
const destination = z.string().trim().min(1).max(64);
const shortText = z.string().max(500);

export const CallState = z.enum(['Disconnected', 'Ringing', 'Connected', 'Hold', 'Passive']);
export const HoldReason = z.enum(['None', 'Transferring']);
export const Direction = z.enum(['Incoming', 'Outgoing']);

export const AppInfo = z.object({ name: z.string(), version: z.string(), platform: z.string() });
/** Whether the session cache is on disk; when it is not, `notice` ("History is not being saved: …") is shown. */
export const StorageStatus = z.object({ historySaved: z.boolean(), notice: z.string().nullable() });

export const ServerChoice = z.object({ url: z.string(), label: z.string() });
export const AuthStatus = z.object({
  signedIn: z.boolean(),
  server: z.string().nullable(),
  demo: z.boolean(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  /** Whether the password is stored (encrypted) for re-sign-in after a restart. */
  remembered: z.boolean(),
  /** False when the OS offers no real encryption, so "Remember me" cannot be honoured. */
  canRemember: z.boolean(),
  /** Set after sign-in when "Remember me" was asked for but refused; shown to the agent. */
  notice: z.string().nullable(),
});
export const ServerList = z.object({
  servers: z.array(ServerChoice),
  preselected: z.string(),
  /** The email of the last sign-in on this computer, to fill the form. */
  lastEmail: z.string().nullable(),
});

export const SessionMember = z.object({
  displayName: z.string(),
  identity: z.string(),
  callSid: z.string(),
  role: z.string(),
  callState: z.string(),
});
export const SessionLogLine = z.object({ date: z.string(), message: z.string() });
/** The agent's own wrap-up of a call: kept in the local cache, never sent to Evo. */
export const CallNote = z.object({ text: z.string(), outcome: z.string(), savedAt: z.string() });
/** A call waiting for the agent's note, with what was typed so far (kept in main, per agent and server). */
export const NoteDraft = z.object({ sessionId: z.string(), name: z.string(), number: z.string(), text: z.string(), outcome: z.string() });
/** Notes kept for another account or server: hidden while this one is signed in, never deleted. */
export const HiddenNotes = z.object({ count: z.number().int().min(0), account: z.string().nullable() });
/** A number dialled or called lately, with the name the calls gave it ('' when none). */
export const RecentContact = z.object({ number: z.string(), name: z.string() });
export const SessionView = z.object({
  id: z.string(),
  displayName: z.string(),
  /** The other party's number (from for incoming, to for outgoing). */
  number: z.string(),
  direction: Direction,
  callState: CallState,
  held: z.boolean(),
  holdReason: HoldReason,
  heldBy: z.string(),
  holdQueueName: z.string(),
  /** ISO time the current hold began (from the cache's hold spans), null when not held. */
  heldSince: z.string().nullable(),
  ended: z.boolean(),
  wasMissed: z.boolean(),
  callSid: z.string(),
  members: z.array(SessionMember),
  dateCreated: z.string(),
  dateLastModified: z.string(),
  dateCompleted: z.string(),
  /** ISO time the call was answered (a duration counts from it); null for one never answered. */
  answeredAt: z.string().nullable(),
  log: z.array(SessionLogLine),
  /** Older log lines Evo sent beyond what is kept (a very long call): the newest are in `log`. */
  logOmitted: z.number().int().min(0),
  note: CallNote.nullable(),
});
const ms = z.number().int().min(0);
/** A call's hold hygiene (electron/shared/hold-promise.ts): holds, time on hold, check-ins, holds over promise. */
export const HoldHygiene = z.object({ holds: ms, holdMs: ms, longestHoldMs: ms, checkIns: ms, overPromise: ms });
/** One session for the history's detail view, with its total time on hold (all holds, ms) and its hold hygiene. */
export const SessionDetail = SessionView.extend({ holdMs: ms, hygiene: HoldHygiene });
/** One day of the agent's shift (the Today tab), from the cache. */
export const ShiftDay = z.object({
  /** Local midnight the day began (ISO). */
  start: z.string(),
  calls: ms,
  talkMs: ms,
  holdMs: ms,
  longestHoldMs: ms,
  overPromise: ms,
  checkIns: ms,
  /** 24 hours from midnight: calls begun and time on hold in each. */
  hours: z.array(z.object({ calls: ms, holdMs: ms })).length(24),
});
export const Shift = z.object({ today: ShiftDay, yesterday: ShiftDay });
/** The minutes a held caller can be promised: the card's choices and the default's. */
export const PromiseMinutes = z.union([...new Set([...PROMISE_CHOICES, ...DEFAULT_PROMISE_CHOICES])].map((minutes) => z.literal(minutes)));
/** The promise of the current hold: how long, and when it runs out (ISO; counted from the hold's start). */
export const HoldPromise = z.object({ minutes: z.number().int().min(1).max(60), endsAt: z.string() });
/** Which calls the history lists. */
export const HistoryFilter = z.enum(['all', 'missed', 'incoming', 'outgoing']);
/**
 * How the sync with Evo stands. `waiting`: Evo asked us to wait (429/503 with Retry-After); the
 * calls stay on screen and `error.message` says when the next try is.
 */
/** Every error's code (error-codes.ts): a failure on the board or the sync carries one of them. */
export const ErrorCode = z.enum(ERROR_CODES);
export const Connection = z.enum(['online', 'reconnecting', 'waiting', 'offline']);
export const ActiveSessions = z.object({
  sessions: z.array(SessionView),
  connection: Connection,
  syncedAt: z.string().nullable(),
  error: z.object({ code: ErrorCode, message: z.string() }).nullable(),
});

/** The call board (electron/shared/call-rules.ts): every active call, its phase, and the current one. */
export const CallPhase = z.enum(['ringingIn', 'dialing', 'live', 'held', 'heldForTransfer', 'ending', 'unknown']);
/** What is in flight for a call, or what last failed on it (the last three: on a consult call). */
export const CallAction = z.enum(BOARD_ACTIONS);
export const HoldMode = z.enum(['hold', 'end']);
/** What the window saw that may have changed the agent's calls (main adds its own: wake, a failed action). */
export const RefreshReason = z.enum(['incoming', 'disconnect', 'focus', 'online']);
export const CallFailure = z.object({
  action: CallAction,
  code: ErrorCode,
  message: z.string(),
  /** Evo refused with Retry-After: how long until it takes the action again (Retry waits that long). */
  waitMs: z.number().int().nonnegative().optional(),
});
export const CallView = z.object({
  id: z.string(),
  phase: CallPhase,
  /** The action being sent for this call, null when none: the buttons show it and cannot send it twice. */
  pending: CallAction.nullable(),
  /** The last action on this call that failed (from the window, the hotkey or the tray). */
  failure: CallFailure.nullable(),
  displayName: z.string(),
  number: z.string(),
  direction: Direction,
  callState: CallState,
  /** The call state as Evo sent it: for the phase `unknown`, the window says "Evo reports Parked". */
  evoState: z.string(),
  holdReason: HoldReason,
  /** Who put the call on hold, in words ("Dana Agent", "Another agent"); empty when not held. */
  heldBy: z.string(),
  heldByMe: z.boolean(),
  holdQueueName: z.string(),
  /** ISO time the current hold began: seen by this app, else from the server's log. */
  heldSince: z.string().nullable(),
  /** ISO time the call was answered (the call timer counts from here), null while ringing. */
  answeredAt: z.string().nullable(),
  /** The ring queue Evo names for an incoming call, empty when none. */
  queue: z.string(),
  callSid: z.string(),
  members: z.array(SessionMember),
  dateCreated: z.string(),
  /** The caller this call is a consult about (held for transfer meanwhile), null for other calls. */
  consultOf: z.string().nullable(),
  /** Two or more others on the call (or Evo made it a conference): the agent can drop out. */
  conference: z.boolean(),
  /** What the caller was promised for the current hold; null when not held. */
  promise: HoldPromise.nullable(),
  /** How many times the agent checked in with this caller (Check in). */
  checkIns: z.number().int().min(0),
});
export const Board = z.object({
  /** Bumped by every change; a listener that sees a gap asks for the whole board again. */
  version: z.number().int(),
  calls: z.array(CallView),
  currentId: z.string().nullable(),
  lastHeldId: z.string().nullable(),
  connection: Connection,
  error: z.object({ code: ErrorCode, message: z.string() }).nullable(),
});
/** What changed on the board since `version - 1`: only the calls that changed travel. */
export const BoardChange = Board.omit({ calls: true }).extend({
  upserted: z.array(CallView),
  removed: z.array(z.string()),
});
export const HistoryPage = z.object({
  items: z.array(SessionView),
  page: z.number().int(),
  hasMore: z.boolean(),
  source: z.enum(['cache', 'server']),
});
export const VoiceToken = z.object({
  token: z.string(),
  identity: z.string(),
  expiresAt: z.string().nullable(),
  /** A private Twilio signalling host (EVO_TWILIO_CHUNDERW), null for Twilio's global edge. */
  chunderw: z.string().nullable(),
});

// No poll interval here: the pace is Evo's cost as much as the agent's, so poll-policy.ts owns it.
// A settings file that still carries `pollIntervalMs` loads; the field is dropped.
export const Settings = z.object({
  /** Seconds after the hold starts; the last one repeats. */
  holdReminders: z.array(z.number().int().min(5).max(3600)).min(1).max(10),
  /** Minutes every hold is promised at its start ("Default hold promise"); the card can change it. */
  holdPromiseMinutes: z.union(DEFAULT_PROMISE_CHOICES.map((minutes) => z.literal(minutes))).default(DEFAULT_PROMISE_MINUTES),
  hotkeys: z.object({
    holdResume: z.string().max(100),
    /** Check in with the most overdue held caller (promised holds); a file from before it has none. */
    checkIn: z.string().max(100).default(''),
    answer: z.string().max(100),
    hangUp: z.string().max(100),
    mute: z.string().max(100),
  }),
  audio: z.object({
    input: z.string().max(300),
    output: z.string().max(300),
    ringtone: z.string().max(300),
    /** The agent's outgoing audio through a noise suppressor (RNNoise). */
    noiseSuppression: z.boolean(),
    /** The caller's audio through it too, before the speaker. */
    callerNoiseSuppression: z.boolean(),
  }),
  /** "Keep call history": ended calls older than this many months leave the cache; a file from before it has none. */
  historyRetentionMonths: z.union(RETENTION_CHOICES.map((months) => z.literal(months))).default(DEFAULT_RETENTION_MONTHS),
  startAtLogin: z.boolean(),
  closeToTray: z.boolean(),
  /** The slim always-on-top window: the current call and its controls only. */
  compactWindow: z.boolean(),
  /** After a call: ask for a note and an outcome (picked from `outcomes`). */
  wrapUp: z.object({
    prompt: z.boolean(),
    outcomes: z.array(z.string().trim().min(1).max(40)).min(1).max(12),
  }),
});
export const HotkeyConflicts = z.object({
  holdResume: z.string().optional(),
  checkIn: z.string().optional(),
  answer: z.string().optional(),
  hangUp: z.string().optional(),
  mute: z.string().optional(),
});
export const SettingsPatch = z.strictObject({
  holdReminders: Settings.shape.holdReminders.optional(),
  holdPromiseMinutes: z.union(DEFAULT_PROMISE_CHOICES.map((minutes) => z.literal(minutes))).optional(),
  historyRetentionMonths: z.union(RETENTION_CHOICES.map((months) => z.literal(months))).optional(),
  hotkeys: Settings.shape.hotkeys.partial().strict().optional(),
  audio: Settings.shape.audio.partial().strict().optional(),
  startAtLogin: z.boolean().optional(),
  closeToTray: z.boolean().optional(),
  compactWindow: z.boolean().optional(),
  wrapUp: Settings.shape.wrapUp.partial().strict().optional(),
});

const none = z.undefined();

/**
 * What each kind of call action takes (`channel.input` in call-action-table.ts): the call, the
 * agent's own leg of it (by default the one the board knows), a hold's reason, a number, a mode.
 */
const actionInputs = {
  call: z.strictObject({ sessionId: id }),
  /** `checkIn`: the agent checks in with a held caller (counted; the card then offers Back on hold). */
  callCheckIn: z.strictObject({ sessionId: id, checkIn: z.boolean().optional() }),
  callLeg: z.strictObject({ sessionId: id, callSid: id.optional() }),
  callLegReason: z.strictObject({ sessionId: id, callSid: id.optional(), reason: HoldReason.optional() }),
  callDestination: z.strictObject({ sessionId: id, destination }),
  callLegDestination: z.strictObject({ sessionId: id, destination, callSid: id.optional() }),
  callMode: z.strictObject({ sessionId: id, mode: HoldMode.optional() }),
} as const satisfies Record<ActionInput, z.ZodType>;

/** What each kind answers (`answer`): the call as it stands (the one the action left the agent on), or what happened. */
const actionAnswers = {
  call: SessionView,
  ended: z.object({ ended: z.literal(true) }),
  transferred: z.object({ transferred: z.literal(true) }),
  left: z.object({ left: z.literal(true) }),
  destination: z.object({ destination: z.string() }),
} as const satisfies Record<ActionAnswer, z.ZodType>;

type Rows = typeof callActionTable;
type ChannelOf<K extends keyof Rows> = Extract<Rows[K]['channel'], { name: string }>;
type ActionContract = {
  [K in keyof Rows as ChannelOf<K>['name']]: readonly [
    (typeof actionInputs)[ChannelOf<K>['input']],
    (typeof actionAnswers)[ChannelOf<K>['answer']],
  ];
};
const callActionContract = Object.fromEntries(
  Object.values(callActionTable as Record<string, CallActionRow>).flatMap(({ channel }) =>
    channel ? [[channel.name, [actionInputs[channel.input], actionAnswers[channel.answer]]]] : [],
  ),
) as unknown as ActionContract;

/** channel -> [input schema, output schema]. Inputs are strict: unknown fields are refused. */
export const invokeContract = {
  'app.info': [none, AppInfo],
  /** Whether history is being saved (a read-only or full disk keeps it in memory only). */
  'app.storageStatus': [none, StorageStatus],
  /** "Restart to update": refused while a call is live or on hold. */
  'app.restartToUpdate': [none, z.object({ restarting: z.literal(true) })],
  'auth.servers': [none, ServerList],
  'auth.status': [none, AuthStatus],
  'auth.signIn': [
    z.strictObject({
      server: z.string().trim().min(1).max(2048),
      email: z.string().trim().min(1).max(320),
      password: z.string().min(1).max(1024),
      remember: z.boolean(),
    }),
    AuthStatus,
  ],
  'auth.signInDemo': [none, AuthStatus],
  'auth.signOut': [none, AuthStatus],
  'sessions.active': [none, ActiveSessions],
  /** Syncs with the server now (after a network change) and answers the fresh list. */
  'sessions.refresh': [none, ActiveSessions],
  'sessions.history': [
    z
      .strictObject({
        query: shortText.optional(),
        page: z.number().int().min(0).max(10_000).optional(),
        /** Ask the server first (then the cache); without it the cache answers at once. */
        fresh: z.boolean().optional(),
        /** Like a search, a filter answers from the cache. */
        filter: HistoryFilter.optional(),
      })
      .optional(),
    HistoryPage,
  ],
  'sessions.get': [z.strictObject({ sessionId: id }), SessionDetail],
  /** The agent's note and outcome for a call that ended (kept in the local cache). */
  'sessions.saveNote': [
    z.strictObject({ sessionId: id, text: z.string().max(DRAFT_MAX_CHARS), outcome: z.string().max(OUTCOME_MAX_CHARS) }),
    CallNote,
  ],
  /** Places an outgoing call as a new Evo session (NewSession); the demo call engine uses it. */
  'sessions.create': [z.strictObject({ to: z.string().trim().min(1).max(64), displayName: shortText.optional() }), SessionView],
  /** The call actions (hold, resume, answer, consult, ...): one channel per row of call-action-table.ts. */
  ...callActionContract,
  'sessions.recentNumbers': [none, z.array(z.string())],
  /** The Today tab: today's and yesterday's calls, talk and hold time, promises kept, check-ins, by hour. */
  'sessions.today': [none, Shift],
  /** The recent numbers with the caller's name when the calls gave one. */
  'history.recentContacts': [none, z.array(RecentContact)],
  /** The calls waiting for a note (the wrap-up prompt) and their drafts: a reload or restart brings them back. */
  'notes.drafts': [none, z.array(NoteDraft)],
  /** A call ended (its prompt opens) or the agent typed in its note: kept in main at once. */
  'notes.keepDraft': [
    z.strictObject({
      sessionId: id,
      name: shortText,
      number: z.string().max(64),
      text: z.string().max(DRAFT_MAX_CHARS),
      outcome: z.string().max(OUTCOME_MAX_CHARS),
    }),
    z.object({}),
  ],
  /** Skip: the call no longer waits for a note. */
  'notes.dropDraft': [z.strictObject({ sessionId: id }), z.object({})],
  /** Notes kept for another account or server (hidden, not deleted). */
  'notes.hidden': [none, HiddenNotes],
  /** The whole call board (the window asks at start and after a missed change). */
  'calls.board': [none, Board],
  /**
   * Frees the line for a new call the phone places or takes itself: every live call is held
   * (or ended) first. Refused while a call is still ringing out or ending.
   */
  'calls.freeLine': [z.strictObject({ mode: HoldMode }), Board],
  /** The agent read a failed action's message. */
  'calls.dismissFailure': [z.strictObject({ sessionId: id }), z.object({})],
  /** The card's Promise select: what the caller on hold was promised, counted from the hold's start. */
  'calls.setPromise': [z.strictObject({ sessionId: id, minutes: PromiseMinutes }), z.object({})],
  /**
   * Something the window saw may have changed the agent's calls (the phone rang or hung up, the
   * window got focus, the network came back): main refreshes once, soon, sharing a burst. The
   * board follows as `calls.changed`; the answer only says whether a request is on its way.
   */
  'calls.refresh': [z.strictObject({ reason: RefreshReason }), z.object({ refreshing: z.boolean() })],
  'voice.token': [none, VoiceToken],
  /** The phone's registration state, for diagnostics and the tray. */
  'voice.reportStatus': [
    z.strictObject({ status: z.enum(['offline', 'registering', 'registered', 'reconnecting', 'error']) }),
    z.object({}),
  ],
  'settings.get': [none, Settings],
  'settings.update': [SettingsPatch, Settings],
  /** Hotkeys the OS refused (taken by another application), by setting name. */
  'settings.hotkeyConflicts': [none, HotkeyConflicts],
} as const;

/** event -> payload schema, sent main -> renderer. */
export const eventContract = {
  'auth.changed': AuthStatus,
  /** The call board changed: only what changed travels; nothing is sent when nothing did. */
  'calls.changed': BoardChange,
  'settings.changed': Settings,
  'settings.hotkeyConflictsChanged': HotkeyConflicts,
  /** A tel:/callto: link: fill the dialer with this number and focus it (never dial). */
  'app.dialRequest': z.object({ number: z.string() }),
  /** An update was downloaded: offer "Restart to update". */
  'app.updateReady': z.object({ version: z.string() }),
  /** A notification or the tray asked to show this call. */
  'app.showSession': z.object({ sessionId: z.string() }),
  /** The computer woke up or the network came back: re-register the phone. */
  'app.systemResumed': z.object({}),
  /** History stopped being saved while the app ran (the disk filled): show the notice now. */
  'app.storageChanged': StorageStatus,
  /** A global hotkey for the phone itself (the call's audio lives in the renderer). */
  'voice.command': z.object({ command: z.enum(['answer', 'hangUp', 'mute']) }),
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type EventChannel = keyof typeof eventContract;
export type InputOf<C extends InvokeChannel> = z.input<(typeof invokeContract)[C][0]>;
export type ParsedInputOf<C extends InvokeChannel> = z.output<(typeof invokeContract)[C][0]>;
export type OutputOf<C extends InvokeChannel> = z.output<(typeof invokeContract)[C][1]>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

export type AppInfo = z.infer<typeof AppInfo>;
export type StorageStatus = z.infer<typeof StorageStatus>;
export type AuthStatus = z.infer<typeof AuthStatus>;
export type ServerList = z.infer<typeof ServerList>;
export type SessionView = z.infer<typeof SessionView>;
export type SessionDetail = z.infer<typeof SessionDetail>;
export type HistoryFilter = z.infer<typeof HistoryFilter>;
export type ActiveSessions = z.infer<typeof ActiveSessions>;
export type CallPhase = z.infer<typeof CallPhase>;
export type CallAction = z.infer<typeof CallAction>;
export type HoldMode = z.infer<typeof HoldMode>;
export type RefreshReason = z.infer<typeof RefreshReason>;
export type CallFailure = z.infer<typeof CallFailure>;
export type CallView = z.infer<typeof CallView>;
export type Board = z.infer<typeof Board>;
export type BoardChange = z.infer<typeof BoardChange>;
export type HistoryPage = z.infer<typeof HistoryPage>;
export type VoiceToken = z.infer<typeof VoiceToken>;
export type Settings = z.infer<typeof Settings>;
export type SettingsPatch = z.infer<typeof SettingsPatch>;
export type Connection = z.infer<typeof Connection>;
export type HotkeyConflicts = z.infer<typeof HotkeyConflicts>;
export type HoldReason = z.infer<typeof HoldReason>;
export type CallNote = z.infer<typeof CallNote>;
export type NoteDraft = z.infer<typeof NoteDraft>;
export type HiddenNotes = z.infer<typeof HiddenNotes>;
export type RecentContact = z.infer<typeof RecentContact>;
export type HoldHygiene = z.infer<typeof HoldHygiene>;
export type ShiftDay = z.infer<typeof ShiftDay>;
export type Shift = z.infer<typeof Shift>;
export type HoldPromise = z.infer<typeof HoldPromise>;
export type PromiseMinutes = z.infer<typeof PromiseMinutes>;

export const invokeChannels = Object.keys(invokeContract) as InvokeChannel[];
export const eventChannels = Object.keys(eventContract) as EventChannel[];
export { IPC_EVENT, IPC_INVOKE } from './channels';

// The zod-free name lists in channels.ts must match the maps exactly, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const invokeNamesMatch: Same<(typeof INVOKE_CHANNELS)[number], InvokeChannel> = true;
const eventNamesMatch: Same<(typeof EVENT_CHANNELS)[number], EventChannel> = true;
// The board's phases are the rules' phases.
const phasesMatch: Same<CallPhase, RulesPhase> = true;
const holdModesMatch: Same<HoldMode, RulesHoldMode> = true;
void invokeNamesMatch;
void eventNamesMatch;
void phasesMatch;
void holdModesMatch;

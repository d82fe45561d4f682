/**
 * Evo Voice response shapes (docs/evo-api.md). ServiceStack omits null strings, so most fields
 * are optional with a default; the ones a session cannot exist without are required. Unknown
 * extra fields are tolerated (zod objects strip them). Every string and list has a bound; what
 * Evo sends past it is cut (clipSession), never refused: a call that ran for hours (thousands of
 * log lines) is still the agent's call, and an action Evo applied is not reported as failed. Only
 * the id and the required dates are refused when unusable (session-rows.ts skips such a row).
 */
import { z } from 'zod';
import { isSafeSessionId } from '../../shared/session-id';

const LIMITS = { id: 200, date: 64, text: 1_000, logLine: 4_000, logLines: 2_000, members: 100, token: 16_384 } as const;

const bounded = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((value) => value ?? '');
const text = bounded(LIMITS.text);

/**
 * Sessions are parsed on every poll and every action's answer, so their schema only validates
 * (bounded strings, flags, bounded lists, the required ids; nulls allowed) and one pass afterwards
 * fills in what ServiceStack left out. The same schema with a transform on each field cost about
 * five times as much per session (npm run bench, hold round trip); what is accepted is the same.
 */
const wireText = z.string().max(LIMITS.text).nullish();
const wireDate = z.string().max(LIMITS.date).nullish();
const wireLogLine = z.string().max(LIMITS.logLine).nullish();
const wireFlag = z.boolean().nullish();
/** How many older log lines clipSession dropped (ours, not Evo's: set on every clipped session). */
const wireOmitted = z.number().int().min(0).nullish();
const WIRE_TEXTS: ReadonlySet<unknown> = new Set([wireText, wireDate, wireLogLine]);
const requiredDate = z.string().min(1).max(LIMITS.date);

const SessionMemberWire = z.object({
  identity: wireText,
  endpointId: wireText,
  displayName: wireText,
  isOriginalMember: wireFlag,
  callState: wireText,
  role: wireText,
  callSid: wireText,
  muted: wireFlag,
});

const SessionLogWire = z.object({ date: wireDate, message: wireLogLine });

const SessionWire = z.object({
  id: z.string().min(1).max(LIMITS.id).refine(isSafeSessionId, 'not a usable session id'),
  dateCreated: requiredDate,
  dateLastModified: requiredDate,
  createdBy: wireText,
  lastModifiedBy: wireText,
  callState: z.string().max(LIMITS.text),
  dialState: wireText,
  queueState: wireText,
  accountId: wireText,
  accountName: wireText,
  customerId: wireText,
  customerName: wireText,
  endpointId: wireText,
  endpointName: wireText,
  dateCompleted: wireText,
  destination: wireText,
  toAddress: wireText,
  fromAddress: wireText,
  fromName: wireText,
  answeredByName: wireText,
  channel: wireText,
  ended: wireFlag,
  outcome: wireText,
  callSid: wireText,
  holdQueueName: wireText,
  heldByUserId: wireText,
  /** Set once the call is a conference (AddConferenceMember converts it). */
  conferenceSid: wireText,
  holdReason: wireText,
  displayName: wireText,
  log: z.array(SessionLogWire).max(LIMITS.logLines).nullish(),
  members: z.array(SessionMemberWire).max(LIMITS.members).nullish(),
  callbackNumber: wireText,
  direction: wireText,
  fromPhoneNumber: wireText,
  wasMissed: wireFlag,
  /** The ring queue an incoming call waits in (documented as an id; Evo names no queue otherwise). */
  ringQueueId: wireText,
  logOmitted: wireOmitted,
});

const TEXT_FIELDS = ['callState', ...Object.entries(SessionWire.shape).flatMap(([key, field]) => (field === wireText ? [key] : []))];
const MEMBER_TEXT_FIELDS = Object.entries(SessionMemberWire.shape).flatMap(([key, field]) => (field === wireText ? [key] : []));

/** The start of an oversized text, marked as cut, never splitting a surrogate pair. */
function clipText(value: string, max: number): string {
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(value[end - 1] ?? '')) end -= 1;
  return `${value.slice(0, end)}…`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const overLong = (value: unknown, max: number) => typeof value === 'string' && value.length > max;

function clipRecord(record: Record<string, unknown>, fields: readonly string[], max: number): Record<string, unknown> {
  if (!fields.some((key) => overLong(record[key], max))) return record;
  const out = { ...record };
  for (const key of fields) if (overLong(out[key], max)) out[key] = clipText(out[key] as string, max);
  return out;
}

/**
 * Members past the bound: the agent's own legs and the original members stay (the agent's leg is
 * what HoldSession names), then the newest of the others.
 */
function clipMembers(members: unknown[]): unknown[] {
  const keep = (member: unknown) => isRecord(member) && (member.role === 'Agent' || member.isOriginalMember === true);
  const first = members.filter(keep).slice(0, LIMITS.members);
  const rest = members.filter((member) => !keep(member));
  return [...first, ...rest.slice(rest.length - (LIMITS.members - first.length))];
}

/**
 * Cuts what is past the bounds instead of refusing the session: Evo's log keeps its newest lines
 * (Evo appends, so the last ones) and says how many older ones were dropped; texts keep their start.
 * The answer is copied only when something is cut: every poll parses every active session.
 */
export function clipSession(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  let out = clipRecord(raw, TEXT_FIELDS, LIMITS.text);
  const { log, members } = out;
  if (
    Array.isArray(log) &&
    (log.length > LIMITS.logLines ||
      log.some((line) => isRecord(line) && (overLong(line.message, LIMITS.logLine) || overLong(line.date, LIMITS.date))))
  ) {
    const newest = log.slice(Math.max(0, log.length - LIMITS.logLines));
    out = {
      ...out,
      log: newest.map((line) => (isRecord(line) ? clipRecord(clipRecord(line, ['message'], LIMITS.logLine), ['date'], LIMITS.date) : line)),
      logOmitted: log.length - newest.length,
    };
  } else if (out.logOmitted !== undefined) {
    out = { ...out, logOmitted: 0 };
  }
  if (Array.isArray(members)) {
    const kept = members.length > LIMITS.members ? clipMembers(members) : members;
    const clipped = kept.map((member) => (isRecord(member) ? clipRecord(member, MEMBER_TEXT_FIELDS, LIMITS.text) : member));
    if (kept !== members || clipped.some((member, index) => member !== kept[index])) out = { ...out, members: clipped };
  }
  return out;
}

type Filled<T> = { [K in keyof T]-?: Exclude<T[K], null | undefined> };

/**
 * Fills, in place, every text (with '') and flag (with false) of `shape` that the server left out
 * or sent as null. The defaults are worked out once per schema, not per session.
 */
function filler<T extends Record<string, unknown>>(shape: z.ZodRawShape): (value: T) => Filled<T> {
  const defaults = Object.entries(shape).flatMap(([key, field]): [string, string | boolean][] =>
    WIRE_TEXTS.has(field) ? [[key, '']] : field === wireFlag ? [[key, false]] : [],
  );
  return (value) => {
    const out = value as Record<string, unknown>;
    for (const [key, empty] of defaults) out[key] ??= empty;
    return value as Filled<T>;
  };
}

/** Newer servers may add enum members; an unknown one must not reject the whole session. */
const known = <T extends string>(values: readonly T[], value: string, fallback: T): T =>
  (values as readonly string[]).includes(value) ? (value as T) : fallback;

const CALL_STATES = ['Disconnected', 'Ringing', 'Connected', 'Hold', 'Passive'] as const;

const fillSession = filler<z.output<typeof SessionWire>>(SessionWire.shape);
const fillLog = filler<z.output<typeof SessionLogWire>>(SessionLogWire.shape);
const fillMember = filler<z.output<typeof SessionMemberWire>>(SessionMemberWire.shape);

/** The fields whose type is narrower than the wire's once read. */
interface SessionReadings {
  /** Older log lines Evo sent that were not kept (0 for most calls). */
  logOmitted: number;
  callState: (typeof CALL_STATES)[number];
  /** The state as Evo sent it, known or not (a newer Evo's `Parked` reads as Passive above). */
  reportedCallState: string;
  holdReason: 'None' | 'Transferring';
  direction: 'Incoming' | 'Outgoing';
  log: Filled<z.output<typeof SessionLogWire>>[];
  members: Filled<z.output<typeof SessionMemberWire>>[];
}
export type SessionInfo = Omit<Filled<z.output<typeof SessionWire>>, keyof SessionReadings> & SessionReadings;

export const SessionInfo = z.preprocess(clipSession, SessionWire).transform((wire): SessionInfo => {
  const session = fillSession(wire);
  const readings: SessionReadings = {
    logOmitted: wire.logOmitted ?? 0,
    callState: known(CALL_STATES, session.callState, 'Passive'),
    reportedCallState: session.callState,
    holdReason: known(['None', 'Transferring'] as const, session.holdReason, 'None'),
    direction: known(['Incoming', 'Outgoing'] as const, session.direction, 'Incoming'),
    log: (wire.log ?? []).map(fillLog),
    members: (wire.members ?? []).map(fillMember),
  };
  // In place: the object is zod's fresh output, and copying its fields showed in the profile.
  return Object.assign(session, readings);
});

/** The envelopes of session lists; their rows are read one by one (session-rows.ts). */
export const SessionList = z.object({ sessions: z.array(z.unknown()) });

export const ListEnvelope = z.object({
  items: z.array(z.unknown()),
  totalCount: z.number().nullish(),
  totalPages: z.number().nullish(),
  hasMorePages: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});
export type ListResponse = Omit<z.infer<typeof ListEnvelope>, 'items'> & { items: SessionInfo[] };

export const AuthenticateResponse = z.object({
  userId: z.string().min(1).max(LIMITS.id),
  sessionId: text,
  userName: text,
  displayName: text,
  roles: z.array(z.string().max(LIMITS.id)).max(LIMITS.members).nullish(),
});
export type AuthenticateResponse = z.infer<typeof AuthenticateResponse>;

export const UserInfo = z.object({
  id: text,
  isAuthenticated: z.boolean(),
  name: text,
  firstName: text,
  lastName: text,
  emailAddress: text,
});
export type UserInfo = z.infer<typeof UserInfo>;

export const AppConfig = z.object({
  accessToken: z.string().min(1).max(LIMITS.token),
  identity: z.string().min(1).max(LIMITS.id),
  endpointId: text,
  accountId: text,
  emailAddress: text,
  userInfo: z.object({ name: text, firstName: text, lastName: text }).nullish(),
  agentState: text,
});
export type AppConfig = z.infer<typeof AppConfig>;

export const ResponseStatus = z.object({
  errorCode: text,
  message: bounded(LIMITS.logLine),
  errors: z
    .array(z.object({ errorCode: text, fieldName: text, message: bounded(LIMITS.logLine) }))
    .max(LIMITS.members)
    .nullish()
    .transform((value) => value ?? []),
});

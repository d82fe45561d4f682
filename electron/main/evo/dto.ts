/**
 * Evo Voice response shapes (../shared/evo-api). ServiceStack omits null strings, so most fields
 * are optional with a default; the ones a session cannot exist without are required. Unknown
 * extra fields are tolerated (zod objects strip them).
 */
import { z } from 'zod';

const text = z.string().nullish().transform((value) => value ?? '');
/**
 * Sessions are parsed on every poll and every action's answer, so their schema only validates
 * (strings, flags, lists and the required ids, nulls allowed) and one pass afterwards fills in
 * what ServiceStack left out. The same schema with a transform on each field cost about five
 * times as much per session (npm run bench, hold round trip); what is accepted is the same.
 */
const wireText = z.string().nullish();
const wireFlag = z.boolean().nullish();

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

const SessionLogWire = z.object({ date: wireText, message: wireText });

const SessionWire = z.object({
  id: z.string().min(1),
  dateCreated: z.string().min(1),
  dateLastModified: z.string().min(1),
  createdBy: wireText,
  lastModifiedBy: wireText,
  callState: z.string(),
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
  holdReason: wireText,
  displayName: wireText,
  log: z.array(SessionLogWire).nullish(),
  members: z.array(SessionMemberWire).nullish(),
  callbackNumber: wireText,
  direction: wireText,
  fromPhoneNumber: wireText,
  wasMissed: wireFlag,
  /** The ring queue an incoming call waits in (documented as an id; Evo names no queue otherwise). */
  ringQueueId: wireText,
});

type Filled<T> = { [K in keyof T]-?: Exclude<T[K], null | undefined> };

/**
 * Fills, in place, every text (with '') and flag (with false) of `shape` that the server left out
 * or sent as null. The defaults are worked out once per schema, not per session.
 */
function filler<T extends Record<string, unknown>>(shape: z.ZodRawShape): (value: T) => Filled<T> {
  const defaults = Object.entries(shape).flatMap(([key, field]): [string, string | boolean][] =>
    field === wireText ? [[key, '']] : field === wireFlag ? [[key, false]] : [],
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
  callState: (typeof CALL_STATES)[number];
  holdReason: 'None' | 'Transferring';
  direction: 'Incoming' | 'Outgoing';
  log: Filled<z.output<typeof SessionLogWire>>[];
  members: Filled<z.output<typeof SessionMemberWire>>[];
}
export type SessionInfo = Omit<Filled<z.output<typeof SessionWire>>, keyof SessionReadings> & SessionReadings;

export const SessionInfo = SessionWire.transform((wire): SessionInfo => {
  const session = fillSession(wire);
  const readings: SessionReadings = {
    callState: known(CALL_STATES, session.callState, 'Passive'),
    holdReason: known(['None', 'Transferring'] as const, session.holdReason, 'None'),
    direction: known(['Incoming', 'Outgoing'] as const, session.direction, 'Incoming'),
    log: (wire.log ?? []).map(fillLog),
    members: (wire.members ?? []).map(fillMember),
  };
  // In place: the object is zod's fresh output, and copying its 37 fields showed in the profile.
  return Object.assign(session, readings);
});

export const SessionList = z.object({ sessions: z.array(SessionInfo) });

export const ListResponse = z.object({
  items: z.array(SessionInfo),
  totalCount: z.number().nullish(),
  totalPages: z.number().nullish(),
  hasMorePages: z.boolean().nullish().transform((value) => value ?? false),
});
export type ListResponse = z.infer<typeof ListResponse>;

export const AuthenticateResponse = z.object({
  userId: z.string().min(1),
  sessionId: text,
  userName: text,
  displayName: text,
  roles: z.array(z.string()).nullish(),
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
  accessToken: z.string().min(1),
  identity: z.string().min(1),
  endpointId: text,
  accountId: text,
  emailAddress: text,
  userInfo: z.object({ name: text, firstName: text, lastName: text }).nullish(),
  agentState: text,
});
export type AppConfig = z.infer<typeof AppConfig>;

export const ResponseStatus = z.object({
  errorCode: text,
  message: text,
  errors: z
    .array(z.object({ errorCode: text, fieldName: text, message: text }))
    .nullish()
    .transform((value) => value ?? []),
});

/**
 * Evo Voice response shapes (docs/evo-api.md). ServiceStack omits null strings, so most fields
 * are optional with a default; the ones a session cannot exist without are required. Unknown
 * extra fields are tolerated (zod objects strip them). Every string and list has a bound far above
 * what Evo sends: past it the value is not Evo's, and the row is refused (session-rows.ts skips it).
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
const requiredDate = z.string().min(1).max(LIMITS.date);
const flag = z.boolean().nullish().transform((value) => value ?? false);
/** Newer servers may add enum members; an unknown one must not reject the whole session. */
const lenientEnum = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z
    .string()
    .max(LIMITS.text)
    .nullish()
    .transform((value): T[number] => ((values as readonly string[]).includes(value ?? '') ? (value as T[number]) : fallback));

export const SessionMemberInfo = z.object({
  identity: text,
  endpointId: text,
  displayName: text,
  isOriginalMember: flag,
  callState: text,
  role: text,
  callSid: text,
  muted: flag,
});

export const SessionInfo = z.object({
  id: z.string().min(1).max(LIMITS.id).refine(isSafeSessionId, 'not a usable session id'),
  dateCreated: requiredDate,
  dateLastModified: requiredDate,
  createdBy: text,
  lastModifiedBy: text,
  callState: z.string().max(LIMITS.text).transform((value) =>
    (['Disconnected', 'Ringing', 'Connected', 'Hold', 'Passive'] as const).find((known) => known === value) ?? 'Passive',
  ),
  dialState: text,
  queueState: text,
  accountId: text,
  accountName: text,
  customerId: text,
  customerName: text,
  endpointId: text,
  endpointName: text,
  dateCompleted: text,
  destination: text,
  toAddress: text,
  fromAddress: text,
  fromName: text,
  answeredByName: text,
  channel: text,
  ended: flag,
  outcome: text,
  callSid: text,
  holdQueueName: text,
  heldByUserId: text,
  /** Set once the call is a conference (AddConferenceMember converts it). */
  conferenceSid: text,
  holdReason: lenientEnum(['None', 'Transferring'] as const, 'None'),
  displayName: text,
  log: z
    .array(z.object({ date: bounded(LIMITS.date), message: bounded(LIMITS.logLine) }))
    .max(LIMITS.logLines)
    .nullish()
    .transform((value) => value ?? []),
  members: z
    .array(SessionMemberInfo)
    .max(LIMITS.members)
    .nullish()
    .transform((value) => value ?? []),
  callbackNumber: text,
  direction: lenientEnum(['Incoming', 'Outgoing'] as const, 'Incoming'),
  fromPhoneNumber: text,
  wasMissed: flag,
  /** The ring queue an incoming call waits in (documented as an id; Evo names no queue otherwise). */
  ringQueueId: text,
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** The envelopes of session lists; their rows are read one by one (session-rows.ts). */
export const SessionList = z.object({ sessions: z.array(z.unknown()) });

export const ListEnvelope = z.object({
  items: z.array(z.unknown()),
  totalCount: z.number().nullish(),
  totalPages: z.number().nullish(),
  hasMorePages: z.boolean().nullish().transform((value) => value ?? false),
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

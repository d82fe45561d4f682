/**
 * Evo Voice response shapes (../shared/evo-api). ServiceStack omits null strings, so most fields
 * are optional with a default; the ones a session cannot exist without are required. Unknown
 * extra fields are tolerated (zod objects strip them).
 */
import { z } from 'zod';

const text = z.string().nullish().transform((value) => value ?? '');
const flag = z.boolean().nullish().transform((value) => value ?? false);
/** Newer servers may add enum members; an unknown one must not reject the whole session. */
const lenientEnum = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z
    .string()
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
  id: z.string().min(1),
  dateCreated: z.string().min(1),
  dateLastModified: z.string().min(1),
  createdBy: text,
  lastModifiedBy: text,
  callState: z.string().transform((value) =>
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
    .array(z.object({ date: text, message: text }))
    .nullish()
    .transform((value) => value ?? []),
  members: z
    .array(SessionMemberInfo)
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

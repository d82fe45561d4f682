/**
 * Every error code the app gives an error: main's AppError, the router's refusals, the window's
 * phone and the harness's bridge. Stable and machine-readable (tests and logs key on them); the
 * contract checks them with `ErrorCode` (contract.ts). A code goes here before anything can use it,
 * and questions about a kind of code are asked of a named set below, never of its spelling.
 * Pure: no zod (the preload and the renderer load it).
 */
export const ERROR_CODES = [
  // Signing in, and staying signed in.
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_INVALID_SERVER',
  'AUTH_PASSWORD_CHANGED',
  'AUTH_REQUIRED',
  // What Evo Voice answered, or did not (evo/errors.ts).
  'EVO_ASKED_TO_WAIT',
  'EVO_BAD_REQUEST',
  'EVO_BAD_RESPONSE',
  'EVO_BAD_SESSION_ID',
  'EVO_CONFLICT',
  'EVO_FORBIDDEN',
  'EVO_HTTP_ERROR',
  'EVO_NOT_FOUND',
  'EVO_NOT_SUPPORTED',
  'EVO_RATE_LIMITED',
  'EVO_RESPONSE_TOO_LARGE',
  'EVO_SERVER_ERROR',
  'EVO_TIMEOUT',
  'EVO_UNAUTHORIZED',
  'EVO_UNAVAILABLE',
  'EVO_UNCONFIRMED',
  'EVO_UNREACHABLE',
  // A call action refused before any request (the call action table's plans), or its input.
  'CALL_LINE_BUSY',
  'CALL_NOT_CONFERENCE',
  'CALL_NOT_CONSULT',
  'CALL_NOT_FOUND',
  'CALL_WRONG_PHASE',
  'SESSION_BUSY',
  'DESTINATION_INVALID',
  // Notes after the call.
  'NOTE_DRAFT_NOT_KEPT',
  'NOTE_EMPTY',
  'NOTE_KEPT',
  'NOTE_NOT_SAVED',
  'NOTE_TOO_LONG',
  'NOTE_UNKNOWN_OUTCOME',
  // The window's phone (the Voice SDK, or the simulated one).
  'PHONE_DIAL_FAILED',
  'PHONE_NOT_READY',
  'PHONE_NO_INCOMING',
  // Between the window and main.
  'IPC_FORBIDDEN_SENDER',
  'IPC_INVALID_PAYLOAD',
  'IPC_UNKNOWN_CHANNEL',
  'HARNESS_DISCONNECTED',
  // The app itself: its cache, settings, updates, closing, and what nobody foresaw.
  'CACHE_DAMAGED',
  'CACHE_FROM_NEWER_APP',
  'SETTINGS_NOT_SAVED',
  'UPDATE_BLOCKED_BY_CALLS',
  'UPDATE_NOT_READY',
  'APP_CLOSING',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The agent is not (or no longer) signed in: that is the news, whatever the agent was doing. */
export const SIGNED_OUT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_INVALID_SERVER',
  'AUTH_PASSWORD_CHANGED',
  'AUTH_REQUIRED',
]);

/** Why a call action's plan refuses it, before any request is sent (call-action-table.ts). */
export type CallRefusalCode = Extract<
  ErrorCode,
  'CALL_NOT_FOUND' | 'CALL_WRONG_PHASE' | 'CALL_LINE_BUSY' | 'CALL_NOT_CONFERENCE' | 'CALL_NOT_CONSULT'
>;

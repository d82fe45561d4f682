/**
 * The contract's channel names as plain data, for the preload and the harness bridge: they need
 * the names only, and loading zod's schemas there cost ~90 ms of start-up (measured by
 * `npm run bench`). contract.ts checks at compile time that these lists match its maps exactly.
 */
import { CALL_ACTION_CHANNELS } from './call-action-table';

export const INVOKE_CHANNELS = [
  'app.info',
  'app.storageStatus',
  'app.restartToUpdate',
  'auth.servers',
  'auth.status',
  'auth.signIn',
  'auth.signInDemo',
  'auth.signOut',
  'sessions.active',
  'sessions.refresh',
  'sessions.history',
  'sessions.get',
  'sessions.saveNote',
  // hold, resume, answer, consult, ...: one channel per row of the call action table.
  ...CALL_ACTION_CHANNELS,
  'sessions.create',
  'sessions.recentNumbers',
  'sessions.today',
  'history.recentContacts',
  'notes.drafts',
  'notes.keepDraft',
  'notes.dropDraft',
  'notes.hidden',
  'calls.board',
  'calls.freeLine',
  'calls.dismissFailure',
  'calls.setPromise',
  'calls.refresh',
  'voice.token',
  'voice.reportStatus',
  'settings.get',
  'settings.update',
  'settings.hotkeyConflicts',
] as const;

export const EVENT_CHANNELS = [
  'auth.changed',
  'calls.changed',
  'settings.changed',
  'settings.hotkeyConflictsChanged',
  'app.updateReady',
  'app.dialRequest',
  'app.showSession',
  'app.systemResumed',
  'app.storageChanged',
  'voice.command',
] as const;

/** The single ipc channel name the preload uses; the payload names the contract channel. */
export const IPC_INVOKE = 'softphone:invoke';
export const IPC_EVENT = 'softphone:event';

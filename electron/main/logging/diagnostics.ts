/** "Copy diagnostics": what support needs to help, and nothing secret. */
import type { AuthStatus, Connection, StorageStatus } from '../../shared/contract';
import { redact } from './redact';

export interface DiagnosticsInput {
  app: { name: string; version: string };
  versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>;
  os: { platform: string; release: string; arch: string };
  auth: AuthStatus;
  connection: Connection;
  phone: string;
  activeCalls: number;
  heldCalls: number;
  /** Session rows from Evo that could not be read and were skipped (see evo/session-rows.ts). */
  skippedSessionRows: number;
  storage: StorageStatus;
  logsDir: string;
}

export function buildDiagnostics(input: DiagnosticsInput): string {
  const server = input.auth.server ? new URL(input.auth.server).host : 'none';
  const lines = [
    `${input.app.name} ${input.app.version}`,
    `Electron ${input.versions.electron ?? '?'} · Chrome ${input.versions.chrome ?? '?'} · Node ${input.versions.node ?? '?'}`,
    `OS: ${input.os.platform} ${input.os.release} (${input.os.arch})`,
    `Signed in: ${input.auth.signedIn ? 'yes' : 'no'}${input.auth.demo ? ' (demo)' : ''} · server: ${server}`,
    `Password remembered: ${input.auth.remembered ? 'yes' : 'no'} · secure storage: ${input.auth.canRemember ? 'available' : 'unavailable'}`,
    `Evo connection: ${input.connection} · phone: ${input.phone}`,
    `Calls: ${input.activeCalls} active, ${input.heldCalls} on hold`,
    `Unreadable session rows skipped: ${input.skippedSessionRows}`,
    `History: ${input.storage.historySaved ? 'saved on disk' : `in memory only (${input.storage.notice ?? 'unknown reason'})`}`,
    `Logs: ${input.logsDir}`,
  ];
  // Belt and braces: nothing above should be secret, but the filter runs anyway.
  return redact(lines.join('\n'));
}

/**
 * What the tray shows (the TrayPort's model): icon state, tooltip and the menu. Linux ignores tray
 * clicks, so every action is in the menu.
 */
import type { Connection } from '../../shared/contract';
import { formatDuration } from '../../shared/format-duration';
import { countdown, countdownText } from '../../shared/hold-promise';
import type { TrayIcon, TrayMenuItem, TrayModel } from '../ports';

export interface TrayInput {
  /** `heldSinceMs` and `nowMs` are on one clock (the app gives the monotonic one). */
  held: readonly { sessionId: string; name: string; heldSinceMs: number; promise?: { ms: number } | null }[];
  inCall: { sessionId: string; name: string } | null;
  nowMs: number;
  connection: Connection | 'signedOut';
  /** Whether the window is the slim always-on-top one. */
  compact: boolean;
}

const statusLabel: Record<TrayInput['connection'], string> = {
  online: 'Status: Available',
  reconnecting: 'Status: Reconnecting…',
  waiting: 'Status: Evo Voice asked us to wait',
  offline: 'Status: Offline',
  signedOut: 'Status: Signed out',
};

export function buildTrayModel(input: TrayInput): TrayModel {
  const count = input.held.length;
  const icon: TrayIcon = count > 0 ? 'held' : input.inCall ? 'call' : 'idle';
  const tooltip =
    count > 0
      ? `${count} call${count === 1 ? '' : 's'} on hold${input.inCall ? ` · on a call with ${input.inCall.name}` : ''}`
      : input.inCall
        ? `On a call with ${input.inCall.name}`
        : 'Evo Softphone';

  const menu: TrayMenuItem[] = [];
  if (input.inCall) {
    menu.push({ label: `On call: ${input.inCall.name}`, action: { type: 'showSession', sessionId: input.inCall.sessionId } });
  }
  if (count > 0) {
    menu.push({ label: `On hold (${count})`, enabled: false });
    for (const call of input.held) {
      menu.push({
        label: `${call.name} - ${formatDuration(input.nowMs - call.heldSinceMs)}${promiseWords(call, input.nowMs)}`,
        type: 'submenu',
        submenu: [
          { label: 'Resume', action: { type: 'resume', sessionId: call.sessionId } },
          { label: 'Hang up', action: { type: 'hangUp', sessionId: call.sessionId } },
          { label: 'Show', action: { type: 'showSession', sessionId: call.sessionId } },
        ],
      });
    }
  }
  if (menu.length > 0) menu.push({ type: 'separator' });
  menu.push({ label: 'Show Evo Softphone', action: { type: 'show' } });
  menu.push({ label: 'Compact window (always on top)', type: 'checkbox', checked: input.compact, action: { type: 'toggleCompact' } });
  menu.push({ label: statusLabel[input.connection], enabled: false });
  menu.push({ type: 'separator' });
  menu.push({ label: 'Quit', action: { type: 'quit' } });
  return { icon, heldCount: count, tooltip, menu };
}

/** " · Back in 0:45" / " · Over by 0:12": the same countdown as the window's card. */
const promiseWords = (call: TrayInput['held'][number], nowMs: number): string =>
  call.promise ? ` · ${countdownText(countdown(call.heldSinceMs + call.promise.ms, nowMs))}` : '';

/**
 * What a headset's input report means for the agent's calls. An absolute control is the headset's
 * own state (hook up or down, mute on or off): only a change of it counts, and a report repeating
 * it (Jabra sends the hook switch twice) is nothing. A relative control is a one-shot press: each
 * non-zero value is one. Pure.
 */
import type { HeadsetControl } from './telephony-reports';

/**
 * How long after the app moves the Off-Hook LED a report may still carry the headset's old hook
 * state (until a report shows the new one): a button released just as a resume lands (the
 * release says "on hook" from before the LED arrived) must not hang the call up.
 */
export const HOOK_SETTLE_MS = 500;

export type HeadsetPress = 'offHook' | 'onHook' | 'hookToggle' | 'flash' | 'muteToggle' | 'muteOn' | 'muteOff' | 'redial';

/** What a press asks of the app; the app's own rules (call-rules.ts) pick the call. `mute` toggles, as the mute hotkey does. */
export type HeadsetCommand = 'answer' | 'hangUp' | 'holdResume' | 'mute' | 'muteOn' | 'muteOff' | 'redial';

/** What the presses need to know of the board. */
export interface HeadsetBoard {
  /** A call is ringing for the agent. */
  ringing: boolean;
  /** The agent is on a call: live, or being dialled. */
  onCall: boolean;
  /** No call is live and one is on hold. */
  held: boolean;
  muted: boolean;
}

/** The presses in one report, given the last value seen of each control (updated in place). */
export function pressesOf(
  values: ReadonlyMap<HeadsetControl, { value: number; absolute: boolean }>,
  last: Map<HeadsetControl, number>,
): HeadsetPress[] {
  const presses: HeadsetPress[] = [];
  for (const [control, { value, absolute }] of values) {
    const before = last.get(control) ?? 0;
    last.set(control, absolute ? value : 0);
    const pressed = absolute ? value !== 0 && before === 0 : value !== 0;
    switch (control) {
      case 'hookSwitch':
        if (!absolute) {
          if (pressed) presses.push('hookToggle');
        } else if (value !== before) {
          presses.push(value ? 'offHook' : 'onHook');
        }
        break;
      case 'phoneMute':
        if (!absolute) {
          if (pressed) presses.push('muteToggle');
        } else if (value !== before) {
          presses.push(value ? 'muteOn' : 'muteOff');
        }
        break;
      case 'flash':
      case 'hold':
        if (pressed) presses.push('flash');
        break;
      case 'redial':
        if (pressed) presses.push('redial');
        break;
      case 'lineBusy':
        break;
    }
  }
  return presses;
}

/** The command for a press on this board, or null when there is nothing it can do (the press is ignored). */
export function commandFor(press: HeadsetPress, board: HeadsetBoard): HeadsetCommand | null {
  switch (press) {
    case 'offHook':
      return board.ringing ? 'answer' : null;
    case 'onHook':
      return board.onCall ? 'hangUp' : null;
    case 'hookToggle':
      return board.ringing ? 'answer' : board.onCall ? 'hangUp' : null;
    case 'flash':
      return board.onCall || board.held ? 'holdResume' : null;
    case 'muteToggle':
      return 'mute';
    case 'muteOn':
      return board.muted ? null : 'muteOn';
    case 'muteOff':
      return board.muted ? 'muteOff' : null;
    case 'redial':
      return board.onCall || board.ringing ? null : 'redial';
  }
}

/** The LEDs the board asks for: ring while a call rings, off-hook while on a call, hold while the current call is held, mute while muted. */
export const ledsFor = (board: HeadsetBoard) => ({
  ring: board.ringing,
  offHook: board.onCall,
  hold: !board.onCall && board.held,
  mute: board.muted,
  microphone: board.muted,
});

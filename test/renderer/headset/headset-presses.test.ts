import { describe, expect, it } from 'vitest';
import { commandFor, ledsFor, pressesOf, type HeadsetBoard, type HeadsetPress } from '../../../renderer/src/lib/headset/headset-presses';
import type { HeadsetControl } from '../../../renderer/src/lib/headset/telephony-reports';

type Reading = [HeadsetControl, number, boolean];
/** Feeds reports one after another and collects the presses of each. */
function feed(...reports: Reading[][]): HeadsetPress[][] {
  const last = new Map<HeadsetControl, number>();
  return reports.map((readings) => pressesOf(new Map(readings.map(([control, value, absolute]) => [control, { value, absolute }])), last));
}

describe('what a report means', () => {
  it.each([
    [
      'an absolute hook switch: a change of state, never a repeat',
      [[['hookSwitch', 1, true]], [['hookSwitch', 1, true]], [['hookSwitch', 0, true]]],
      [['offHook'], [], ['onHook']],
    ],
    [
      'a one-shot hook switch: each non-zero value is a press',
      [[['hookSwitch', 1, false]], [['hookSwitch', 0, false]], [['hookSwitch', 1, false]]],
      [['hookToggle'], [], ['hookToggle']],
    ],
    [
      'a one-shot mute (Blackwire, Jabra): press then release',
      [[['phoneMute', 1, false]], [['phoneMute', 0, false]]],
      [['muteToggle'], []],
    ],
    [
      'an absolute mute: the headset says which',
      [[['phoneMute', 1, true]], [['phoneMute', 1, true]], [['phoneMute', 0, true]]],
      [['muteOn'], [], ['muteOff']],
    ],
    [
      'an absolute flash (Blackwire): the rising edge only',
      [[['flash', 1, true]], [['flash', 1, true]], [['flash', 0, true]]],
      [['flash'], [], []],
    ],
    ['Hold is Flash', [[['hold', 1, false]]], [['flash']]],
    ['Line Busy only informs', [[['lineBusy', 1, true]]], [[]]],
    ['Redial', [[['redial', 1, false]]], [['redial']]],
  ] as [string, Reading[][], HeadsetPress[][]][])('%s', (_name, reports, presses) => {
    expect(feed(...reports)).toEqual(presses);
  });
});

const idle: HeadsetBoard = { ringing: false, onCall: false, held: false, muted: false };
describe('what a press does on the board', () => {
  it.each([
    ['offHook', { ringing: true, onCall: true }, 'answer'],
    ['offHook', {}, null],
    ['onHook', { onCall: true }, 'hangUp'],
    ['onHook', { ringing: true }, null],
    ['hookToggle', { ringing: true, onCall: true }, 'answer'],
    ['hookToggle', { onCall: true }, 'hangUp'],
    ['hookToggle', {}, null],
    ['flash', { onCall: true }, 'holdResume'],
    ['flash', { held: true }, 'holdResume'],
    ['flash', {}, null],
    ['muteToggle', {}, 'mute'],
    ['muteOn', {}, 'muteOn'],
    ['muteOn', { muted: true }, null],
    ['muteOff', { muted: true }, 'muteOff'],
    ['muteOff', {}, null],
    ['redial', {}, 'redial'],
    ['redial', { onCall: true }, null],
  ] as [HeadsetPress, Partial<HeadsetBoard>, string | null][])('%s on %j: %s', (press, board, command) => {
    expect(commandFor(press, { ...idle, ...board })).toBe(command);
  });

  it('lights: ring, off-hook while on a call, hold only with no call live, mute and microphone together', () => {
    expect(ledsFor({ ringing: true, onCall: true, held: true, muted: true })).toEqual({
      ring: true,
      offHook: true,
      hold: false,
      mute: true,
      microphone: true,
    });
    expect(ledsFor({ ...idle, held: true })).toEqual({ ring: false, offHook: false, hold: true, mute: false, microphone: false });
  });
});

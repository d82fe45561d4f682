import { describe, expect, it } from 'vitest';
import {
  hasTelephonyCollection,
  ledReports,
  readControls,
  telephonyLayout,
  type LedState,
} from '../../../renderer/src/lib/headset/telephony-reports';
import { parseReportDescriptor } from '../../support/hid-descriptor';
import { blackwire3220, jabraSpeak510 } from '../../support/headsets';

const report = (...bytes: number[]) => new DataView(Uint8Array.from(bytes).buffer);
const dark: LedState = { offHook: false, ring: false, mute: false, hold: false, microphone: false };
const values = (map: ReturnType<typeof readControls>) => Object.fromEntries([...map].map(([control, { value }]) => [control, value]));

describe('Plantronics Blackwire 3220 (recorded descriptor)', () => {
  const layout = telephonyLayout(blackwire3220().collections)!;

  it('finds the call buttons in report 8: mute one-shot, hook switch and flash as state', () => {
    expect(layout.controls).toEqual([
      { control: 'phoneMute', reportId: 8, bitOffset: 0, bitSize: 1, absolute: false },
      { control: 'hookSwitch', reportId: 8, bitOffset: 1, bitSize: 1, absolute: true },
      { control: 'flash', reportId: 8, bitOffset: 2, bitSize: 1, absolute: true },
    ]);
  });

  it.each([
    [[0b000], { phoneMute: 0, hookSwitch: 0, flash: 0 }],
    [[0b001], { phoneMute: 1, hookSwitch: 0, flash: 0 }],
    [[0b010], { phoneMute: 0, hookSwitch: 1, flash: 0 }],
    [[0b110], { phoneMute: 0, hookSwitch: 1, flash: 1 }],
    [[0b11111111], { phoneMute: 1, hookSwitch: 1, flash: 1 }],
  ])('decodes report 8 %j', (bytes, expected) => {
    expect(values(readControls(layout, 8, report(...bytes)))).toEqual(expected);
  });

  it('reads nothing from another report id or a report too short to hold the bits', () => {
    expect(readControls(layout, 1, report(0xff)).size).toBe(0);
    expect(readControls(layout, 8, report()).size).toBe(0);
  });

  it.each([
    [{}, { 9: 0, 0x17: 0, 0x18: 0, 0x20: 0 }],
    [{ ring: true }, { 9: 0, 0x17: 0, 0x18: 1, 0x20: 0 }],
    [{ offHook: true }, { 9: 0, 0x17: 1, 0x18: 0, 0x20: 0 }],
    [
      { offHook: true, mute: true, microphone: true },
      { 9: 1, 0x17: 1, 0x18: 0, 0x20: 0 },
    ],
    [{ hold: true }, { 9: 0, 0x17: 0, 0x18: 0, 0x20: 1 }],
  ])('encodes LEDs %j as one report per LED (no Microphone LED on this one)', (leds, expected) => {
    const reports = ledReports(layout, { ...dark, ...leds });
    expect(Object.fromEntries(reports.map((each) => [each.reportId, [...each.data]]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([id, bit]) => [id, [bit]])),
    );
  });
});

describe('Jabra Speak 510 (recorded descriptor, published in part)', () => {
  const device = jabraSpeak510();
  const layout = telephonyLayout(device.collections)!;

  it('reads the Telephony collection only, not the vendor pages that mirror it', () => {
    expect(device.collections.map((collection) => collection.usagePage)).toEqual([0x0c, 0xff00, 0x0b]);
    expect(new Set(layout.controls.map((field) => field.reportId))).toEqual(new Set([3]));
  });

  it('takes the bits Jabra flags Constant: hook switch as state, mute, flash and redial one-shot', () => {
    expect(layout.controls).toEqual([
      { control: 'hookSwitch', reportId: 3, bitOffset: 0, bitSize: 1, absolute: true },
      { control: 'lineBusy', reportId: 3, bitOffset: 1, bitSize: 1, absolute: true },
      { control: 'phoneMute', reportId: 3, bitOffset: 4, bitSize: 1, absolute: false },
      { control: 'flash', reportId: 3, bitOffset: 5, bitSize: 1, absolute: false },
      { control: 'redial', reportId: 3, bitOffset: 6, bitSize: 1, absolute: false },
    ]);
  });

  it.each([
    [[0x00, 0x00], { hookSwitch: 0, lineBusy: 0, phoneMute: 0, flash: 0, redial: 0 }],
    [[0x01, 0x00], { hookSwitch: 1, lineBusy: 0, phoneMute: 0, flash: 0, redial: 0 }],
    [[0x11, 0x00], { hookSwitch: 1, lineBusy: 0, phoneMute: 1, flash: 0, redial: 0 }],
    [[0x21, 0x00], { hookSwitch: 1, lineBusy: 0, phoneMute: 0, flash: 1, redial: 0 }],
    [[0x42, 0x00], { hookSwitch: 0, lineBusy: 1, phoneMute: 0, flash: 0, redial: 1 }],
    // The keypad's digit in the next nibble changes nothing.
    [[0x01, 0x05], { hookSwitch: 1, lineBusy: 0, phoneMute: 0, flash: 0, redial: 0 }],
  ])('decodes report 3 %j', (bytes, expected) => {
    expect(values(readControls(layout, 3, report(...bytes)))).toEqual(expected);
  });

  it('ignores the vendor mirror report 4 and the volume report 5', () => {
    expect(readControls(layout, 4, report(0xff, 0xff)).size).toBe(0);
    expect(readControls(layout, 5, report(0xff, 0xff)).size).toBe(0);
  });

  it('drives no LED: its LED outputs are past the published part', () => {
    expect(layout.outputs).toEqual([]);
    expect(ledReports(layout, { ...dark, offHook: true })).toEqual([]);
  });
});

describe('descriptors that are not headsets', () => {
  it('finds no telephony layout in a keyboard', () => {
    // A boot keyboard: HID 1.11 appendix B.1.
    const keyboard = parseReportDescriptor([
      0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02,
      0x05, 0x08, 0x19, 0x01, 0x29, 0x05, 0x95, 0x05, 0x91, 0x02, 0x95, 0x03, 0x91, 0x01, 0xc0,
    ]);
    expect(hasTelephonyCollection(keyboard)).toBe(false);
    expect(telephonyLayout(keyboard)).toBeNull();
  });

  it('survives collections WebHID leaves empty', () => {
    expect(telephonyLayout([{ usagePage: 0x0b, usage: 5 }])).toEqual({ controls: [], outputs: [] });
    expect(telephonyLayout(undefined)).toBeNull();
  });
});

/**
 * The HID Telephony page, read from the device's own report descriptor as WebHID exposes it
 * (`collections[].inputReports[].items[]`): where each call button sits in which input report and
 * where each LED sits in which output report. No offsets are hard-coded: headsets differ in report
 * ids, bit order, padding, and in whether a control is absolute (the headset's state) or relative
 * (a one-shot press). Usage ids: HID Usage Tables 1.4, Telephony Device page (0x0B), LED page (0x08).
 * Pure: no WebHID calls, no Svelte.
 */
import { TELEPHONY_PAGE } from '@shared/telephony-device';
import type { HidCollectionInfo, HidReportInfo, HidReportItem } from './webhid';

export { hasTelephonyCollection } from '@shared/telephony-device';
export const LED_PAGE = 0x08;

/** The telephony controls the app reads (Line Busy is decoded but only informs: no action takes it). */
export type HeadsetControl = 'hookSwitch' | 'flash' | 'hold' | 'redial' | 'phoneMute' | 'lineBusy';
export type HeadsetLed = 'offHook' | 'ring' | 'mute' | 'hold' | 'microphone';

const CONTROLS: Record<number, HeadsetControl> = {
  0x20: 'hookSwitch',
  0x21: 'flash',
  0x23: 'hold',
  0x24: 'redial',
  0x2f: 'phoneMute',
  0x97: 'lineBusy',
};
const LEDS: Record<number, HeadsetLed> = { 0x17: 'offHook', 0x18: 'ring', 0x09: 'mute', 0x20: 'hold', 0x21: 'microphone' };

interface Field {
  reportId: number;
  /** Bits from the start of the report's data (after the report id, which WebHID strips). */
  bitOffset: number;
  bitSize: number;
}

export interface ControlField extends Field {
  control: HeadsetControl;
  /** Absolute: the value is the headset's state (on/off hook). Relative: a non-zero value is one press. */
  absolute: boolean;
}

export interface LedField extends Field {
  led: HeadsetLed;
}

export interface OutputReportLayout {
  reportId: number;
  byteLength: number;
  leds: LedField[];
}

export interface TelephonyLayout {
  controls: ControlField[];
  outputs: OutputReportLayout[];
}

/**
 * The controls and LEDs of a device's Telephony collections, or null when it has none. Reports are
 * gathered from each Telephony collection and its children, parent first (a child collection such
 * as the keypad comes after the controls in every descriptor seen so far).
 */
export function telephonyLayout(collections: readonly HidCollectionInfo[] | undefined): TelephonyLayout | null {
  const telephony = (collections ?? []).filter((collection) => collection.usagePage === TELEPHONY_PAGE);
  if (telephony.length === 0) return null;
  const controls: ControlField[] = [];
  const outputs: OutputReportLayout[] = [];
  for (const collection of telephony) {
    for (const [reportId, items] of byReport(collection, 'inputReports')) {
      for (const field of fieldsOf(items)) {
        const control = field.page === TELEPHONY_PAGE ? CONTROLS[field.id] : undefined;
        if (control && !controls.some((known) => known.control === control)) {
          controls.push({ reportId, bitOffset: field.bitOffset, bitSize: field.bitSize, control, absolute: field.absolute });
        }
      }
    }
    for (const [reportId, items] of byReport(collection, 'outputReports')) {
      const leds: LedField[] = [];
      let bits = 0;
      for (const field of fieldsOf(items)) {
        bits = Math.max(bits, field.bitOffset + field.bitSize);
        const led = field.page === LED_PAGE ? LEDS[field.id] : undefined;
        if (led) leds.push({ reportId, bitOffset: field.bitOffset, bitSize: field.bitSize, led });
      }
      bits = Math.max(bits, totalBits(items));
      if (leds.length > 0) outputs.push({ reportId, byteLength: Math.ceil(bits / 8), leds });
    }
  }
  return { controls, outputs };
}

type ReportKind = 'inputReports' | 'outputReports';

function byReport(
  collection: HidCollectionInfo,
  kind: ReportKind,
  into = new Map<number, HidReportItem[]>(),
): Map<number, HidReportItem[]> {
  for (const report of collection[kind] ?? ([] as HidReportInfo[])) {
    const id = report.reportId ?? 0;
    into.set(id, [...(into.get(id) ?? []), ...(report.items ?? [])]);
  }
  for (const child of collection.children ?? []) byReport(child, kind, into);
  return into;
}

const totalBits = (items: readonly HidReportItem[]) =>
  items.reduce((sum, item) => sum + (item.reportSize ?? 0) * (item.reportCount ?? 0), 0);

interface RawField {
  page: number;
  id: number;
  bitOffset: number;
  bitSize: number;
  absolute: boolean;
}

/** Each variable field of a report with its usage and place; arrays (keypads) and padding only take room. */
function fieldsOf(items: readonly HidReportItem[]): RawField[] {
  const fields: RawField[] = [];
  let offset = 0;
  for (const item of items) {
    const size = item.reportSize ?? 0;
    const count = item.reportCount ?? 0;
    for (let index = 0; index < count; index += 1) {
      const usage = item.isArray ? undefined : usageAt(item, index);
      // Constant items keep their usages: Jabra flags its telephony bits Constant and still sends them.
      if (usage !== undefined)
        fields.push({
          page: usage >>> 16,
          id: usage & 0xffff,
          bitOffset: offset + index * size,
          bitSize: size,
          absolute: item.isAbsolute !== false,
        });
    }
    offset += size * count;
  }
  return fields;
}

/** The usage of field `index`: from a range, else the list (the last usage repeats, as HID says). */
function usageAt(item: HidReportItem, index: number): number | undefined {
  if (item.isRange && item.usageMinimum !== undefined) {
    const usage = item.usageMinimum + index;
    return usage <= (item.usageMaximum ?? item.usageMinimum) ? usage : undefined;
  }
  const usages = item.usages ?? [];
  return usages.length === 0 ? undefined : usages[Math.min(index, usages.length - 1)];
}

/** The controls an input report carries, with their values. Other reports (volume, vendor) give none. */
export function readControls(
  layout: TelephonyLayout,
  reportId: number,
  data: DataView,
): Map<HeadsetControl, { value: number; absolute: boolean }> {
  const values = new Map<HeadsetControl, { value: number; absolute: boolean }>();
  for (const field of layout.controls) {
    if (field.reportId !== reportId || field.bitOffset + field.bitSize > data.byteLength * 8) continue;
    values.set(field.control, { value: readBits(data, field.bitOffset, field.bitSize), absolute: field.absolute });
  }
  return values;
}

function readBits(data: DataView, offset: number, size: number): number {
  let value = 0;
  for (let bit = 0; bit < size; bit += 1) {
    const at = offset + bit;
    if ((data.getUint8(at >> 3) >> (at & 7)) & 1) value += 2 ** bit;
  }
  return value;
}

export type LedState = Record<HeadsetLed, boolean>;

/** The output reports that set the LEDs a device has to `state` (LEDs it lacks are left out). */
export function ledReports(layout: TelephonyLayout, state: LedState): { reportId: number; data: Uint8Array<ArrayBuffer> }[] {
  return layout.outputs.map((report) => {
    const data = new Uint8Array(report.byteLength);
    for (const field of report.leds) {
      if (state[field.led]) data[field.bitOffset >> 3]! |= 1 << (field.bitOffset & 7);
    }
    return { reportId: report.reportId, data };
  });
}

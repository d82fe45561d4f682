/**
 * A small HID report descriptor parser (HID 1.11, section 6.2.2): raw descriptor bytes -> the
 * collections WebHID exposes (`HIDDevice.collections`), so tests drive the app with the layout of a
 * real headset instead of a hand-written shape. Short items only (no real headset uses long ones);
 * each main item lands in the innermost open collection, as Chromium does. A dump that ends inside a
 * collection (a published dump cut short) closes what is open.
 */
import { readFileSync } from 'node:fs';
import type { HidCollectionInfo, HidReportInfo, HidReportItem } from '../../renderer/src/lib/headset/webhid';

interface Globals {
  usagePage: number;
  logicalMinimum: number;
  logicalMaximum: number;
  reportSize: number;
  reportCount: number;
  reportId: number;
}

interface Locals {
  usages: number[];
  usageMinimum: number | null;
  usageMaximum: number | null;
}

type ReportKind = 'inputReports' | 'outputReports' | 'featureReports';
const MAIN_KIND: Record<number, ReportKind> = { 0x8: 'inputReports', 0x9: 'outputReports', 0xb: 'featureReports' };

const unsigned = (data: number[]) => data.reduce((value, byte, index) => value + byte * 2 ** (8 * index), 0);
function signed(data: number[]): number {
  const value = unsigned(data);
  const bits = 8 * data.length;
  return data.length > 0 && value >= 2 ** (bits - 1) ? value - 2 ** bits : value;
}

export function parseReportDescriptor(bytes: readonly number[]): HidCollectionInfo[] {
  const top: HidCollectionInfo[] = [];
  const open: HidCollectionInfo[] = [];
  let globals: Globals = { usagePage: 0, logicalMinimum: 0, logicalMaximum: 0, reportSize: 0, reportCount: 0, reportId: 0 };
  const stack: Globals[] = [];
  let locals: Locals = { usages: [], usageMinimum: null, usageMaximum: null };
  const extended = (data: number[]) => (data.length === 4 ? unsigned(data) : globals.usagePage * 0x10000 + unsigned(data));

  for (let at = 0; at < bytes.length;) {
    const prefix = bytes[at]!;
    if (prefix === 0xfe) {
      at += 3 + (bytes[at + 1] ?? 0);
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 3]!;
    if (at + 1 + size > bytes.length) break;
    const data = bytes.slice(at + 1, at + 1 + size) as number[];
    const type = (prefix >> 2) & 3;
    const tag = prefix >> 4;
    at += 1 + size;

    if (type === 1) {
      if (tag === 0x0) globals.usagePage = unsigned(data);
      else if (tag === 0x1) globals.logicalMinimum = signed(data);
      else if (tag === 0x2) globals.logicalMaximum = signed(data);
      else if (tag === 0x7) globals.reportSize = unsigned(data);
      else if (tag === 0x8) globals.reportId = unsigned(data);
      else if (tag === 0x9) globals.reportCount = unsigned(data);
      else if (tag === 0xa) stack.push({ ...globals });
      else if (tag === 0xb) globals = stack.pop() ?? globals;
      continue;
    }
    if (type === 2) {
      if (tag === 0x0) locals.usages.push(extended(data));
      else if (tag === 0x1) locals.usageMinimum = extended(data);
      else if (tag === 0x2) locals.usageMaximum = extended(data);
      continue;
    }
    if (type !== 0) continue;

    if (tag === 0xa) {
      const usage = locals.usages[0] ?? locals.usageMinimum ?? 0;
      const collection: HidCollectionInfo = {
        usagePage: usage >>> 16,
        usage: usage & 0xffff,
        type: unsigned(data),
        children: [],
        inputReports: [],
        outputReports: [],
        featureReports: [],
      };
      (open.at(-1)?.children ?? top).push(collection);
      open.push(collection);
    } else if (tag === 0xc) {
      open.pop();
    } else if (MAIN_KIND[tag] && open.length > 0) {
      const flags = unsigned(data);
      const isRange = locals.usages.length === 0 && locals.usageMinimum !== null;
      const item: HidReportItem = {
        usages: locals.usages,
        isRange,
        ...(isRange ? { usageMinimum: locals.usageMinimum!, usageMaximum: locals.usageMaximum ?? locals.usageMinimum! } : {}),
        reportSize: globals.reportSize,
        reportCount: globals.reportCount,
        isConstant: (flags & 0x01) !== 0,
        isArray: (flags & 0x02) === 0,
        isAbsolute: (flags & 0x04) === 0,
        logicalMinimum: globals.logicalMinimum,
        logicalMaximum: globals.logicalMaximum,
      };
      const reports = open.at(-1)![MAIN_KIND[tag]!]!;
      let report: HidReportInfo | undefined = reports.find((each) => each.reportId === globals.reportId);
      if (!report) reports.push((report = { reportId: globals.reportId, items: [] }));
      report.items!.push(item);
    }
    // Local items last until the next main item.
    locals = { usages: [], usageMinimum: null, usageMaximum: null };
  }
  return top;
}

/** A descriptor written as hex bytes, `#` starting a comment (test/fixtures/headsets/*.hex). */
export function readDescriptorHex(path: string): number[] {
  const text = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .join(' ');
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((byte) => {
      if (!/^[0-9a-fA-F]{2}$/.test(byte)) throw new Error(`${path}: "${byte}" is not a hex byte`);
      return parseInt(byte, 16);
    });
}

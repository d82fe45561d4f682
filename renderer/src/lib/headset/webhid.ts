/**
 * The part of WebHID (https://wicg.github.io/webhid/) the headset code uses, typed here because
 * TypeScript's DOM library has none. `navigator.hid` in Chromium and Electron, a fake in tests.
 */

/** One main item of a report as the browser parsed it from the device's report descriptor. */
export interface HidReportItem {
  /** Extended usages: page << 16 | id, one per field, or a range (isRange, usageMinimum/Maximum). */
  usages?: number[];
  usageMinimum?: number;
  usageMaximum?: number;
  isRange?: boolean;
  reportSize?: number;
  reportCount?: number;
  isAbsolute?: boolean;
  isArray?: boolean;
  isConstant?: boolean;
  logicalMinimum?: number;
  logicalMaximum?: number;
}

export interface HidReportInfo {
  reportId?: number;
  items?: HidReportItem[];
}

export interface HidCollectionInfo {
  usagePage?: number;
  usage?: number;
  type?: number;
  children?: HidCollectionInfo[];
  inputReports?: HidReportInfo[];
  outputReports?: HidReportInfo[];
  featureReports?: HidReportInfo[];
}

export interface HidInputReportEvent extends Event {
  readonly device: HidDevice;
  readonly reportId: number;
  readonly data: DataView;
}

export interface HidDevice extends EventTarget {
  readonly opened: boolean;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: HidCollectionInfo[];
  open(): Promise<void>;
  close(): Promise<void>;
  sendReport(reportId: number, data: BufferSource): Promise<void>;
}

export interface HidConnectionEvent extends Event {
  readonly device: HidDevice;
}

export interface HidDeviceFilter {
  vendorId?: number;
  productId?: number;
  usagePage?: number;
  usage?: number;
}

export interface Hid extends EventTarget {
  getDevices(): Promise<HidDevice[]>;
  requestDevice(options: { filters: HidDeviceFilter[] }): Promise<HidDevice[]>;
}

/** The browser's navigator.hid, or null where there is none (jsdom, old browsers, a locked-down policy). */
export function browserHid(): Hid | null {
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { hid?: Hid });
  return nav?.hid ?? null;
}

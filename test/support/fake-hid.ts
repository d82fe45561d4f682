/**
 * A fake `navigator.hid` built from a recorded headset (test/support/headsets.ts): the app finds,
 * opens and reads it as it would the real one, and the test presses its buttons, reads the output
 * reports the app sent (its LEDs) and unplugs it. `installFakeHid` is self-contained so that it can
 * also run in the page as a Playwright init script (`page.addInitScript(installFakeHid, options)`).
 */
import type { HidCollectionInfo } from '../../renderer/src/lib/headset/webhid';

export interface FakeHidOptions {
  headset: { productName: string; vendorId: number; productId: number; collections: HidCollectionInfo[] };
  /** Already chosen in an earlier run (getDevices answers it); else only "Connect a headset" grants it. */
  granted: boolean;
  /** Install as window.navigator.hid and window.fakeHid (in a page); else only return it. */
  global: boolean;
}

export interface FakeHidControl {
  hid: EventTarget & {
    getDevices(): Promise<unknown[]>;
    requestDevice(options: { filters: { usagePage?: number }[] }): Promise<unknown[]>;
  };
  /** Sends an input report as the headset would (data without the report id). */
  press(reportId: number, bytes: number[]): void;
  unplug(): void;
  plug(): void;
  /** Output reports the app sent, oldest first. */
  sent(): { reportId: number; data: number[] }[];
  /** The last value sent for each output report id. */
  latest(): Record<number, number[]>;
  opened(): boolean;
  chooserFilters(): { usagePage?: number }[][];
}

export function installFakeHid(options: FakeHidOptions): FakeHidControl {
  const sent: { reportId: number; data: number[] }[] = [];
  const filtersAsked: { usagePage?: number }[][] = [];
  let plugged = true;
  let granted = options.granted;

  class FakeDevice extends EventTarget {
    opened = false;
    readonly productName = options.headset.productName;
    readonly vendorId = options.headset.vendorId;
    readonly productId = options.headset.productId;
    readonly collections = options.headset.collections;
    async open() {
      if (!plugged) throw new DOMException('The device was disconnected.', 'NotFoundError');
      this.opened = true;
    }
    async close() {
      this.opened = false;
    }
    async sendReport(reportId: number, data: BufferSource) {
      if (!this.opened) throw new DOMException('The device must be opened first.', 'InvalidStateError');
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      sent.push({ reportId, data: [...bytes] });
    }
  }
  const device = new FakeDevice();

  const connection = (type: string) => Object.assign(new Event(type), { device });
  class FakeHid extends EventTarget {
    async getDevices() {
      return plugged && granted ? [device] : [];
    }
    async requestDevice(request: { filters: { usagePage?: number }[] }) {
      filtersAsked.push(request.filters);
      // Electron's select-hid-device picks for the agent (main's policy); here: the headset, if it matches.
      const matches = request.filters.some(
        (filter) => filter.usagePage === undefined || device.collections.some((each) => each.usagePage === filter.usagePage),
      );
      if (!plugged || !matches) return [];
      granted = true;
      return [device];
    }
  }
  const hid = new FakeHid();

  const control: FakeHidControl = {
    hid,
    press(reportId, bytes) {
      if (!plugged || !device.opened) return;
      device.dispatchEvent(
        Object.assign(new Event('inputreport'), { device, reportId, data: new DataView(Uint8Array.from(bytes).buffer) }),
      );
    },
    unplug() {
      plugged = false;
      device.opened = false;
      hid.dispatchEvent(connection('disconnect'));
    },
    plug() {
      plugged = true;
      if (granted) hid.dispatchEvent(connection('connect'));
    },
    sent: () => sent.map((each) => ({ reportId: each.reportId, data: [...each.data] })),
    latest: () => Object.fromEntries(sent.map((each) => [each.reportId, [...each.data]])),
    opened: () => device.opened,
    chooserFilters: () => filtersAsked,
  };
  if (options.global) {
    Object.defineProperty(navigator, 'hid', { value: hid, configurable: true });
    (window as unknown as { fakeHid: FakeHidControl }).fakeHid = control;
  }
  return control;
}

/**
 * Which HID devices the page may open: telephony headsets the agent chose, for our own origin, and
 * nothing else (no keyboards, no security keys, no vendor interfaces). Electron has no chooser of
 * its own: `select-hid-device` asks main which device of the list to grant. Pure decisions; the
 * Electron wiring is windows/hid-permissions.ts.
 */
import { hasTelephonyCollection } from '../../shared/telephony-device';
import { APP_ORIGIN, originOf } from './app-assets';

/** What Electron tells of a HID device (its HIDDevice structure). */
export interface HidDeviceFacts {
  deviceId?: string;
  vendorId: number;
  productId: number;
  serialNumber?: string;
  collections?: readonly { usagePage?: number }[];
}

/** Where the chosen devices are kept between runs (a small file in userData). */
export interface HidChoiceStore {
  load(): string[];
  save(keys: readonly string[]): void;
}

const hex = (value: number) => value.toString(16).padStart(4, '0');

/** A device across runs and ports: vendor, product and serial number (deviceId changes every run). */
export const deviceKey = (device: HidDeviceFacts): string =>
  `${hex(device.vendorId)}:${hex(device.productId)}:${device.serialNumber ?? ''}`;

export const isAppOrigin = (origin: string): boolean => originOf(origin) === APP_ORIGIN;

export class HidChoices {
  private chosen: string[];

  constructor(private readonly store: HidChoiceStore) {
    let loaded: unknown = [];
    try {
      loaded = store.load();
    } catch {
      // An unreadable file loses the choice, not the app: the agent connects the headset again.
    }
    this.chosen = Array.isArray(loaded) ? loaded.filter((key): key is string => typeof key === 'string') : [];
  }

  /**
   * `select-hid-device`: the device to grant, or '' to grant none. Only telephony headsets, and
   * only for our page; the one chosen before wins, else the first offered. The choice is kept.
   */
  choose(origin: string, offered: readonly HidDeviceFacts[]): string {
    if (!isAppOrigin(origin)) return '';
    const headsets = offered.filter((device) => hasTelephonyCollection(device.collections) && device.deviceId);
    const pick = headsets.find((device) => this.chosen.includes(deviceKey(device))) ?? headsets[0];
    if (!pick) return '';
    this.remember(deviceKey(pick));
    return pick.deviceId!;
  }

  /** `setDevicePermissionHandler`: HID only, our page only, a telephony headset the agent chose. */
  isAllowed(details: { deviceType: string; origin: string; device: HidDeviceFacts }): boolean {
    return (
      details.deviceType === 'hid' &&
      isAppOrigin(details.origin) &&
      hasTelephonyCollection(details.device.collections) &&
      this.chosen.includes(deviceKey(details.device))
    );
  }

  private remember(key: string): void {
    if (this.chosen.includes(key)) return;
    this.chosen = [...this.chosen, key];
    try {
      this.store.save(this.chosen);
    } catch {
      // Not kept for the next run; granted for this one all the same.
    }
  }
}

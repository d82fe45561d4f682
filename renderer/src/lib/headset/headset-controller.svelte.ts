/**
 * The agent's telephony headset through WebHID: its buttons act on the calls through the same
 * commands as the hotkeys and buttons, and its LEDs follow the board. The device's report layout is
 * read from its descriptor (telephony-reports.ts); what a press means is headset-presses.ts.
 * Unplugged mid-call, the agent is told and the call goes on; plugged back, it is used again.
 */
import { TELEPHONY_PAGE } from '@shared/telephony-device';
import { commandFor, HOOK_SETTLE_MS, ledsFor, pressesOf, type HeadsetBoard, type HeadsetCommand } from './headset-presses';
import {
  hasTelephonyCollection,
  ledReports,
  readControls,
  telephonyLayout,
  type HeadsetControl,
  type TelephonyLayout,
} from './telephony-reports';
import type { Hid, HidConnectionEvent, HidDevice, HidInputReportEvent } from './webhid';

export interface HeadsetDeps {
  /** navigator.hid, or null where the window has none. */
  hid: Hid | null;
  /** Read inside an effect: the LEDs follow it. */
  board(): HeadsetBoard;
  command(command: HeadsetCommand): void;
  /** Said aloud and shown: the headset went away or came back. */
  tell(message: string): void;
  /** Monotonic milliseconds (performance.now). */
  now?: () => number;
}

export interface ConnectedHeadset {
  name: string;
  inUse: boolean;
}

const nameOf = (device: HidDevice) => device.productName || 'Telephony headset';

export class HeadsetController {
  readonly supported: boolean;
  /** The telephony headsets the window may use, by product name. */
  connected = $state<ConnectedHeadset[]>([]);
  inUse = $state<string | null>(null);
  /** The headset in use reports call buttons the app reads. */
  buttonsActive = $state(false);
  /** The last thing to tell the agent about the headset (unplugged, back, could not open): Settings shows it. */
  notice = $state<string | null>(null);
  /** Unplugged or back: shown over every tab until dismissed. */
  alert = $state<string | null>(null);
  connecting = $state(false);

  private device: HidDevice | null = null;
  private layout: TelephonyLayout | null = null;
  // Bookkeeping of what the headset last said and was told; nothing renders it, so not reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly last = new Map<HeadsetControl, number>();
  /** The bytes last sent per output report: only a change is sent, unless the headset drifted. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly sent = new Map<number, string>();
  /** The hook state the headset had before the app last moved the Off-Hook LED, until it has caught up. */
  private staleHook: { value: number; until: number } | null = null;
  private stopEffect: (() => void) | null = null;
  private readonly onInput = (event: Event) => this.input(event as HidInputReportEvent);
  private readonly onConnect = (event: Event) => void this.plugged((event as HidConnectionEvent).device);
  private readonly onDisconnect = (event: Event) => void this.unplugged((event as HidConnectionEvent).device);

  constructor(private readonly deps: HeadsetDeps) {
    this.supported = deps.hid !== null;
  }

  /** Picks up a headset the agent connected before, and follows plugging and unplugging. */
  async start(): Promise<void> {
    const hid = this.deps.hid;
    if (!hid || this.stopEffect) return;
    hid.addEventListener('connect', this.onConnect);
    hid.addEventListener('disconnect', this.onDisconnect);
    this.stopEffect = $effect.root(() => {
      $effect(() => {
        const leds = ledsFor(this.deps.board());
        this.showLeds(leds, false);
      });
    });
    const devices = await hid.getDevices().catch(() => [] as HidDevice[]);
    await this.refresh(devices);
    const first = devices.find((device) => hasTelephonyCollection(device.collections));
    if (first) await this.use(first);
  }

  /** "Connect a headset": the browser's chooser, telephony devices only. */
  async connect(): Promise<void> {
    const hid = this.deps.hid;
    if (!hid) return;
    this.connecting = true;
    try {
      const chosen = await hid.requestDevice({ filters: [{ usagePage: TELEPHONY_PAGE }] });
      const headset = chosen.find((device) => hasTelephonyCollection(device.collections));
      if (headset) await this.use(headset);
      await this.refresh();
    } catch {
      this.notice = 'The headset could not be connected. Plug it in again and retry.';
    } finally {
      this.connecting = false;
    }
  }

  dispose(): void {
    this.stopEffect?.();
    this.stopEffect = null;
    this.deps.hid?.removeEventListener('connect', this.onConnect);
    this.deps.hid?.removeEventListener('disconnect', this.onDisconnect);
    this.release();
  }

  private async use(device: HidDevice): Promise<void> {
    if (this.device === device) return;
    this.release();
    try {
      if (!device.opened) await device.open();
    } catch {
      this.notice = `${nameOf(device)} could not be opened. Another application may be using it.`;
      return;
    }
    this.device = device;
    this.layout = telephonyLayout(device.collections);
    this.buttonsActive = (this.layout?.controls.length ?? 0) > 0;
    this.inUse = nameOf(device);
    this.last.clear();
    this.sent.clear();
    device.addEventListener('inputreport', this.onInput);
    this.showLeds(ledsFor(this.deps.board()), true);
    await this.refresh();
  }

  private release(): void {
    this.device?.removeEventListener('inputreport', this.onInput);
    this.device = null;
    this.layout = null;
    this.buttonsActive = false;
    this.inUse = null;
  }

  private input(event: HidInputReportEvent): void {
    const layout = this.layout;
    if (!layout || event.device !== this.device) return;
    try {
      const values = readControls(layout, event.reportId, event.data);
      const hook = values.get('hookSwitch');
      const stale = this.staleHook;
      if (stale && hook?.absolute) {
        // Still the old state, soon after: the headset has not read the LED yet. Anything else: it has.
        if (hook.value === stale.value && this.now() < stale.until) values.delete('hookSwitch');
        else this.staleHook = null;
      }
      const presses = pressesOf(values, this.last);
      let ignored = false;
      for (const press of presses) {
        const command = commandFor(press, this.deps.board());
        if (command) this.deps.command(command);
        else ignored = true;
      }
      // The headset thinks something the board does not (off hook with nothing ringing): put it back.
      if (ignored) this.showLeds(ledsFor(this.deps.board()), true);
    } catch {
      // A report the app cannot read is a press it ignores, never a crash.
    }
  }

  /** Sends the LED reports that changed (all of them when `force`): the headset follows the board. */
  private showLeds(leds: ReturnType<typeof ledsFor>, force: boolean): void {
    const device = this.device;
    const layout = this.layout;
    if (!device || !layout) return;
    // A headset told the Off-Hook (Mute) LED takes it as its own hook (mute) state: HID Telephony's sync.
    const told = layout.outputs.flatMap((report) => report.leds.map((field) => field.led));
    const absolute = (control: HeadsetControl) => layout.controls.some((field) => field.control === control && field.absolute);
    if (told.includes('offHook') && absolute('hookSwitch')) {
      const before = this.last.get('hookSwitch') ?? 0;
      const after = leds.offHook ? 1 : 0;
      if (before !== after) this.staleHook = { value: before, until: this.now() + HOOK_SETTLE_MS };
      this.last.set('hookSwitch', after);
    }
    if ((told.includes('mute') || told.includes('microphone')) && absolute('phoneMute')) this.last.set('phoneMute', leds.mute ? 1 : 0);
    for (const report of ledReports(layout, leds)) {
      const bytes = report.data.join(',');
      if (!force && this.sent.get(report.reportId) === bytes) continue;
      this.sent.set(report.reportId, bytes);
      device.sendReport(report.reportId, report.data).catch(() => this.sent.delete(report.reportId));
    }
  }

  private async plugged(device: HidDevice): Promise<void> {
    if (!hasTelephonyCollection(device.collections)) return;
    await this.refresh();
    if (this.device) return;
    await this.use(device);
    if (this.device === device) this.say(`${nameOf(device)} is connected again. Its buttons work.`);
  }

  private async unplugged(device: HidDevice): Promise<void> {
    if (device === this.device) {
      const board = this.deps.board();
      this.release();
      const onCall = board.onCall || board.held;
      this.say(`${nameOf(device)} was unplugged.${onCall ? ' The call goes on: use the window or the hotkeys until it is back.' : ''}`);
    }
    await this.refresh();
  }

  private now(): number {
    return (this.deps.now ?? (() => performance.now()))();
  }

  dismissAlert(): void {
    this.alert = null;
  }

  private say(message: string): void {
    this.notice = message;
    this.alert = message;
    this.deps.tell(message);
  }

  private async refresh(devices?: HidDevice[]): Promise<void> {
    const all = devices ?? (await this.deps.hid?.getDevices().catch(() => [] as HidDevice[])) ?? [];
    this.connected = all
      .filter((device) => hasTelephonyCollection(device.collections))
      .map((device) => ({ name: nameOf(device), inUse: device === this.device }));
  }
}

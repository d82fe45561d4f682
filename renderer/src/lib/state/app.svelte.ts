import type { AppInfo, CallView, HotkeyConflicts, RefreshReason, SoftphoneApi } from '../softphone/api';
import type { AudioDevice, CallEngine } from '../calls/call-engine';
import { SimulatedCallEngine } from '../calls/simulated-engine.svelte';
import { TwilioCallEngine } from '../calls/twilio-engine.svelte';
import { loadTwilioDeviceFactory } from '../calls/twilio-device';
import type { FirstAnswers } from '../start-up/first-answers';
import type { MicrophoneGuard } from '../audio/microphone-guard.svelte';
import { HeadsetController } from '../headset/headset-controller.svelte';
import type { HeadsetBoard, HeadsetCommand } from '../headset/headset-presses';
import { browserHid, type Hid } from '../headset/webhid';
import { AuthState } from './auth.svelte';
import { CallsState } from './calls.svelte';
import { DialDraft } from './dial-draft.svelte';
import { HistoryState } from './history.svelte';
import { LOST_REASON, MainLink } from './main-link.svelte';
import { keepMuteAcrossReload } from './mute-memory.svelte';
import { SettingsState } from './settings.svelte';
import { Ticker } from './ticker.svelte';
import { WrapUpState } from './wrap-up.svelte';

export type Tab = 'phone' | 'history' | 'today' | 'settings';

/** Chooses the phone for a sign-in: the simulated one in demo mode, Twilio otherwise. */
export type EngineFactory = (api: SoftphoneApi, demo: boolean, calls: () => CallView[]) => CallEngine;

export const defaultEngines: EngineFactory = (api, demo, calls) =>
  demo ? new SimulatedCallEngine(api, calls) : new TwilioCallEngine(api, { loadDevice: loadTwilioDeviceFactory });

/** The renderer's composition root: every state object, built once from window.softphone. */
export class AppState {
  readonly auth: AuthState;
  readonly calls: CallsState;
  readonly history: HistoryState;
  readonly settings: SettingsState;
  readonly wrapUp: WrapUpState;
  /** Timers stand still while main is out of reach (the link is assigned in the constructor). */
  readonly ticker = new Ticker(() => this.link.lost);
  /** Whether main still answers: call actions are off (and say why) while it does not. */
  readonly link: MainLink;
  /** The agent's telephony headset (WebHID): its buttons send `command`s, its LEDs follow the calls. */
  readonly headset: HeadsetController;
  info = $state<AppInfo | null>(null);
  tab = $state<Tab>('phone');
  engine = $state<CallEngine | null>(null);
  recent = $state<string[]>([]);
  /** The caller's name for each recent number, when a call gave one. */
  recentNames = $state.raw<Record<string, string>>({});
  /** The dialer's number: survives calls and tab changes; tel: links and "Call back" fill it. */
  readonly dialDraft = new DialDraft();
  hotkeyConflicts = $state<HotkeyConflicts>({});
  /** A downloaded update's version, offered as "Restart to update". */
  updateReady = $state<string | null>(null);
  updateError = $state<string | null>(null);
  /** Microphones and speakers the browser knows, for Settings. */
  devices = $state<AudioDevice[]>([]);
  /** A dial in flight (there is no call on the board for it yet). */
  dialing = $state(false);
  /**
   * Listens to the microphone during a live call: talking while muted, no sound, a lost device.
   * Loaded with the first live call (a chunk of its own), null before.
   */
  microphone = $state<MicrophoneGuard | null>(null);
  private loadingMicrophone: Promise<void> | null = null;
  private engineDemo: boolean | null = null;
  private signedIn: boolean | null = null;
  private unsubscribers: (() => void)[] = [];

  constructor(
    private readonly api: SoftphoneApi,
    private readonly makeEngine: EngineFactory = defaultEngines,
    hid: Hid | null = browserHid(),
  ) {
    this.auth = new AuthState(api, (status) => this.onAuthStatus(status.signedIn, status.demo));
    this.link = new MainLink(api);
    this.calls = new CallsState(
      api,
      undefined,
      () => (this.link.lost ? LOST_REASON : null),
      () => this.engine,
    );
    // Events sent while main was out of reach are gone: the board is asked for again.
    this.link.onFound(() => {
      if (this.auth.signedIn) void this.calls.resync();
    });
    this.history = new HistoryState(api, (sessionId) => this.wrapUp.forget(sessionId));
    this.settings = new SettingsState(api);
    this.wrapUp = new WrapUpState(
      api,
      () => this.settings.value?.wrapUp.prompt ?? true,
      () => this.settings.value?.wrapUp.outcomes ?? [],
    );
    this.headset = new HeadsetController({
      hid,
      board: () => this.headsetBoard(),
      command: (command) => this.command(command),
      tell: (message) => (this.calls.announcement = message),
    });
    // Both live as long as this app state: the subscription needs no undoing.
    this.calls.onEnded((call) => this.wrapUp.callEnded(call));
  }

  /** Loads what the window shows; at start-up, from the answers the entry already asked for. */
  async start(first?: FirstAnswers): Promise<void> {
    this.ticker.start();
    this.link.start();
    // In parallel: every IPC round trip before the first screen is start-up time. The sign-in
    // status goes first, as main answers in order and the first screen waits for that one.
    const loading = Promise.all([this.auth.load(first), this.api.app.info()]);
    this.listen();
    this.reportPhoneStatus();
    this.followMicrophone();
    this.unsubscribers.push(
      keepMuteAcrossReload(
        () => this.engine,
        () => this.calls.current,
      ),
    );
    void this.headset.start();
    const [, info] = await loading;
    if (info.ok) this.info = info.value;
  }

  /** Opens a tab and loads what it shows. */
  showTab(tab: Tab): void {
    this.tab = tab;
    if (!this.auth.signedIn) return;
    if (tab === 'history') void this.history.load(0);
    if (tab === 'settings') void this.loadDevices();
  }

  /** Loads the agent's data and (re)starts the phone. */
  async onSignedIn(demo: boolean): Promise<void> {
    if (this.engine && this.engineDemo !== demo) this.engine.stop();
    if (!this.engine || this.engineDemo !== demo) {
      this.engine = this.makeEngine(this.api, demo, () => this.calls.calls);
      this.engineDemo = demo;
    }
    const engine = this.engine;
    await Promise.all([this.calls.load(), this.settings.load(), this.refreshRecent(), this.wrapUp.restore(), engine.start()]);
    if (this.settings.value) await engine.useAudio(this.settings.value.audio);
  }

  onSignedOut(): void {
    this.wrapUp.clear();
    this.engine?.stop();
    this.engine = null;
    this.engineDemo = null;
    this.tab = 'phone';
  }

  /** Who would be cut off by signing out now: the calls on the line and on hold. */
  callersAtRisk(): CallView[] {
    return this.calls.calls.filter((call) => call.phase !== 'ending');
  }

  async refreshRecent(): Promise<void> {
    const [numbers, contacts] = await Promise.all([this.api.sessions.recentNumbers(), this.api.history.recentContacts()]);
    if (numbers.ok) this.recent = numbers.value;
    if (contacts.ok) this.recentNames = Object.fromEntries(contacts.value.map((contact) => [contact.number, contact.name]));
  }

  /** Places a call; main holds the live one first. The draft is cleared once it is placed. */
  /** `chained`: the dial is the second step of one press (Consult first), not a press of its own. */
  async dial(number: string, postDial = '', chained = false): Promise<boolean> {
    if (!this.engine || this.dialing) return false;
    this.dialing = true;
    try {
      const placed = await this.calls.dial(number, postDial, chained);
      if (placed) {
        this.dialDraft.clear();
        void this.refreshRecent();
      }
      return placed;
    } finally {
      this.dialing = false;
    }
  }

  /** Fills the dialer (never dials); during a call the number waits there for the next one. */
  callBack(number: string): void {
    this.dialDraft.fill(number);
    this.tab = 'phone';
  }

  /** Consult first: the caller is held for transfer (the calls state), then the phone dials the person to consult. */
  async consult(call: CallView, destination: string): Promise<boolean> {
    if (!this.engine) return false;
    const number = await this.calls.consult(call, destination);
    return number !== null && this.dial(number, '', true);
  }

  async loadDevices(): Promise<void> {
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!media?.enumerateDevices) return;
    const found = await media.enumerateDevices().catch(() => []);
    const devices: AudioDevice[] = [];
    for (const device of found) {
      if ((device.kind !== 'audioinput' && device.kind !== 'audiooutput') || device.deviceId === 'default') continue;
      const n = devices.filter((known) => known.kind === device.kind).length + 1;
      // Labels stay empty until the microphone was allowed once.
      const label = device.label || `${device.kind === 'audioinput' ? 'Microphone' : 'Speaker'} ${n}`;
      devices.push({ id: device.deviceId, kind: device.kind, label });
    }
    this.devices = devices;
  }

  async restartToUpdate(): Promise<void> {
    const result = await this.api.app.restartToUpdate();
    this.updateError = result.ok ? null : result.error.message;
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.ticker.stop();
    this.link.stop();
    this.auth.dispose();
    this.calls.dispose();
    this.settings.dispose();
    this.headset.dispose();
    this.engine?.stop();
  }

  /** Events main sends about the desktop: links, notification clicks, wake-ups, hotkeys. */
  private listen(): void {
    if (this.unsubscribers.length > 0) return;
    this.unsubscribers.push(
      this.api.app.onDialRequest(({ number }) => this.callBack(number)),
      this.api.app.onShowSession(() => this.showTab('phone')),
      this.api.app.onSystemResumed(() => {
        this.reconnect();
        void this.loadMicrophone().then(() => this.microphone?.checkAfterWake(this.settings.value?.audio.input ?? 'default'));
      }),
      this.api.voice.onCommand(({ command }) => this.command(command)),
      this.api.settings.onHotkeyConflictsChanged((conflicts) => (this.hotkeyConflicts = conflicts)),
      this.api.app.onUpdateReady(({ version }) => (this.updateReady = version)),
      this.api.settings.onChanged((settings) => void this.engine?.useAudio(settings.audio)),
    );
    // A network change: sync sessions now and register the phone again.
    const online = () => {
      this.refreshCalls('online');
      this.reconnect();
    };
    // The agent looks at the window again: main refreshes a board that is getting old.
    const focus = () => this.refreshCalls('focus');
    const visible = () => document.visibilityState === 'visible' && focus();
    window.addEventListener('online', online);
    window.addEventListener('focus', focus);
    document.addEventListener('visibilitychange', visible);
    this.unsubscribers.push(() => {
      window.removeEventListener('online', online);
      window.removeEventListener('focus', focus);
      document.removeEventListener('visibilitychange', visible);
    });
    void this.api.settings.hotkeyConflicts().then((result) => {
      if (result.ok) this.hotkeyConflicts = result.value;
    });
  }

  private onAuthStatus(signedIn: boolean, demo: boolean): void {
    if (signedIn === this.signedIn) return;
    this.signedIn = signedIn;
    if (signedIn) void this.onSignedIn(demo);
    else this.onSignedOut();
  }

  /** Main keeps the phone's registration state for diagnostics and the tray. */
  private reportPhoneStatus(): void {
    this.unsubscribers.push(
      $effect.root(() => {
        $effect(() => {
          const status = this.engine?.status;
          if (status) void this.api.voice.reportStatus({ status });
        });
      }),
    );
  }

  /** The guard listens while the current call is live on this phone; it holds no microphone otherwise. */
  private followMicrophone(): void {
    this.unsubscribers.push(
      $effect.root(() => {
        $effect(() => {
          const engine = this.engine;
          const situation = {
            onCall: engine !== null && this.calls.current?.phase === 'live',
            muted: engine?.muted ?? false,
            device: this.settings.value?.audio.input ?? 'default',
          };
          const guard = this.microphone;
          if (!guard) {
            if (situation.onCall) void this.loadMicrophone();
            return;
          }
          guard.follow(situation);
          guard.sdkSaysSilent(engine?.inputSilent ?? false);
        });
      }),
      () => this.microphone?.stop(),
    );
  }

  private loadMicrophone(): Promise<void> {
    this.loadingMicrophone ??= import('../audio/microphone-watch').then(({ MicrophoneGuard, timingsFromQuery }) => {
      const search = typeof location !== 'undefined' ? location.search : '';
      // A microphone opened again after it was lost: the call's own audio follows it.
      this.microphone = new MicrophoneGuard(undefined, timingsFromQuery(search), () => this.applyAudio());
    });
    return this.loadingMicrophone;
  }

  private applyAudio(): void {
    if (this.settings.value) void this.engine?.useAudio(this.settings.value.audio);
  }

  /** Main shares a burst of these in one request and decides whether one is worth it at all. */
  private refreshCalls(reason: RefreshReason): void {
    if (this.auth.signedIn) void this.api.calls.refresh({ reason });
  }

  private reconnect(): void {
    const engine = this.engine;
    if (!engine || !this.auth.signedIn) return;
    engine.stop();
    void engine.start();
  }

  /**
   * A command from a hotkey or the headset, through the same actions as the window's buttons:
   * answer holds a live call first, `mute` toggles, `holdResume` is the hold hotkey. One that has
   * nothing to act on (no call ringing, nothing to redial) does nothing.
   */
  command(command: HeadsetCommand): void {
    const engine = this.engine;
    const current = this.calls.current;
    const ringing = this.calls.ringing(engine?.incoming ?? null)[0];
    if (command === 'answer' && ringing) void this.calls.answer(ringing, 'hold');
    else if (command === 'hangUp' && current) void this.calls.hangUp(current);
    else if (command === 'holdResume') void this.calls.holdOrResume();
    else if (command === 'mute' && engine) engine.setMuted(!engine.muted);
    else if ((command === 'muteOn' || command === 'muteOff') && engine) engine.setMuted(command === 'muteOn');
    else if (command === 'redial' && !current && !ringing && this.recent[0]) void this.dial(this.recent[0]);
  }

  /** The board as the headset sees it (read in its LED effect: every read here is tracked). */
  private headsetBoard(): HeadsetBoard {
    return {
      ringing: this.calls.ringing(this.engine?.incoming ?? null).length > 0,
      onCall: this.calls.current !== null,
      held: this.calls.held.length > 0,
      muted: this.engine?.muted ?? false,
    };
  }
}

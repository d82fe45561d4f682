import type { AppInfo, HotkeyConflicts, SessionView, SoftphoneApi } from '../api';
import type { AudioDevice, CallEngine } from '../calls/call-engine';
import { SimulatedCallEngine } from '../calls/simulated-engine.svelte';
import { TwilioCallEngine } from '../calls/twilio-engine.svelte';
import { loadTwilioDeviceFactory } from '../calls/twilio-device';
import { AuthState } from './auth.svelte';
import { DialDraft } from './dial-draft.svelte';
import { HistoryState } from './history.svelte';
import { SessionsState } from './sessions.svelte';
import { SettingsState } from './settings.svelte';
import { Ticker } from './ticker.svelte';

export type Tab = 'phone' | 'history' | 'settings';

/** Chooses the phone for a sign-in: the simulated one in demo mode, Twilio otherwise. */
export type EngineFactory = (api: SoftphoneApi, demo: boolean, sessions: () => SessionView[]) => CallEngine;

export const defaultEngines: EngineFactory = (api, demo, sessions) =>
  demo ? new SimulatedCallEngine(api, sessions) : new TwilioCallEngine(api, { loadDevice: loadTwilioDeviceFactory });

/** For tests and the harness's demo: never loads the Voice SDK. */
export const simulatedOnly: EngineFactory = (api, _demo, sessions) => new SimulatedCallEngine(api, sessions);

/** The renderer's composition root: every state object, built once from window.softphone. */
export class AppState {
  readonly auth: AuthState;
  readonly sessions: SessionsState;
  readonly history: HistoryState;
  readonly settings: SettingsState;
  readonly ticker = new Ticker();
  info = $state<AppInfo | null>(null);
  tab = $state<Tab>('phone');
  engine = $state<CallEngine | null>(null);
  recent = $state<string[]>([]);
  /** The dialer's number: survives calls and tab changes; tel: links and "Call back" fill it. */
  readonly dialDraft = new DialDraft();
  hotkeyConflicts = $state<HotkeyConflicts>({});
  /** A downloaded update's version, offered as "Restart to update". */
  updateReady = $state<string | null>(null);
  updateError = $state<string | null>(null);
  /** Microphones and speakers the browser knows, for Settings. */
  devices = $state<AudioDevice[]>([]);
  private engineDemo: boolean | null = null;
  private unsubscribers: (() => void)[] = [];

  constructor(
    private readonly api: SoftphoneApi,
    private readonly makeEngine: EngineFactory = defaultEngines,
  ) {
    this.auth = new AuthState(api);
    this.sessions = new SessionsState(api);
    this.history = new HistoryState(api);
    this.settings = new SettingsState(api);
  }

  async start(): Promise<void> {
    this.ticker.start();
    this.listen();
    // In parallel: every IPC round trip before the first screen is start-up time.
    const [info] = await Promise.all([this.api.app.info(), this.auth.load()]);
    if (info.ok) this.info = info.value;
  }

  /** Called whenever the sign-in changes: loads the agent's data and (re)starts the phone. */
  async onSignedIn(demo: boolean): Promise<void> {
    if (this.engine && this.engineDemo !== demo) this.engine.stop();
    if (!this.engine || this.engineDemo !== demo) {
      this.engine = this.makeEngine(this.api, demo, () => this.sessions.sessions);
      this.engineDemo = demo;
    }
    const engine = this.engine;
    await Promise.all([this.sessions.load(), this.settings.load(), this.refreshRecent(), engine.start()]);
    if (this.settings.value) await engine.useAudio(this.settings.value.audio);
  }

  answer(): Promise<boolean> {
    const engine = this.engine;
    return engine ? this.sessions.respond('answer', () => engine.answer()) : Promise.resolve(false);
  }

  reject(): Promise<boolean> {
    const engine = this.engine;
    return engine ? this.sessions.respond('reject', () => engine.reject()) : Promise.resolve(false);
  }

  onSignedOut(): void {
    this.engine?.stop();
    this.engine = null;
    this.engineDemo = null;
    this.tab = 'phone';
  }

  async refreshRecent(): Promise<void> {
    const result = await this.api.sessions.recentNumbers();
    if (result.ok) this.recent = result.value;
  }

  async dial(number: string, postDial = ''): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    const placed = await this.sessions.dial(number, () => engine.dial(number, postDial));
    if (placed) {
      this.dialDraft.clear();
      void this.refreshRecent();
    }
  }

  /** Fills the dialer (never dials); during a call the number waits there for the next one. */
  callBack(number: string): void {
    this.dialDraft.fill(number);
    this.tab = 'phone';
  }

  /** Hangs up through Evo, then ends the agent's own audio leg. */
  async hangUp(session: SessionView): Promise<void> {
    const engine = this.engine;
    const ended = await this.sessions.hangUp(session, engine?.callSidFor(session));
    if (ended) engine?.hangUp();
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
    this.auth.dispose();
    this.sessions.dispose();
    this.settings.dispose();
    this.engine?.stop();
  }

  /** Events main sends about the desktop: links, notification clicks, wake-ups, hotkeys. */
  private listen(): void {
    if (this.unsubscribers.length > 0) return;
    this.unsubscribers.push(
      this.api.app.onDialRequest(({ number }) => this.callBack(number)),
      this.api.app.onShowSession(() => (this.tab = 'phone')),
      this.api.app.onSystemResumed(() => this.reconnect()),
      this.api.voice.onCommand(({ command }) => this.command(command)),
      this.api.settings.onHotkeyConflictsChanged((conflicts) => (this.hotkeyConflicts = conflicts)),
      this.api.app.onUpdateReady(({ version }) => (this.updateReady = version)),
      this.api.settings.onChanged((settings) => void this.engine?.useAudio(settings.audio)),
    );
    // A network change: sync sessions now and register the phone again.
    const online = () => {
      void this.api.sessions.refresh();
      this.reconnect();
    };
    window.addEventListener('online', online);
    this.unsubscribers.push(() => window.removeEventListener('online', online));
    void this.api.settings.hotkeyConflicts().then((result) => {
      if (result.ok) this.hotkeyConflicts = result.value;
    });
  }

  private reconnect(): void {
    const engine = this.engine;
    if (!engine || !this.auth.signedIn) return;
    engine.stop();
    void engine.start();
  }

  private command(command: 'answer' | 'hangUp' | 'mute'): void {
    const current = this.sessions.current;
    if (command === 'answer') void this.answer();
    else if (command === 'mute' && this.engine) this.engine.setMuted(!this.engine.muted);
    else if (command === 'hangUp' && current) void this.hangUp(current);
  }
}

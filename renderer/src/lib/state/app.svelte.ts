import type { AppInfo, SoftphoneApi } from '../api';
import type { CallEngine } from '../calls/call-engine';
import { SimulatedCallEngine } from '../calls/simulated-engine.svelte';
import { AuthState } from './auth.svelte';
import { HistoryState } from './history.svelte';
import { SessionsState } from './sessions.svelte';
import { SettingsState } from './settings.svelte';
import { Ticker } from './ticker.svelte';

export type Tab = 'phone' | 'history' | 'settings';

/** Chooses the phone for a sign-in: the simulated one in demo mode, Twilio otherwise. */
export type EngineFactory = (api: SoftphoneApi, demo: boolean) => CallEngine;

export const simulatedOnly: EngineFactory = (api) => new SimulatedCallEngine(api);

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
  dialPrefill = $state('');
  private engineDemo: boolean | null = null;

  constructor(
    private readonly api: SoftphoneApi,
    private readonly makeEngine: EngineFactory = simulatedOnly,
  ) {
    this.auth = new AuthState(api);
    this.sessions = new SessionsState(api);
    this.history = new HistoryState(api);
    this.settings = new SettingsState(api);
  }

  async start(): Promise<void> {
    this.ticker.start();
    const info = await this.api.app.info();
    if (info.ok) this.info = info.value;
    await this.auth.load();
  }

  /** Called whenever the sign-in changes: loads the agent's data and (re)starts the phone. */
  async onSignedIn(demo: boolean): Promise<void> {
    if (this.engine && this.engineDemo !== demo) this.engine.stop();
    if (!this.engine || this.engineDemo !== demo) {
      this.engine = this.makeEngine(this.api, demo);
      this.engineDemo = demo;
    }
    await Promise.all([this.sessions.load(), this.settings.load(), this.refreshRecent(), this.engine.start()]);
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

  async dial(number: string): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    const placed = await this.sessions.dial(number, () => engine.dial(number));
    if (placed) void this.refreshRecent();
  }

  callBack(number: string): void {
    this.dialPrefill = number;
    this.tab = 'phone';
  }
}

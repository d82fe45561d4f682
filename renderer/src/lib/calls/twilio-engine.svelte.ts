import { isHeldPhase, legsOf } from '@shared/call-rules';
import { fail, ok, type CallView, type HoldMode, type Result, type SoftphoneApi } from '../softphone/api';
import { PAUSE_SECONDS, type AudioChoice, type CallEngine, type IncomingCall, type PhoneStatus } from './call-engine';
import type { AudioHelperLike, AudioProcessorLike, CallLike, DeviceFactory, DeviceLike, SdkError } from './twilio-types';
import { qualitySentence, sdkErrorMessage } from './twilio-messages';

export interface TwilioEngineOptions {
  /** Loads the SDK lazily: it is a large chunk only real (non-demo) sign-ins need. */
  loadDevice: () => Promise<DeviceFactory>;
  /** Where the app serves its own sounds (not Twilio's CDN). */
  soundsBase?: string;
  /** Rebuild the Device when register() has not completed in this long. */
  registerWatchdogMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** The noise suppressor handed to the SDK (RNNoise, loaded when first needed, unless a test gives its own). */
  makeSuppressor?: () => Promise<AudioProcessorLike>;
}

const SILENT_INPUT = 'constant-audio-input-level';

const SOUNDS = ['incoming', 'outgoing', 'disconnect', ...'0123456789'.split('').map((d) => `dtmf${d}`), 'dtmfs', 'dtmfh'];

/**
 * The phone on @twilio/voice-sdk: registers with the token from main, refreshes it before it
 * expires, rebuilds a Device that does not register in time, and turns SDK events into the
 * few states and sentences the agent sees.
 */
export class TwilioCallEngine implements CallEngine {
  readonly kind = 'twilio' as const;
  status = $state<PhoneStatus>('offline');
  muted = $state(false);
  quality = $state<string | null>(null);
  error = $state<string | null>(null);
  incoming = $state<IncomingCall | null>(null);
  /** The SDK's constant-audio-input-level warning is up: the microphone sends the same level (silence). */
  inputSilent = $state(false);
  /** The agent's current call: its CallSid and where it stands. */
  active = $state<{ callSid: string; state: 'connecting' | 'ringing' | 'open' | 'reconnecting' } | null>(null);

  private device: DeviceLike | null = null;
  private ringing: CallLike | null = null;
  private call: CallLike | null = null;
  /** A leg this app hung up itself: the board already has Evo's answer, so no refresh for it. */
  private endedHere: CallLike | null = null;
  // Not reactive on purpose: `quality` is recomputed from it on every warning event.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly warnings = new Set<string>();
  private watchdog: unknown = null;
  private stopped = true;
  private audio: AudioChoice = { input: 'default', output: 'default', ringtone: 'default' };
  /** The suppressors the Device runs: on the agent's audio (local) and the caller's (remote). */
  private processors: Record<'local' | 'remote', AudioProcessorLike | Promise<AudioProcessorLike> | null> = { local: null, remote: null };
  /** The SDK's input device changes one at a time: a release never lands in the middle of the next call's open. */
  private inputQueue: Promise<void> = Promise.resolve();
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly api: SoftphoneApi,
    private readonly options: TwilioEngineOptions,
  ) {
    this.setTimer = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.build();
  }

  stop(): void {
    this.stopped = true;
    this.teardown();
    this.status = 'offline';
  }

  async dial(to: string, postDial = ''): Promise<Result<unknown>> {
    if (!this.device || this.status !== 'registered') return fail('PHONE_NOT_READY', 'The phone is not ready yet.');
    const room = await this.freeLine('hold');
    if (!room.ok) return room;
    await this.openInput();
    try {
      const call = await this.device.connect({ params: { To: to } });
      this.adopt(call, 'connecting');
      // The SDK's own pause is "w" (half a second); a dialled "," is a desk phone's two seconds.
      const tones = postDial.replace(/,/g, 'w'.repeat(PAUSE_SECONDS * 2));
      if (tones) call.on('accept', () => this.call === call && call.sendDigits(tones));
      return ok({ to });
    } catch (error) {
      this.releaseInput();
      return fail('PHONE_DIAL_FAILED', sdkErrorMessage(error as SdkError));
    }
  }

  async answer(_sessionId: string | null, mode: HoldMode): Promise<Result<unknown>> {
    if (!this.ringing) return fail('PHONE_NO_INCOMING', 'The phone has not received this call yet.');
    const room = await this.freeLine(mode);
    if (!room.ok) return room;
    const call = this.ringing;
    if (!call) return fail('PHONE_NO_INCOMING', 'The caller hung up before the call was answered.');
    await this.openInput();
    if (this.ringing !== call) {
      this.releaseInput();
      return fail('PHONE_NO_INCOMING', 'The caller hung up before the call was answered.');
    }
    this.ringing = null;
    this.incoming = null;
    call.accept();
    this.adopt(call, 'open');
    return ok(null);
  }

  async reject(_sessionId: string | null): Promise<Result<unknown>> {
    const call = this.ringing;
    if (!call) return fail('PHONE_NO_INCOMING', 'There is no call to reject.');
    this.ringing = null;
    this.incoming = null;
    call.reject();
    return ok(null);
  }

  hangUp(): void {
    this.endedHere = this.call;
    this.call?.disconnect();
  }

  setMuted(muted: boolean): void {
    if (!this.call) return;
    this.call.mute(muted);
    this.muted = this.call.isMuted();
  }

  sendDigits(digits: string): void {
    if (/^[0-9*#w]+$/.test(digits)) this.call?.sendDigits(digits);
  }

  /** The microphone is opened for a call only (see openInput); speakers and suppressors apply at once. */
  async useAudio(choice: AudioChoice): Promise<void> {
    this.audio = choice;
    const audio = this.device?.audio;
    if (!audio) return;
    const output = audio.availableOutputDevices.has(choice.output) ? choice.output : 'default';
    const ringtone = audio.availableOutputDevices.has(choice.ringtone) ? choice.ringtone : 'default';
    await Promise.all([
      this.call ? this.openInput() : Promise.resolve(),
      audio.speakerDevices.set(output).catch(() => audio.speakerDevices.set('default')),
      audio.ringtoneDevices.set(ringtone).catch(() => audio.ringtoneDevices.set('default')),
      this.suppress(audio, 'local', Boolean(choice.noiseSuppression)),
      this.suppress(audio, 'remote', Boolean(choice.callerNoiseSuppression)),
    ]);
  }

  /** The chosen microphone (the default one when it is unplugged), opened for the call about to start. */
  private openInput(): Promise<void> {
    return this.queueInput(async (audio) => {
      const input = audio.availableInputDevices.has(this.audio.input) ? this.audio.input : 'default';
      await audio.setInputDevice(input).catch(() => audio.setInputDevice('default'));
    });
  }

  /** After the last call: the SDK keeps the microphone open unless told otherwise (OS privacy light, no sleep). */
  private releaseInput(): void {
    void this.queueInput(async (audio) => {
      if (!this.call) await audio.unsetInputDevice();
    });
  }

  private queueInput(step: (audio: AudioHelperLike) => Promise<void>): Promise<void> {
    const next = this.inputQueue.then(async () => {
      const audio = this.device?.audio;
      if (audio) await step(audio);
    });
    this.inputQueue = next.catch(() => undefined);
    return this.inputQueue;
  }

  private async suppress(audio: AudioHelperLike, side: 'local' | 'remote', on: boolean): Promise<void> {
    const current = this.processors[side];
    if (on && !current) {
      const make = this.options.makeSuppressor ?? (async () => new (await import('../audio/noise-suppressor')).NoiseSuppressor());
      const loading = make();
      this.processors[side] = loading;
      const processor = await loading;
      // Turned off, or the Device rebuilt, while it loaded.
      if (this.processors[side] !== loading || audio !== this.device?.audio) return;
      this.processors[side] = processor;
      await audio.addProcessor(processor, side === 'remote').catch(() => {
        if (this.processors[side] === processor) this.processors[side] = null;
      });
    } else if (!on && current) {
      this.processors[side] = null;
      if (!(current instanceof Promise)) await audio.removeProcessor(current, side === 'remote').catch(() => undefined);
    }
  }

  callSidFor(call: CallView): string | undefined {
    const sid = this.active?.callSid;
    if (!sid) return undefined;
    // The agent's leg is the session's member leg; with a single live call it is ours regardless.
    return legsOf(call).includes(sid) || !isHeldPhase(call.phase) ? sid : undefined;
  }

  /**
   * Before the phone takes or places a call: main holds (or ends) the live call by the board's
   * rules. The agent's own leg of the call now held is then hung up here (INFERRED: Evo moves the
   * caller to its hold queue, so that leg carries no one; resume brings the agent back).
   */
  private async freeLine(mode: HoldMode): Promise<Result<unknown>> {
    const room = await this.api.calls.freeLine({ mode });
    if (room.ok && this.call) {
      this.endedHere = this.call;
      this.call.disconnect();
    }
    return room;
  }

  private async build(): Promise<void> {
    this.teardown();
    this.status = 'registering';
    const token = await this.api.voice.token();
    if (this.stopped) return;
    if (!token.ok) {
      this.status = 'error';
      this.error = token.error.message;
      return;
    }
    let createDevice: DeviceFactory;
    try {
      createDevice = await this.options.loadDevice();
    } catch {
      this.status = 'error';
      this.error = 'The phone could not start. Reinstalling Evo Softphone may help.';
      return;
    }
    if (this.stopped) return;
    const base = this.options.soundsBase ?? '/sounds';
    const device = createDevice(token.value.token, {
      codecPreferences: ['opus', 'pcmu'],
      // Keep a call through short signalling drops instead of hanging up on the caller.
      maxCallSignalingTimeoutMs: 30_000,
      closeProtection: true,
      allowIncomingWhileBusy: true,
      sounds: Object.fromEntries(SOUNDS.map((name) => [name, `${base}/${name}.wav`])),
      tokenRefreshMs: 30_000,
      // A private signalling host (a local stub in tests) also means no Insights to Twilio.
      ...(token.value.chunderw ? { chunderw: token.value.chunderw, publishEvents: false } : {}),
    });
    this.device = device;
    device.on('registering', () => device === this.device && (this.status = 'registering'));
    device.on('registered', () => {
      if (device !== this.device) return;
      this.clearWatchdog();
      this.status = 'registered';
      this.error = null;
      void this.useAudio(this.audio);
    });
    device.on('unregistered', () => device === this.device && !this.stopped && (this.status = 'offline'));
    device.on('error', (error: SdkError) => {
      if (device !== this.device) return;
      this.error = sdkErrorMessage(error);
    });
    device.on('incoming', (call: CallLike) => this.ring(call));
    device.on('tokenWillExpire', () => void this.refreshToken(device));
    device.audio?.on('deviceChange', () => void this.useAudio(this.audio));
    this.watchdog = this.setTimer(() => {
      // register() neither finished nor failed: start over with a fresh Device and token.
      if (device === this.device && this.status !== 'registered' && !this.stopped) void this.build();
    }, this.options.registerWatchdogMs ?? 30_000);
    try {
      await device.register();
    } catch (error) {
      if (device === this.device) {
        this.status = 'error';
        this.error = sdkErrorMessage(error as SdkError);
      }
    }
  }

  private async refreshToken(device: DeviceLike): Promise<void> {
    const token = await this.api.voice.token();
    if (device !== this.device) return;
    if (token.ok) device.updateToken(token.value.token);
    else this.error = `Could not refresh the phone's sign-in: ${token.error.message}`;
  }

  private ring(call: CallLike): void {
    this.ringing = call;
    this.incoming = { from: call.parameters.From ?? 'Unknown caller', sessionId: null, callSid: call.parameters.CallSid ?? null };
    // Evo knows the session before Twilio rings us: fetch it now rather than at the next poll.
    this.refreshCalls('incoming');
    const clear = () => {
      if (this.ringing === call) {
        this.ringing = null;
        this.incoming = null;
      }
    };
    call.on('cancel', () => {
      clear();
      this.refreshCalls('disconnect');
    });
    call.on('reject', clear);
    call.on('disconnect', clear);
  }

  private adopt(call: CallLike, state: 'connecting' | 'open'): void {
    this.call = call;
    this.muted = false;
    this.warnings.clear();
    this.quality = null;
    this.inputSilent = false;
    const sid = () => call.parameters.CallSid ?? '';
    this.active = { callSid: sid(), state };
    const set = (next: 'connecting' | 'ringing' | 'open' | 'reconnecting') => {
      if (this.call === call) this.active = { callSid: sid(), state: next };
    };
    call.on('ringing', () => set('ringing'));
    call.on('accept', () => set('open'));
    call.on('reconnecting', () => {
      set('reconnecting');
      this.quality = 'The connection dropped for a moment; trying to recover.';
    });
    call.on('reconnected', () => {
      set('open');
      this.quality = qualitySentence(this.warnings);
    });
    call.on('mute', (muted: boolean) => this.call === call && (this.muted = muted));
    call.on('warning', (name: string) => {
      this.warnings.add(name);
      this.quality = qualitySentence(this.warnings);
      this.inputSilent = this.warnings.has(SILENT_INPUT);
    });
    call.on('warning-cleared', (name: string) => {
      this.warnings.delete(name);
      this.quality = qualitySentence(this.warnings);
      this.inputSilent = this.warnings.has(SILENT_INPUT);
    });
    const end = () => {
      if (this.call !== call) return;
      this.call = null;
      this.active = null;
      this.muted = false;
      this.quality = null;
      this.inputSilent = false;
      this.warnings.clear();
      this.releaseInput();
    };
    call.on('disconnect', () => {
      // The other side hung up, or the line dropped: Evo's word on the session, now.
      if (this.endedHere !== call) this.refreshCalls('disconnect');
      end();
    });
    call.on('cancel', end);
    call.on('reject', end);
    call.on('error', (error: SdkError) => {
      this.error = sdkErrorMessage(error);
    });
  }

  private refreshCalls(reason: 'incoming' | 'disconnect'): void {
    void this.api.calls.refresh({ reason });
  }

  private clearWatchdog(): void {
    if (this.watchdog !== null) this.clearTimer(this.watchdog);
    this.watchdog = null;
  }

  private teardown(): void {
    this.clearWatchdog();
    this.call = null;
    this.ringing = null;
    this.incoming = null;
    this.active = null;
    this.inputSilent = false;
    this.processors = { local: null, remote: null };
    this.device?.destroy();
    this.device = null;
  }
}

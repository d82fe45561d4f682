import { agentLeg } from '@shared/call-rules';
import { fail, type CallView, type HoldMode, type Result, type SessionView, type SoftphoneApi } from '../softphone/api';
import type { AudioChoice, CallEngine, IncomingCall, PhoneStatus } from './call-engine';
import type { SimulatedLine } from './simulated-line';

/**
 * Demo mode's phone: the same states as the real one, and the agent's microphone opened while a
 * call is live (through noise suppression, muted by its track) though no audio goes anywhere.
 * Outgoing calls become sessions on the simulator (NewSession); incoming ones are the simulator's ringing sessions, answered
 * with PatchSession and rejected with EndSession.
 */
export class SimulatedCallEngine implements CallEngine {
  readonly kind = 'simulated' as const;
  status = $state<PhoneStatus>('offline');
  muted = $state(false);
  quality = $state<string | null>(null);
  error = $state<string | null>(null);
  /** No SDK here to say the microphone is silent: the microphone guard listens for itself. */
  readonly inputSilent = false;
  /** DTMF digits "sent" on the current call, for the keypad's echo. */
  sentDigits = $state('');
  incoming = $derived.by((): IncomingCall | null => {
    if (this.status !== 'registered') return null;
    const ringing = this.calls().find((call) => call.phase === 'ringingIn');
    return ringing ? { from: ringing.displayName, sessionId: ringing.id, callSid: null } : null;
  });

  private audio = $state<AudioChoice>({ input: 'default', output: 'default', ringtone: 'default', noiseSuppression: true });
  private unfollow: (() => void) | null = null;

  constructor(
    private readonly api: SoftphoneApi,
    private readonly calls: () => CallView[] = () => [],
    /** The audio leg is a chunk of its own, loaded with the first call. */
    private readonly loadLine: () => Promise<SimulatedLine> = async () => new (await import('./simulated-line')).SimulatedLine(),
  ) {}

  private line: SimulatedLine | null = null;
  private lineLoading: Promise<SimulatedLine> | null = null;
  private lineWanted = false;

  async start(): Promise<void> {
    this.status = 'registering';
    await Promise.resolve();
    this.status = 'registered';
    this.unfollow ??= $effect.root(() => {
      $effect(() => {
        // As with Twilio, the agent's leg exists for the call being dialled or talked on, not a held one.
        const onCall = this.status === 'registered' && this.calls().some((call) => call.phase === 'live' || call.phase === 'dialing');
        this.lineWanted = onCall;
        if (onCall) void this.openLine(this.audio);
        else this.line?.close();
      });
    });
  }

  stop(): void {
    this.unfollow?.();
    this.unfollow = null;
    this.lineWanted = false;
    this.line?.close();
    this.status = 'offline';
    this.setMuted(false);
    this.sentDigits = '';
  }

  async dial(to: string, postDial = ''): Promise<Result<SessionView>> {
    this.setMuted(false);
    this.sentDigits = '';
    const created = await this.api.sessions.create({ to });
    // No audio to wait for: the simulated call is connected as soon as its session exists.
    const tones = postDial.replace(/,/g, '');
    if (created.ok && tones) this.sendDigits(tones);
    return created;
  }

  /** Main holds (or ends) the live call, then answers: the simulator carries no audio. */
  async answer(sessionId: string | null, mode: HoldMode): Promise<Result<unknown>> {
    const id = sessionId ?? this.incoming?.sessionId;
    if (!id) return fail('PHONE_NO_INCOMING', 'There is no call to answer.');
    const answered = await this.api.sessions.answer({ sessionId: id, mode });
    if (answered.ok) {
      this.setMuted(false);
      this.sentDigits = '';
    }
    return answered;
  }

  async reject(sessionId: string | null): Promise<Result<unknown>> {
    const id = sessionId ?? this.incoming?.sessionId;
    if (!id) return fail('PHONE_NO_INCOMING', 'There is no call to decline.');
    return this.api.sessions.end({ sessionId: id });
  }

  hangUp(): void {
    this.setMuted(false);
    this.sentDigits = '';
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.line?.setMuted(muted);
  }

  sendDigits(digits: string): void {
    this.sentDigits = (this.sentDigits + digits).slice(-32);
  }

  private async openLine(audio: AudioChoice): Promise<void> {
    this.lineLoading ??= this.loadLine().then((line) => (this.line = line));
    const line = await this.lineLoading;
    if (!this.lineWanted) return;
    line.setMuted(this.muted);
    await line.connect(audio);
  }

  async useAudio(choice: AudioChoice): Promise<void> {
    this.audio = { ...choice };
  }

  callSidFor(call: CallView): string | undefined {
    return agentLeg(call) || undefined;
  }
}

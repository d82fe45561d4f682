import { agentLeg } from '@shared/call-rules';
import { fail, type CallView, type HoldMode, type Result, type SessionView, type SoftphoneApi } from '../softphone/api';
import type { CallEngine, IncomingCall, PhoneStatus } from './call-engine';

/**
 * Demo mode's phone: no audio, the same states as the real one. Outgoing calls become sessions
 * on the simulator (NewSession); incoming ones are the simulator's ringing sessions, answered
 * with PatchSession and rejected with EndSession.
 */
export class SimulatedCallEngine implements CallEngine {
  readonly kind = 'simulated' as const;
  status = $state<PhoneStatus>('offline');
  muted = $state(false);
  quality = $state<string | null>(null);
  error = $state<string | null>(null);
  /** DTMF digits "sent" on the current call, for the keypad's echo. */
  sentDigits = $state('');
  incoming = $derived.by((): IncomingCall | null => {
    if (this.status !== 'registered') return null;
    const ringing = this.calls().find((call) => call.phase === 'ringingIn');
    return ringing ? { from: ringing.displayName, sessionId: ringing.id, callSid: null } : null;
  });

  constructor(
    private readonly api: SoftphoneApi,
    private readonly calls: () => CallView[] = () => [],
  ) {}

  async start(): Promise<void> {
    this.status = 'registering';
    await Promise.resolve();
    this.status = 'registered';
  }

  stop(): void {
    this.status = 'offline';
    this.muted = false;
    this.sentDigits = '';
  }

  async dial(to: string, postDial = ''): Promise<Result<SessionView>> {
    this.muted = false;
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
      this.muted = false;
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
    this.muted = false;
    this.sentDigits = '';
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
  }

  sendDigits(digits: string): void {
    this.sentDigits = (this.sentDigits + digits).slice(-32);
  }

  async useAudio(): Promise<void> {
    // No audio in demo mode.
  }

  callSidFor(call: CallView): string | undefined {
    return agentLeg(call) || undefined;
  }
}

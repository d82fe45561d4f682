import type { Result, SessionView, SoftphoneApi } from '../api';
import type { CallEngine, PhoneStatus } from './call-engine';

/**
 * Demo mode's phone: no audio, the same states as the real one. Outgoing calls become sessions
 * on the simulator (NewSession); incoming ones are the simulator's ringing sessions.
 */
export class SimulatedCallEngine implements CallEngine {
  readonly kind = 'simulated' as const;
  status = $state<PhoneStatus>('offline');
  muted = $state(false);
  quality = $state<string | null>(null);
  error = $state<string | null>(null);
  /** DTMF digits "sent" on the current call, for the keypad's echo. */
  sentDigits = $state('');

  constructor(private readonly api: SoftphoneApi) {}

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

  async dial(to: string): Promise<Result<SessionView>> {
    this.muted = false;
    this.sentDigits = '';
    return this.api.sessions.create({ to });
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
  }

  sendDigits(digits: string): void {
    this.sentDigits = (this.sentDigits + digits).slice(-32);
  }

  callSidFor(session: SessionView): string | undefined {
    return session.members.find((member) => member.role === 'Agent')?.callSid || undefined;
  }
}

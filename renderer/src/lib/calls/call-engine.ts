/**
 * The audio side of a call, behind one port: the Twilio Voice SDK in production, a simulated
 * engine in demo mode. The UI reads its state and calls these methods; Evo sessions stay the
 * source of truth for who is on which call.
 */
import type { CallView, HoldMode, Result } from '../softphone/api';

/** One `,` in post-dial digits is a pause of this many seconds (as on a desk phone). */
export const PAUSE_SECONDS = 2;

export type PhoneStatus = 'offline' | 'registering' | 'registered' | 'reconnecting' | 'error';

export interface IncomingCall {
  from: string;
  /** The Evo session, when the engine knows it (the simulated engine always does). */
  sessionId: string | null;
  /** The invite's CallSid (Twilio): matches it to the board's ringing session. */
  callSid: string | null;
}

export interface AudioDevice {
  id: string;
  label: string;
  kind: 'audioinput' | 'audiooutput';
}

export interface AudioChoice {
  input: string;
  output: string;
  ringtone: string;
  /** The agent's audio through the noise suppressor (off when absent). */
  noiseSuppression?: boolean;
  /** The caller's audio through it too. */
  callerNoiseSuppression?: boolean;
}

export interface CallEngine {
  readonly kind: 'twilio' | 'simulated';
  readonly status: PhoneStatus;
  readonly muted: boolean;
  /** One calm sentence about call quality, or null when all is well. */
  readonly quality: string | null;
  /** The phone itself finds the microphone silent (the Voice SDK's warning); demo mode never does. */
  readonly inputSilent: boolean;
  /** A sentence about the last failure of the phone itself, or null. */
  readonly error: string | null;
  /** A call ringing for the agent, or null. */
  readonly incoming: IncomingCall | null;
  start(): Promise<void>;
  stop(): void;
  /**
   * Places a call; a live call is put on hold first (main's board decides what that takes).
   * `postDial` (digits, `*`, `#`, and `,` for a two-second pause) is sent as tones once the call
   * connects: an extension or a menu choice typed after the number.
   */
  dial(to: string, postDial?: string): Promise<Result<unknown>>;
  /** Answers the ringing call; a live call is held (`hold`) or hung up (`end`) first. */
  answer(sessionId: string | null, mode: HoldMode): Promise<Result<unknown>>;
  reject(sessionId: string | null): Promise<Result<unknown>>;
  /** Ends the agent's own audio leg (the Evo session is ended through main). */
  hangUp(): void;
  setMuted(muted: boolean): void;
  sendDigits(digits: string): void;
  /** Applies the agent's audio devices; unknown or unplugged ones fall back to the default. */
  useAudio(choice: AudioChoice): Promise<void>;
  /** The Twilio CallSid of the agent's own leg for this call, when the engine knows it. */
  callSidFor(call: CallView): string | undefined;
}

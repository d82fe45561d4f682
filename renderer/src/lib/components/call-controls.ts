import type { Snippet } from 'svelte';
import type { CallView } from '../softphone/api';

/** The live call and the held callers with their controls: what the call strip and the compact view both show. */
export interface CallControls {
  /** The live (or dialling) call, if any. */
  current: CallView | null;
  /** Every caller on hold, longest first: each with its timer and Resume (a swap when a call is live). */
  held: readonly CallView[];
  now: number;
  muted: boolean;
  /** Why call actions cannot be sent right now (main is not answering), or null. */
  blocked?: string | null;
  onHold: (call: CallView) => void;
  onResume: (call: CallView) => void;
  onHangUp: (call: CallView) => void;
  onMute: (muted: boolean) => void;
  /** Extra lines under a held caller (a promise countdown, a warning): slotted in by others. */
  heldExtra?: Snippet<[CallView]>;
}

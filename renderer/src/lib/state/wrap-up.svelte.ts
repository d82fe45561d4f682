import type { CallNote, CallView, SoftphoneApi } from '../softphone/api';

/** A call waiting for the agent's note. */
export interface WrapUpCall {
  sessionId: string;
  name: string;
  number: string;
}

/**
 * Notes after the call: each call the agent was on that ends waits here for a note and an
 * outcome (or a Skip), oldest first, unless the prompt is turned off in Settings. A failed save
 * keeps the call and what was typed, and says why.
 */
export class WrapUpState {
  queue = $state<WrapUpCall[]>([]);
  saving = $state(false);
  error = $state<string | null>(null);
  /** Read by the window's live region after a save. */
  announcement = $state('');
  current = $derived(this.queue[0] ?? null);

  constructor(
    private readonly api: SoftphoneApi,
    private readonly enabled: () => boolean,
  ) {}

  callEnded(call: CallView): void {
    if (!this.enabled() || this.queue.some((waiting) => waiting.sessionId === call.id)) return;
    this.queue = [...this.queue, { sessionId: call.id, name: call.displayName, number: call.number }];
  }

  async save(note: { text: string; outcome: string }): Promise<CallNote | null> {
    const call = this.current;
    if (!call || this.saving) return null;
    this.saving = true;
    this.error = null;
    try {
      const result = await this.api.sessions.saveNote({ sessionId: call.sessionId, ...note });
      if (!result.ok) {
        this.error = result.error.message;
        return null;
      }
      this.done(call);
      this.announcement = `Note saved for ${call.name}`;
      return result.value;
    } finally {
      this.saving = false;
    }
  }

  skip(): void {
    if (this.current) this.done(this.current);
  }

  /** Signed out: nothing waits for a note any more. */
  clear(): void {
    this.queue = [];
    this.error = null;
  }

  private done(call: WrapUpCall): void {
    this.queue = this.queue.filter((waiting) => waiting.sessionId !== call.sessionId);
    this.error = null;
  }
}

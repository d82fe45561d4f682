import type { Connection, ErrorInfo, HoldReason, Result, SessionView, SessionsChanged, SoftphoneApi } from '../api';

export type CallAction = 'hold' | 'holdForTransfer' | 'resume' | 'hangUp' | 'transfer' | 'dial' | 'answer' | 'reject';

export interface ActionFailure {
  sessionId: string | null;
  action: CallAction;
  message: string;
  code: string;
}

const announcements: Partial<Record<CallAction, string>> = {
  hold: 'Call on hold',
  holdForTransfer: 'Call on hold for transfer',
  resume: 'Call resumed',
  hangUp: 'Call ended',
  transfer: 'Call transferred',
  dial: 'Calling',
  answer: 'Call answered',
  reject: 'Call rejected',
};

/**
 * The agent's live sessions as main reports them, plus what the agent is doing to them. A hold
 * or resume in flight marks its session busy so the button cannot send it twice.
 */
export class SessionsState {
  sessions = $state<SessionView[]>([]);
  connection = $state<Connection>('online');
  syncError = $state<ErrorInfo | null>(null);
  loaded = $state(false);
  pending = $state<Record<string, CallAction>>({});
  failure = $state<ActionFailure | null>(null);
  /** Read by the aria-live region. */
  announcement = $state('');

  held = $derived(
    this.sessions.filter((s) => s.held).sort((a, b) => (a.heldSince ?? '').localeCompare(b.heldSince ?? '')),
  );
  /** The call the agent is on: the newest session that is neither held, over, nor still ringing in. */
  current = $derived(
    [...this.sessions]
      .reverse()
      .find((s) => !s.held && !s.ended && s.callState !== 'Disconnected' && !(s.callState === 'Ringing' && s.direction === 'Incoming')) ??
      null,
  );

  private unsubscribe: (() => void) | null = null;
  private retryLast: (() => Promise<boolean>) | null = null;

  constructor(private readonly api: SoftphoneApi) {}

  async load(): Promise<void> {
    this.unsubscribe ??= this.api.sessions.onChanged((change) => this.apply(change));
    const result = await this.api.sessions.active();
    if (result.ok) this.apply({ ...result.value, changed: [], removed: [] });
    else this.syncError = result.error;
    this.loaded = true;
  }

  isBusy(sessionId: string): boolean {
    return sessionId in this.pending;
  }

  hold(session: SessionView, reason: HoldReason = 'None', callSid?: string): Promise<boolean> {
    const action = reason === 'Transferring' ? 'holdForTransfer' : 'hold';
    return this.act(session.id, action, () =>
      this.api.sessions.hold({ sessionId: session.id, reason, ...(callSid ? { callSid } : {}) }),
    );
  }

  resume(session: SessionView): Promise<boolean> {
    return this.act(session.id, 'resume', () => this.api.sessions.resume({ sessionId: session.id }));
  }

  hangUp(session: SessionView, callSid?: string): Promise<boolean> {
    return this.act(session.id, 'hangUp', () =>
      this.api.sessions.end({ sessionId: session.id, ...(callSid ? { callSid } : {}) }),
    );
  }

  transfer(session: SessionView, destination: string): Promise<boolean> {
    return this.act(session.id, 'transfer', () =>
      this.api.sessions.transfer({ sessionId: session.id, destination }),
    );
  }

  dial(to: string, place: () => Promise<Result<unknown>>): Promise<boolean> {
    return this.act(null, 'dial', place, `Calling ${to}`);
  }

  /** Answer or reject the ringing call through the phone engine. */
  respond(action: 'answer' | 'reject', send: () => Promise<Result<unknown>>): Promise<boolean> {
    return this.act('__incoming__', action, send);
  }

  retry(): Promise<boolean> {
    return this.retryLast?.() ?? Promise.resolve(false);
  }

  dismissFailure(): void {
    this.failure = null;
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async act(
    sessionId: string | null,
    action: CallAction,
    call: () => Promise<Result<unknown>>,
    announce?: string,
  ): Promise<boolean> {
    const key = sessionId ?? '__dial__';
    if (key in this.pending) return false;
    this.pending = { ...this.pending, [key]: action };
    this.failure = null;
    this.retryLast = () => this.act(sessionId, action, call, announce);
    try {
      const result = await call();
      if (result.ok) {
        if (isSession(result.value)) this.merge(result.value);
        this.announcement = announce ?? announcements[action] ?? '';
        this.retryLast = null;
        return true;
      }
      this.failure = { sessionId, action, message: result.error.message, code: result.error.code };
      this.announcement = `Could not ${verb(action)}: ${result.error.message}`;
      return false;
    } finally {
      const rest = { ...this.pending };
      delete rest[key];
      this.pending = rest;
    }
  }

  private apply(change: SessionsChanged): void {
    this.sessions = change.sessions;
    this.connection = change.connection;
    this.syncError = change.error;
  }

  private merge(view: SessionView): void {
    const index = this.sessions.findIndex((s) => s.id === view.id);
    if (view.ended) this.sessions = this.sessions.filter((s) => s.id !== view.id);
    else if (index === -1) this.sessions = [...this.sessions, view];
    else this.sessions = this.sessions.map((s) => (s.id === view.id ? view : s));
  }
}

const isSession = (value: unknown): value is SessionView =>
  typeof value === 'object' && value !== null && 'id' in value && 'callState' in value;

function verb(action: CallAction): string {
  return {
    hold: 'hold the call',
    holdForTransfer: 'hold the call for transfer',
    resume: 'resume the call',
    hangUp: 'hang up',
    transfer: 'transfer the call',
    dial: 'place the call',
    answer: 'answer the call',
    reject: 'reject the call',
  }[action];
}

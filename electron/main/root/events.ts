/**
 * Main's one event emitter, typed by the contract's event map: a misspelt event or a payload of
 * the wrong shape does not compile. Every event goes to the window (the sink: webContents.send in
 * Electron, the socket in the harness) and to main's own listeners (tray, reminders, hotkeys).
 */
import type { EventChannel, EventPayload } from '../../shared/contract';
import type { EventSink } from '../ports';

type Listener<E extends EventChannel> = (payload: EventPayload<E>) => void;

export class MainEvents {
  private readonly listeners = new Map<EventChannel, Set<Listener<never>>>();

  constructor(private readonly sink: EventSink) {}

  readonly emit: EventSink = (event, payload) => {
    this.sink(event, payload);
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<typeof event>)(payload);
  };

  /** Listens in main; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener<never>>();
    set.add(listener as Listener<never>);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener<never>);
  }
}

/**
 * Builds `window.softphone` from the contract over any transport: Electron's ipcRenderer in the
 * preload, a WebSocket in the browser harness. Named functions only; no generic send() leaks out.
 */
import type { Result } from './result';
import type { EventChannel, EventPayload, InputOf, InvokeChannel, OutputOf } from './contract';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './channels';

export interface Transport {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** Subscribes to one event name; returns the unsubscribe function. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

type Split<S extends string> = S extends `${infer A}.${infer M}` ? [A, M] : never;
type Area<C extends string> = Split<C>[0];
type Cap<S extends string> = S extends `${infer F}${infer R}` ? `${Uppercase<F>}${R}` : S;

type InvokeFn<C extends InvokeChannel> =
  undefined extends InputOf<C> ? (input?: InputOf<C>) => Promise<Result<OutputOf<C>>> : (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;

type InvokeArea<A extends string> = {
  [C in InvokeChannel as Area<C> extends A ? Split<C>[1] : never]: InvokeFn<C>;
};
type EventArea<A extends string> = {
  [E in EventChannel as Area<E> extends A ? `on${Cap<Split<E>[1]>}` : never]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

export type SoftphoneApi = {
  [A in Area<InvokeChannel> | Area<EventChannel>]: InvokeArea<A> & EventArea<A>;
};

export function eventMethodName(event: string): string {
  const name = event.slice(event.indexOf('.') + 1);
  return `on${name[0]!.toUpperCase()}${name.slice(1)}`;
}

export function buildSoftphoneApi(transport: Transport): SoftphoneApi {
  const api: Record<string, Record<string, unknown>> = {};
  const area = (name: string) => (api[name] ??= {});
  for (const channel of INVOKE_CHANNELS) {
    const [group, method] = channel.split('.') as [string, string];
    area(group)[method] = (input?: unknown) => transport.invoke(channel, input);
  }
  for (const event of EVENT_CHANNELS) {
    const group = event.slice(0, event.indexOf('.'));
    area(group)[eventMethodName(event)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return transport.subscribe(event, listener);
    };
  }
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze(api) as unknown as SoftphoneApi;
}

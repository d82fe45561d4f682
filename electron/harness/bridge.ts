/**
 * The browser harness's stand-in for the preload: `window.softphone` built from the same contract,
 * forwarding every call and event over a WebSocket to the Node process that runs main's router.
 */
import { buildSoftphoneApi, type Transport } from '../shared/softphone-api';
import type { Result } from '../shared/result';

declare const __HARNESS_TOKEN__: string;

interface Pending {
  resolve(result: Result<unknown>): void;
}

const disconnected: Result<never> = {
  ok: false,
  error: { code: 'HARNESS_DISCONNECTED', message: 'Lost the connection to the softphone core.', retryable: true },
};

/** After the socket closes (the harness restarted or dropped it), a new one is tried this often. */
const RECONNECT_MS = 500;

function createTransport(): Transport {
  const url = `ws://${location.host}/__harness/ws?token=${encodeURIComponent(__HARNESS_TOKEN__)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let socket = connect();

  // A closed socket is not the end: the window says it lost the core (its requests answer
  // "disconnected") and a new socket is tried until the harness answers again.
  function connect(): WebSocket {
    const next = new WebSocket(url);
    next.addEventListener('open', () => {
      for (const message of queue.splice(0)) next.send(message);
    });
    next.addEventListener('message', (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as { id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
      if (message.id !== undefined && message.result) {
        pending.get(message.id)?.resolve(message.result);
        pending.delete(message.id);
      } else if (message.event) {
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      }
    });
    next.addEventListener('close', () => {
      for (const entry of pending.values()) entry.resolve(disconnected);
      pending.clear();
      setTimeout(() => (socket = connect()), RECONNECT_MS);
    });
    return next;
  }

  return {
    invoke(channel, payload) {
      if (socket.readyState > WebSocket.OPEN) return Promise.resolve(disconnected);
      const id = nextId++;
      const message = JSON.stringify({ id, channel, payload });
      return new Promise((resolve) => {
        pending.set(id, { resolve });
        if (socket.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

Object.defineProperty(window, 'softphone', { value: buildSoftphoneApi(createTransport()), writable: false });

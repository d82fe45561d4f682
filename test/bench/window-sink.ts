/**
 * The window's end of main's events, as Electron sends them: webContents.send serialises each
 * payload with V8's structured clone (what `v8.serialize` does) and main keeps nothing. Counts
 * what would cross IPC, per event.
 */
import { serialize } from 'node:v8';
import type { EventSink } from '../../electron/main/ports';

export function windowSink() {
  const sent = new Map<string, { count: number; bytes: number }>();
  const sink: EventSink = (event, payload) => {
    const entry = sent.get(event) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += serialize(payload).length;
    sent.set(event, entry);
  };
  return { sink, sent: (event: string) => sent.get(event) ?? { count: 0, bytes: 0 } };
}

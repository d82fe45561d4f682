/**
 * The browser harness's own server (`npm run web`): what it serves and that one bad socket cannot
 * take it down. No browser needed: plain HTTP and a WebSocket client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startHarness, type Harness } from '../../electron/harness/server';

let harness: Harness;
let token: string;

beforeAll(async () => {
  harness = await startHarness({ quiet: true });
  const bridge = await (await fetch(`${harness.url}/__harness/bridge.js`)).text();
  token = /encodeURIComponent\("([\w-]+)"\)/.exec(bridge)![1]!;
});
afterAll(() => harness.close());

function connect(): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${harness.port}/__harness/ws?token=${token}`, { origin: harness.url });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function call(socket: WebSocket, channel: string): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(String(data))));
    socket.send(JSON.stringify({ id: 1, channel }));
  });
}

describe('browser harness server', () => {
  it('serves bridge.js to its own origin only (Cross-Origin-Resource-Policy: same-origin)', async () => {
    const response = await fetch(`${harness.url}/__harness/bridge.js`);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
  });

  it('a frame over maxPayload closes that socket (1009) and the harness goes on answering', async () => {
    const socket = await connect();
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.on('error', () => undefined);
    socket.send('x'.repeat(5 * 1024 * 1024));
    expect(await closed).toBe(1009);

    const again = await connect();
    expect(await call(again, 'app.info')).toMatchObject({ id: 1, result: { ok: true, value: { name: 'Evo Softphone' } } });
    again.close();
    expect((await fetch(`${harness.url}/__harness/bridge.js`)).status).toBe(200);
  });
});

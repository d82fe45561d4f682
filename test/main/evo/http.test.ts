/**
 * The one HTTP exchange under every Evo request (evo/http.ts), against a real server on loopback
 * that misbehaves in the ways the simulator's faults do not: redirects, bodies cut short or
 * trickling, and the bytes actually sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { exchange, WireFailure } from '../../../electron/main/evo/http';
import { rejectionOf } from '../../support/rejection';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A server answering with `answer`; what it received and how many connections it saw. */
async function serve(answer: (res: ServerResponse, req: IncomingMessage) => void) {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      answer(res, req);
    });
  });
  server.on('connection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, connections: () => sockets.size };
}

const limits = { timeoutMs: 2_000, maxBytes: 1024 };

const wireFailure = (promise: Promise<unknown>) => rejectionOf(promise, WireFailure);

describe('one HTTP exchange with Evo', () => {
  it('sends the method, headers and UTF-8 body as given, and reads status, cookies, Retry-After and text', async () => {
    const { base, seen } = await serve((res) => {
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
      res.setHeader('retry-after', '7');
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"name":"Zoë"}');
    });
    const answer = await exchange(
      new URL(`${base}/sessions/SE1/hold?x=1`),
      { method: 'POST', headers: { Accept: 'application/json', 'User-Agent': 'EvoSoftphone/test' }, body: '{"who":"Zoë"}' },
      limits,
    );
    expect(answer).toEqual({ status: 503, setCookies: ['a=1; Path=/', 'b=2; Path=/'], retryAfter: '7', text: '{"name":"Zoë"}' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/sessions/SE1/hold?x=1', body: '{"who":"Zoë"}' });
    expect(seen[0]!.headers['user-agent']).toBe('EvoSoftphone/test');
    expect(seen[0]!.headers['content-length']).toBe(String(Buffer.byteLength('{"who":"Zoë"}')));
  });

  it('keeps one connection open across requests, as an agent holds and resumes all day', async () => {
    const { base, connections } = await serve((res) => res.end('{}'));
    for (let i = 0; i < 5; i += 1) await exchange(new URL(`${base}/sessions/active`), { method: 'GET', headers: {} }, limits);
    expect(connections()).toBe(1);
  });

  it('does not follow a redirect: the status comes back and the other address is never asked', async () => {
    let elsewhere = 0;
    const { base, seen } = await serve((res, req) => {
      if (req.url === '/elsewhere') elsewhere += 1;
      res.writeHead(302, { location: '/elsewhere' }).end();
    });
    const answer = await exchange(new URL(`${base}/sessions/active`), { method: 'GET', headers: {} }, limits);
    expect(answer.status).toBe(302);
    expect(seen).toHaveLength(1);
    expect(elsewhere).toBe(0);
  });

  it('a body cut off before its declared length is EVO_UNREACHABLE, never half an answer', async () => {
    const { base } = await serve((res) => {
      res.writeHead(200, { 'content-length': '100', 'content-type': 'application/json' });
      res.write('{"id":"SE1"');
      setImmediate(() => res.socket?.destroy());
    });
    const failure = await wireFailure(exchange(new URL(`${base}/sessions/SE1`), { method: 'GET', headers: {} }, limits));
    expect(failure.error.code).toBe('EVO_UNREACHABLE');
  });

  it('a declared length over the cap is refused before reading: EVO_RESPONSE_TOO_LARGE with the status', async () => {
    const { base } = await serve((res) =>
      res.writeHead(200, { 'content-length': String(limits.maxBytes + 1) }).end('x'.repeat(limits.maxBytes + 1)),
    );
    const failure = await wireFailure(exchange(new URL(`${base}/sessions`), { method: 'GET', headers: {} }, limits));
    expect(failure.error.code).toBe('EVO_RESPONSE_TOO_LARGE');
    expect(failure.status).toBe(200);
  });

  it('the deadline covers a body that trickles in: EVO_TIMEOUT, and the connection is let go', async () => {
    const { base } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    });
    const failure = await wireFailure(
      exchange(new URL(`${base}/sessions/SE1`), { method: 'GET', headers: {} }, { timeoutMs: 200, maxBytes: 1024 }),
    );
    expect(failure.error.code).toBe('EVO_TIMEOUT');
  });
});

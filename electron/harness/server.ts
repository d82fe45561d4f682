/**
 * `npm run web`: the built renderer in a plain browser. Serves out/renderer on 127.0.0.1 and
 * answers `window.softphone` over a WebSocket with the very router, handlers and services that
 * the Electron main process runs. Loopback only; a random token per run guards the socket.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import { createCore, type Core, type CoreDeps } from '../main/root/core';
import { createRouter } from '../main/ipc/router';
import { createConsoleLogger } from '../main/logging/console-logger';
import { MemorySecretStore } from '../main/services/credential-vault';
import { lazyDemo } from '../main/services/demo-backend';
import { startSimulator, type Simulator, type SimulatorOptions } from '../main/simulator/server';
import { APP_ORIGIN, mimeType, resolveAppAsset } from '../main/policy/app-assets';
import { contentSecurityPolicy } from '../main/policy/content-security';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface HarnessOptions {
  port?: number;
  /** The Evo server; unset starts the built-in simulator and preselects it. */
  evoApiUrl?: string;
  /** Where the cache and settings go; a fresh temp dir when unset. */
  dataDir?: string;
  rendererDir?: string;
  quiet?: boolean;
  simulator?: SimulatorOptions;
  client?: CoreDeps['client'];
  /** A private Twilio signalling host (host:port) for the real Voice SDK; allowed by the CSP. */
  twilioChunderw?: string;
  /** A promise minute in ms (EVO_PROMISE_MINUTE_MS): shortened so a test can see a promise run out. */
  promiseMinuteMs?: number;
}

export interface Harness {
  url: string;
  port: number;
  core: Core;
  dataDir: string;
  /** The built-in simulator, once started. */
  simulator(): Simulator | null;
  /**
   * Test rig: stops answering the window (as a hung main would) until `on` is false again; what
   * the window asked meanwhile is answered then.
   */
  stall(on: boolean): void;
  /** Test rig: closes every window's socket (as a restarted harness would); the windows reconnect. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = options.rendererDir ?? join(root, 'out/renderer');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'evo-softphone-'));
  const token = randomBytes(24).toString('base64url');
  const logger = createConsoleLogger(options.quiet ?? false);
  const sockets = new Map<number, WebSocket>();
  /** While the test rig stalls the harness: what it would have sent, in order, for later. */
  let stalled: (() => void)[] | null = null;
  // The harness is a test rig: its simulator answers the /__sim/ control routes. As in the app's
  // demo mode, the simulator's ring stands in for the Voice SDK's incoming invite.
  const demo = lazyDemo((ring) =>
    startSimulator({
      controls: true,
      ...options.simulator,
      onRing: (email, sessionId) => {
        options.simulator?.onRing?.(email, sessionId);
        ring();
      },
    }),
  );
  const evoApiUrl = options.evoApiUrl || (await demo.start()).url;
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

  const core = createCore({
    dataDir,
    appInfo: { name: 'Evo Softphone', version, platform: `${process.platform} (browser harness)` },
    secrets: new MemorySecretStore(),
    logger,
    emit: (event, payload) => {
      const message = JSON.stringify({ event, payload });
      const send = () => {
        for (const socket of sockets.values()) socket.send(message);
      };
      if (stalled) stalled.push(send);
      else send();
    },
    demoServer: () => demo.start(),
    runningDemoServer: () => demo.running()?.url ?? null,
    onDemoRing: demo.onRing,
    configuredServer: evoApiUrl,
    client: options.client,
    twilioChunderw: options.twilioChunderw,
    promiseMinuteMs: options.promiseMinuteMs,
  });

  let origin = '';
  const router = createRouter(core.handlers, {
    logger,
    isTrustedSender: (sender) => sockets.has(sender.id) && sender.isMainFrame && sender.origin === origin,
  });

  const bridge = await build({
    entryPoints: [join(root, 'electron/harness/bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: { __HARNESS_TOKEN__: JSON.stringify(token) },
  });
  const bridgeJs = bridge.outputFiles[0]!.text;

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end('Internal error');
    });
  });
  let csp = '';
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    // Built assets carry a content hash in their name, so they may be kept, as Electron keeps them
    // (app:// is registered with codeCache). The browser keeps the files; in headless Chromium
    // under Playwright V8's compiled code was never read back (npm run bench's start-up row).
    const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
    const headers = { 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'cache-control': cache };
    if (path === '/__harness/bridge.js') {
      // It carries the socket's token: no other origin may load it as a script.
      res
        .writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8', 'cross-origin-resource-policy': 'same-origin' })
        .end(bridgeJs);
      return;
    }
    const file = resolveAppAsset(rendererDir, `${APP_ORIGIN}${path}`);
    if (!file) return void res.writeHead(404, headers).end('Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return void res.writeHead(404, headers).end('Not found');
    }
    if (file.endsWith('/index.html')) {
      // A classic script runs before the app's module script: window.softphone is there first.
      // The header CSP below is the harness's policy (it allows its socket); the built-in meta would
      // refuse a private signalling host, so it gives way here.
      body = Buffer.from(
        body
          .toString('utf8')
          .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, '')
          .replace('<head>', '<head>\n    <script src="/__harness/bridge.js"></script>'),
      );
    }
    res.writeHead(200, { ...headers, 'content-type': mimeType(file) }).end(body);
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  let nextSocketId = 1;
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/__harness/ws' || url.searchParams.get('token') !== token || req.headers.origin !== origin) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const id = nextSocketId++;
      sockets.set(id, ws);
      ws.on('close', () => sockets.delete(id));
      // A frame over maxPayload (or a broken frame) errors this socket, which ws then closes (1009):
      // without a listener that error would be thrown and end the whole harness.
      ws.on('error', (error) => logger.warn('harness: socket closed after an error', { reason: error.message.slice(0, 80) }));
      ws.on('message', (data) => {
        let message: { id?: unknown; channel?: unknown; payload?: unknown };
        try {
          message = JSON.parse(String(data)) as typeof message;
        } catch {
          return;
        }
        if (typeof message.id !== 'number') return;
        const answer = () =>
          void router
            .dispatch(message.channel, message.payload, { id, isMainFrame: true, origin: req.headers.origin ?? '' })
            .then((result) => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ id: message.id, result })));
        if (stalled) stalled.push(answer);
        else answer();
      });
    });
  });

  const port = await new Promise<number>((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port));
  });
  origin = `http://127.0.0.1:${port}`;
  csp = contentSecurityPolicy([`ws://127.0.0.1:${port}`, ...(options.twilioChunderw ? [`wss://${options.twilioChunderw}`] : [])]);
  await core.start();

  return {
    url: origin,
    port,
    core,
    dataDir,
    simulator: () => demo.running(),
    stall(on) {
      if (on) {
        stalled ??= [];
        return;
      }
      const held = stalled ?? [];
      stalled = null;
      for (const send of held) send();
    },
    dropConnections() {
      for (const socket of sockets.values()) socket.terminate();
    },
    async close() {
      for (const socket of sockets.values()) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      core.dispose();
      await demo.close();
    },
  };
}

/**
 * A local stand-in for Twilio's signalling gateway ("chunderw"), enough for the real
 * @twilio/voice-sdk to register and to receive an invite: TLS with a throw-away certificate,
 * WebSocket at /signal, the PStream messages listen -> connected, register -> ready, invite.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SignallingMessage {
  type: string;
  payload: Record<string, unknown>;
}

/** A minimal, well-formed audio offer (opus and PCMU), as the gateway would relay it. */
const OFFER_SDP = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=msid-semantic: WMS',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 0',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:stub',
  'a=ice-pwd:stubstubstubstubstubstub',
  'a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF',
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:0 PCMU/8000',
  '',
].join('\r\n');

export async function startSignallingStub() {
  const dir = mkdtempSync(join(tmpdir(), 'evo-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server, path: '/signal' });
  const received: SignallingMessage[] = [];
  let client: WebSocket | null = null;
  const send = (type: string, payload: Record<string, unknown>) => client?.send(JSON.stringify({ type, version: '1.6', payload }));
  wss.on('connection', (socket) => {
    client = socket;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as SignallingMessage;
      received.push(message);
      if (message.type === 'listen') send('connected', { region: 'us1', home: 'us1', token: { identity: 'dana.agent', ttl: 3600 } });
      if (message.type === 'register') send('ready', {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    received,
    /** Rings the registered Device as Twilio would for an incoming PSTN call. */
    invite(callSid: string, from: string) {
      send('invite', { callsid: callSid, sdp: OFFER_SDP, parameters: { CallSid: callSid, From: from, To: 'client:dana.agent' } });
    },
    async close() {
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

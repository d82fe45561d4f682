/**
 * The real @twilio/voice-sdk in headless Chromium against a local signalling stub: the Device
 * registers, an incoming invite shows in the UI and is rejected. Nothing leaves the machine:
 * Chromium resolves every host but 127.0.0.1 to nothing, and every request is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startHarness, type Harness } from '../../electron/harness/server';
import { startSimulator, type Simulator } from '../../electron/main/simulator/server';
import { startSignallingStub } from '../support/twilio-signalling-stub';
import { launchChromium } from './browser';
import { signInAsDemoAgent } from './harness-fixture';

describe('real Voice SDK against a local signalling stub', () => {
  let stub: Awaited<ReturnType<typeof startSignallingStub>>;
  let simulator: Simulator;
  let harness: Harness;
  let browser: Browser;

  beforeAll(async () => {
    stub = await startSignallingStub();
    // A simulator of our own (not the built-in demo one), so that the app uses the Twilio phone.
    simulator = await startSimulator({ seed: { history: 0, liveCall: false } });
    harness = await startHarness({ quiet: true, evoApiUrl: simulator.url, twilioChunderw: stub.host });
    browser = await launchChromium(['--ignore-certificate-errors', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await simulator?.close();
    await stub?.close();
  });

  it('registers, shows the incoming call, and declines it', async () => {
    const page = await browser.newPage();
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    page.on('websocket', (socket) => urls.push(socket.url()));
    await page.goto(harness.url);
    await signInAsDemoAgent(page);

    await page.getByText('Phone ready').waitFor({ timeout: 20_000 });
    const listen = stub.received.find((message) => message.type === 'listen')!;
    expect(listen.payload.token).toMatch(/^eyJ/);
    expect(stub.received.some((message) => message.type === 'register')).toBe(true);

    stub.invite('CA0123456789abcdef0123456789abcdef', '+15550100199');
    const banner = page.getByRole('region', { name: 'Incoming call' });
    await banner.getByText('+1 555 010 0199').waitFor({ timeout: 10_000 });
    await banner.getByRole('button', { name: 'Decline' }).click();
    await expect
      .poll(() => stub.received.find((message) => message.type === 'reject')?.payload.callsid)
      .toBe('CA0123456789abcdef0123456789abcdef');
    await expect.poll(() => page.getByRole('region', { name: 'Incoming call' }).count()).toBe(0);

    const foreign = urls.filter((url) => !/^(https?|wss?):\/\/127\.0\.0\.1(:\d+)?\//.test(url) && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
    await page.close();
  });
});

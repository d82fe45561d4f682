/**
 * The microphone during a call, in Chromium with its fake capture device playing a file: a
 * speech recording (espeak-ng) or digital silence. Demo mode opens the microphone as a real call
 * does, so the guard and the call's own line both run. The page records every capture stream
 * it opens, to count the live ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Harness } from '../../electron/harness/server';
import { fastClientOptions } from '../support/simulator';
import { fixtureDir, silenceWav, speechWav } from '../support/audio-fixtures';
import { launchChromium } from './browser';
import { signInAsDemoAgent } from './harness-fixture';

const MUTED = "You're muted: the caller can't hear you";
const NO_SOUND = 'No sound from your microphone';
/** The dead-microphone wait, shortened for the test (5 s in the app). */
const SILENT_MS = 1500;

declare global {
  interface Window {
    capturedStreams: MediaStream[];
    /** Audio worklet modules the page loaded: their URL and whether they loaded. */
    worklets: { url: string; loaded: boolean }[];
    cspViolations: string[];
    /** Every MediaStream destination the page made: the processed audio a call sends. */
    destinations: MediaStream[];
  }
}

async function openWith(browser: Browser, harness: Harness): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  await page.addInitScript(() => {
    window.capturedStreams = [];
    window.worklets = [];
    window.cspViolations = [];
    window.destinations = [];
    const createDestination = AudioContext.prototype.createMediaStreamDestination;
    AudioContext.prototype.createMediaStreamDestination = function () {
      const node = createDestination.call(this);
      window.destinations.push(node.stream);
      return node;
    };
    document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective));
    const addModule = AudioWorklet.prototype.addModule;
    AudioWorklet.prototype.addModule = async function (url, options) {
      try {
        await addModule.call(this, url, options);
        window.worklets.push({ url: String(url), loaded: true });
      } catch (error) {
        window.worklets.push({ url: String(url), loaded: false });
        throw error;
      }
    };
    const media = navigator.mediaDevices;
    const open = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      window.capturedStreams.push(stream);
      return stream;
    };
  });
  await page.goto(`${harness.url}/?silentMs=${SILENT_MS}`);
  await signInAsDemoAgent(page);
  await page.getByRole('region', { name: 'On call' }).getByText('Jane Doe').waitFor();
  return page;
}

const liveCaptureTracks = (page: Page) =>
  page.evaluate(
    () => window.capturedStreams.flatMap((stream) => stream.getAudioTracks()).filter((track) => track.readyState === 'live').length,
  );

const alertWith = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text });

/** Waits `ms` and says whether the alert showed at any point meanwhile. */
async function showsWithin(page: Page, text: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await alertWith(page, text).count()) > 0) return true;
    await page.waitForTimeout(100);
  }
  return false;
}

function suite(name: string, fixture: (dir: string) => string, run: (page: () => Page) => void) {
  describe(name, () => {
    let browser: Browser;
    let harness: Harness;
    let page: Page;
    beforeAll(async () => {
      const file = fixture(fixtureDir());
      browser = await launchChromium([`--use-file-for-fake-audio-capture=${file}`]);
      harness = await startHarness({ quiet: true, client: fastClientOptions });
      page = await openWith(browser, harness);
    });
    afterAll(async () => {
      await browser?.close();
      await harness?.close();
    });
    run(() => page);
  });
}

suite(
  'a microphone that hears the agent speak',
  (dir) => speechWav(dir),
  (page) => {
    it('the call opens the microphone through noise suppression (its worklet and wasm allowed by the CSP)', async () => {
      await expect.poll(() => liveCaptureTracks(page())).toBeGreaterThan(0);
      await expect
        .poll(() => page().evaluate(() => window.worklets))
        .toEqual([{ url: expect.stringMatching(/workletProcessor-.*\.js$/), loaded: true }]);
      expect(await page().evaluate(() => window.cspViolations)).toEqual([]);
      // What the caller would hear: the suppressor's output carries the agent's voice (a refused
      // wasm compile in the worklet would send silence).
      const peak = await page().evaluate(async () => {
        const sent = window.destinations.at(-1)!;
        const context = new AudioContext();
        const analyser = context.createAnalyser();
        context.createMediaStreamSource(sent).connect(analyser);
        const samples = new Float32Array(analyser.fftSize);
        let loudest = 0;
        for (let i = 0; i < 30; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          analyser.getFloatTimeDomainData(samples);
          for (const sample of samples) loudest = Math.max(loudest, Math.abs(sample));
        }
        await context.close();
        return loudest;
      });
      expect(peak).toBeGreaterThan(0.05);
    });

    it('speaking unmuted shows no warning', async () => {
      expect(await showsWithin(page(), MUTED, 2500)).toBe(false);
      expect(await alertWith(page(), NO_SOUND).count()).toBe(0);
    });

    it('speaking while muted shows the warning with an Unmute beside it, which unmutes', async () => {
      const call = page().getByRole('region', { name: 'On call' });
      await call.getByRole('button', { name: 'Mute' }).click();
      const started = Date.now();
      const warning = alertWith(page(), MUTED);
      await warning.waitFor({ timeout: 8000 });
      const shownAfterMs = Date.now() - started;
      console.info(`muted-talking warning shown ${shownAfterMs} ms after muting`);
      await warning.locator('xpath=..').getByRole('button', { name: 'Unmute' }).click();
      await call.getByRole('button', { name: 'Mute' }).waitFor();
      await expect.poll(() => alertWith(page(), MUTED).count()).toBe(0);
    });

    it('after hang-up no capture track stays open', async () => {
      await page().getByRole('region', { name: 'On call' }).getByRole('button', { name: 'Hang up' }).click();
      await expect.poll(() => page().getByRole('region', { name: 'On call' }).count(), { timeout: 8000 }).toBe(0);
      await expect.poll(() => liveCaptureTracks(page()), { timeout: 5000 }).toBe(0);
    });

    it("Settings' meter holds the microphone only while it runs", async () => {
      await page().getByRole('tab', { name: 'Settings' }).click();
      await page().getByRole('button', { name: 'Test microphone' }).click();
      await expect.poll(() => liveCaptureTracks(page())).toBe(1);
      await page().getByRole('tab', { name: 'Phone' }).click();
      await expect.poll(() => liveCaptureTracks(page())).toBe(0);
    });
  },
);

describe('Check my setup, offered after the first sign-in', () => {
  let browser: Browser;
  let harness: Harness;
  beforeAll(async () => {
    browser = await launchChromium([`--use-file-for-fake-audio-capture=${speechWav(fixtureDir())}`]);
    harness = await startHarness({ quiet: true, client: fastClientOptions });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('hears the agent, plays the tone and the recording, times Evo, and asks only once', async () => {
    const page = await openWith(browser, harness);
    await page.getByRole('button', { name: 'Check my setup' }).click();
    const check = page.getByRole('region', { name: 'Check my setup' });
    await check.getByRole('button', { name: 'Start the check' }).click();
    await check.getByText('Did you hear the tone?').waitFor({ timeout: 10_000 });
    await check.getByRole('button', { name: 'Yes' }).click();
    await check.getByText('Did you hear yourself, clearly?').waitFor({ timeout: 10_000 });
    await check.getByRole('button', { name: 'Yes' }).click();
    await check.getByText(/Evo Voice answers in \d+ ms/).waitFor({ timeout: 10_000 });
    expect(await check.locator('li.pass').count()).toBe(4);
    expect(await check.locator('[data-step="microphone"]').textContent()).toContain('Your microphone hears you.');
    await check.getByRole('button', { name: 'Close' }).click();
    await page.reload();
    await page.getByRole('region', { name: 'On call' }).getByText('Jane Doe').waitFor();
    expect(await page.getByRole('button', { name: 'Check my setup' }).count()).toBe(0);
    await page.close();
  });
});

suite(
  'a microphone that gives digital silence',
  (dir) => silenceWav(dir),
  (page) => {
    it('a live, unmuted call says there is no sound, and what to do', async () => {
      const started = Date.now();
      await alertWith(page(), NO_SOUND).waitFor({ timeout: 10_000 });
      console.info(`dead-microphone warning shown ${Date.now() - started} ms after the call was on screen (threshold ${SILENT_MS} ms)`);
      await expect.poll(() => alertWith(page(), NO_SOUND).textContent()).toMatch(/privacy settings/);
    });

    it('muted, silence is no reason for the talking-while-muted warning', async () => {
      await page().getByRole('region', { name: 'On call' }).getByRole('button', { name: 'Mute' }).click();
      expect(await showsWithin(page(), MUTED, 3000)).toBe(false);
      expect(await alertWith(page(), NO_SOUND).count()).toBe(0);
    });
  },
);

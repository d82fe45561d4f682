import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startHarness, type Harness } from '../../electron/harness/server';
import { launchChromium } from './browser';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('browser harness', () => {
  let harness: Harness;
  let browser: Browser;

  beforeAll(async () => {
    harness = await startHarness({ quiet: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('loads the renderer and shows the version from softphone.app.info()', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(harness.url);
    await expect.poll(() => page.getByTestId('app-version').textContent()).toContain(`Version ${version}`);
    const info = await page.evaluate(() => window.softphone!.app.info());
    expect(info).toEqual({ ok: true, value: { name: 'Evo Softphone', version, platform: expect.any(String) } });
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('refuses a WebSocket without the per-run token', async () => {
    const page = await browser.newPage();
    await page.goto(harness.url);
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url);
          socket.onopen = () => resolve('open');
          socket.onerror = () => resolve('refused');
        }),
      harness.url.replace('http', 'ws') + '/__harness/ws?token=wrong',
    );
    expect(outcome).toBe('refused');
    await page.close();
  });
});

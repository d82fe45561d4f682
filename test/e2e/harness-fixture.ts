import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Harness, type HarnessOptions } from '../../electron/harness/server';
import type { Simulator } from '../../electron/main/simulator/server';
import { fastClientOptions } from '../support/simulator';
import { DOUBLE_PRESS_MS } from '../../electron/shared/press-guard';
import { launchChromium } from './browser';

export const OUTPUT_DIR = join(process.cwd(), 'test-results');

export interface World {
  harness: Harness;
  simulator: Simulator;
  page: Page;
  errors: string[];
}

/** One browser for a test file; a fresh harness + simulator + page for each test. */
export function e2e() {
  let browser: Browser | null = null;
  const open: World[] = [];
  return {
    /**
     * `bypassCSP` lets a test inject a checker (axe-core) as an inline script the app's CSP refuses;
     * `beforeLoad` runs before the app's page loads (init scripts: a fake navigator.hid).
     */
    async world(
      options: HarnessOptions = {},
      { beforeLoad, ...pageOptions }: { bypassCSP?: boolean; beforeLoad?: (page: Page) => Promise<void> } = {},
    ): Promise<World> {
      browser ??= await launchChromium();
      const harness = await startHarness({ quiet: true, client: fastClientOptions, ...options });
      const page = await browser.newPage({ viewport: { width: 1100, height: 720 }, ...pageOptions });
      await beforeLoad?.(page);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const world = { harness, simulator: harness.simulator()!, page, errors };
      open.push(world);
      await page.goto(harness.url);
      return world;
    },
    async closeWorlds() {
      for (const world of open.splice(0)) {
        await world.page.close();
        await world.harness.close();
      }
    },
    async closeBrowser() {
      await browser?.close();
      browser = null;
    },
  };
}

export async function signInAsDemoAgent(page: Page): Promise<void> {
  await page.getByLabel('Email').fill('demo@evosoftphone.local');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A fresh world signed in to the demo, with Jane Doe's call live. */
export async function demoWithJane(fixture: ReturnType<typeof e2e>): Promise<World> {
  const world = await fixture.world();
  await signInAsDemoAgent(world.page);
  await world.page.getByRole('region', { name: 'On call' }).getByText('Jane Doe').waitFor();
  return world;
}

/**
 * The agent's next call action, not a slip of the last one: the window ignores a second call
 * action pressed within DOUBLE_PRESS_MS of the first, and a test presses faster than any agent.
 */
export const nextPress = (page: Page) => page.waitForTimeout(DOUBLE_PRESS_MS);

export function screenshotPath(name: string): string {
  mkdirSync(join(OUTPUT_DIR, 'screenshots'), { recursive: true });
  return join(OUTPUT_DIR, 'screenshots', name);
}

/** What Evo received since `from`, as "route:name" (polls, history and sign-in checks left out). */
export function requestsSince(simulator: Simulator, from: number): string[] {
  const names = new Map([...simulator.state.sessions.values()].map((s) => [s.info.id, s.info.displayName]));
  return simulator.requests
    .slice(from)
    .filter((request) => !['active', 'list', 'get', 'appConfig', 'authStatus'].includes(request.route))
    .map((request) => `${request.route}:${request.sessionId ? names.get(request.sessionId) : '-'}`);
}

/** "01:32" -> 92 */
export const seconds = (text: string | null) => {
  const parts = (text ?? '').trim().split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
};

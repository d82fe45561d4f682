/**
 * The soak rows: a shift's worth of calls driven by clicks through the harness in Chromium, and
 * what is left behind. Each call rings, is answered, held, resumed and hung up, and its note
 * skipped, as an agent would. Measured after a warm-up and again after N more calls: the page's
 * JS heap after a collection, DOM nodes and event listeners, main's heap and RSS, the data dir on
 * disk, and the hold click-to-shown time. Then the idle cost: CPU seconds an hour of main and of
 * the window with one caller held, against the same idle with no call.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { CDPSession, Page } from 'playwright-core';
import { DOUBLE_PRESS_MS } from '../../electron/shared/press-guard';
import { launchChromium } from '../e2e/browser';
import { median, result, type BenchResult } from './stats';

const CALLS = Number(process.env.SOAK_CALLS ?? 200);
const WARM_UP = 10;
const IDLE_MS = Number(process.env.SOAK_IDLE_MS ?? 30_000);
const MB = 1024 * 1024;

interface MainProbe {
  heap: number;
  rss: number;
  disk: number;
  cpu: number;
}

/** test/bench/soak-harness-process.ts, and a way to ask it things. */
async function soakHarness() {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/bench/soak-harness-process.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => (await lines.next()).value as string;
  const url = await next();
  const ask = async <T>(command: object): Promise<T> => {
    child.stdin.write(`${JSON.stringify(command)}\n`);
    return JSON.parse(await next()) as T;
  };
  return {
    url,
    ring: (name: string, number: string) => ask<{ id: string }>({ cmd: 'ring', name, number }),
    main: () => ask<MainProbe>({ cmd: 'main' }),
    async stop() {
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
    },
  };
}

/** The window's side, through the DevTools protocol: heap after GC, DOM counters, main-thread CPU. */
async function windowProbe(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  return { heap: heap.usedSize, nodes: counters.nodes, listeners: counters.jsEventListeners };
}

async function windowCpuSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0;
}

/** Timed inside the page: from the click on Hold to the caller shown in the held list. */
function holdClickToShown(page: Page, name: string): Promise<number> {
  return page.evaluate(
    (caller) =>
      new Promise<number>((resolve) => {
        // No named helpers in here: tsx would wrap them in a __name() the page does not have.
        const selector = `ul[aria-label="Held calls"] li[aria-label="${caller}"]`;
        const t0 = performance.now();
        new MutationObserver((_records, observer) => {
          if (document.querySelector(selector) === null) return;
          observer.disconnect();
          resolve(performance.now() - t0);
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
        const hold = [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Hold');
        if (!hold) throw new Error('no Hold button');
        hold.click();
      }),
    name,
  );
}

/** The window ignores a second call action within DOUBLE_PRESS_MS of the first (a slip): press as an agent does. */
const nextPress = (page: Page) => page.waitForTimeout(DOUBLE_PRESS_MS);

/** One call as an agent takes it: answer, hold, resume, hang up, skip the note. */
async function oneCall(page: Page, harness: Awaited<ReturnType<typeof soakHarness>>, index: number): Promise<number> {
  const name = `Soak Caller ${index}`;
  await harness.ring(name, `+1555${String(1_000_000 + index).slice(1)}`);
  const banner = page.getByRole('region', { name: 'Incoming call' });
  await banner.getByText(name).waitFor();
  await nextPress(page);
  await banner.getByRole('button', { name: 'Answer', exact: true }).click();
  const onCall = page.getByRole('region', { name: 'On call' });
  await onCall.getByText(name).first().waitFor();
  await page.getByRole('button', { name: 'Hold', exact: true }).waitFor();
  await nextPress(page);
  const holdMs = await holdClickToShown(page, name);
  await nextPress(page);
  await page.getByRole('list', { name: 'Held calls' }).getByRole('listitem', { name }).getByRole('button', { name: 'Resume' }).click();
  await onCall.getByText(name).first().waitFor();
  await nextPress(page);
  await onCall.getByRole('button', { name: 'Hang up' }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('region', { name: 'On call' }).waitFor({ state: 'detached' });
  return holdMs;
}

export async function soak(): Promise<BenchResult[]> {
  const browser = await launchChromium();
  const harness = await soakHarness();
  const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(harness.url);
  await page.getByLabel('Email').fill('demo@evosoftphone.local');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Number').waitFor();

  const holds: number[] = [];
  for (let i = 0; i < WARM_UP; i += 1) holds.push(await oneCall(page, harness, i));
  const windowStart = await windowProbe(cdp);
  const mainStart = await harness.main();
  for (let i = WARM_UP; i < WARM_UP + CALLS; i += 1) holds.push(await oneCall(page, harness, i));
  const windowEnd = await windowProbe(cdp);
  const mainEnd = await harness.main();

  // Idle: first with no call (the baseline), then with one caller held, the same length each.
  const idle = async () => {
    const [main0, window0] = [await harness.main(), await windowCpuSeconds(cdp)];
    await page.waitForTimeout(IDLE_MS);
    const [main1, window1] = [await harness.main(), await windowCpuSeconds(cdp)];
    const perHour = 3_600_000 / IDLE_MS;
    return { main: (main1.cpu - main0.cpu) * perHour, window: (window1 - window0) * perHour };
  };
  const idleNoCall = await idle();
  const heldName = 'Soak Held Caller';
  await harness.ring(heldName, '+15550199999');
  await page.getByRole('region', { name: 'Incoming call' }).getByRole('button', { name: 'Answer', exact: true }).click();
  await nextPress(page);
  await page.getByRole('button', { name: 'Hold', exact: true }).click();
  await page.getByRole('list', { name: 'Held calls' }).getByRole('listitem', { name: heldName }).waitFor();
  const idleHeld = await idle();

  await browser.close();
  await harness.stop();

  const per100 = (start: number, end: number) => ((end - start) / CALLS) * 100;
  const first = median(holds.slice(WARM_UP, WARM_UP + 20));
  const last = median(holds.slice(-20));
  const note = `${CALLS} calls after ${WARM_UP} to warm up; start and end measured after two collections`;
  return [
    result(
      'soak: window JS heap growth per 100 calls',
      per100(windowStart.heap, windowEnd.heap) / MB,
      'MB',
      'window heap after warm-up (MB)',
      windowStart.heap / MB,
      { maxValue: 1 },
      note,
    ),
    result('soak: window DOM nodes, end of the run', windowEnd.nodes, 'nodes', 'after warm-up', windowStart.nodes, { maxRatio: 1.05 }),
    result('soak: window event listeners, end of the run', windowEnd.listeners, 'listeners', 'after warm-up', windowStart.listeners, {
      maxRatio: 1.05,
    }),
    result('soak: hold click to shown, last 20 calls', last, 'ms', `first 20 calls after warm-up`, first, { maxRatio: 1.25 }),
    result(
      'soak: main heap growth per 100 calls',
      per100(mainStart.heap, mainEnd.heap) / MB,
      'MB',
      'main heap after warm-up (MB)',
      mainStart.heap / MB,
      { maxValue: 1 },
    ),
    result(
      'soak: main RSS growth per 100 calls',
      per100(mainStart.rss, mainEnd.rss) / MB,
      'MB',
      'main RSS after warm-up (MB)',
      mainStart.rss / MB,
      {
        none: 'RSS keeps what the allocator keeps; shown for the record',
      },
    ),
    result(
      'soak: cache and logs on disk, growth per 100 calls',
      per100(mainStart.disk, mainEnd.disk) / 1024,
      'KiB',
      'on disk after warm-up (KiB)',
      mainStart.disk / 1024,
      {
        none: 'bounded by the retention setting, not per call',
      },
    ),
    result('idle: main CPU an hour, one caller held', idleHeld.main, 's', 'idle with no call', idleNoCall.main, { maxValue: 10 }),
    result('idle: window CPU an hour, one caller held', idleHeld.window, 's', 'idle with no call', idleNoCall.window, { maxValue: 10 }),
  ];
}

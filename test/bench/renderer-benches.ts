/** Renderer benchmarks in headless Chromium through the browser harness. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser';
import { median, now, result, type BenchResult } from './stats';

/** Starts test/bench/harness-process.ts and answers its URL, and how to stop it. */
async function harnessProcess(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/harness-process.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return {
    url,
    async stop() {
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
    },
  };
}

const SETTLED_MS = 1000;

/** Timed inside the page: from a click on the History tab to its first 25 rows in the DOM. */
function clickHistory(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        new MutationObserver((_records, observer) => {
          if (document.querySelectorAll('[aria-label="Call history"] li').length !== 25) return;
          observer.disconnect();
          resolve(performance.now() - t0);
        }).observe(document.body, { subtree: true, childList: true });
        document.getElementById('tab-history')!.click();
      }),
  );
}

export async function startupAndHistory(): Promise<BenchResult[]> {
  const browser = await launchChromium();
  const harness = await harnessProcess();
  // One browser profile for every run, as the app keeps its own between starts: an agent's
  // start-up is never the very first, so the files are in the HTTP cache. V8's compiled code is
  // not read back here (traced), though Electron's app:// keeps it: every start compiles anew.
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  // The page says when the dialer is usable (a CDP binding, as the static file's load event is a
  // CDP event), instead of Playwright polling it once per frame from a script of its own.
  let dialerReady = () => {};
  await context.exposeBinding('dialerReady', () => dialerReady());
  await context.addInitScript(() => {
    if (location.pathname !== '/') return;
    new MutationObserver((_records, observer) => {
      const field = document.getElementById('dial-number') as HTMLInputElement | null;
      if (!field || field.disabled) return;
      observer.disconnect();
      (window as unknown as { dialerReady(): void }).dialerReady();
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
  });
  /** A fresh tab navigated to the app, once its dialer is usable, and how long that took. */
  const openUsable = async () => {
    const page = await context.newPage();
    const usable = new Promise<void>((resolve) => (dialerReady = resolve));
    const start = now();
    await page.goto(harness.url, { waitUntil: 'commit' });
    await usable;
    return { page, elapsed: now() - start };
  };
  const startup: number[] = [];
  const blank: number[] = [];
  const history: number[] = [];
  const settled: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 14; i += 1) {
    // Each navigation from a fresh tab, so neither pays for unloading the other's document.
    const still = await context.newPage();
    const start = now();
    await still.goto(`${harness.url}/icon.svg`);
    blank.push(now() - start);
    await still.close();
    const { page, elapsed } = await openUsable();
    startup.push(elapsed);

    history.push(await clickHistory(page));
    // The same work by hand: the same page of the cache over the same bridge, 25 rows into the DOM.
    // Once History has shown the server's page too (the list is no longer busy): measured at once,
    // it also timed the app re-rendering that page, work the row it compares with does not count.
    await page.waitForSelector('[aria-label="Call history"][aria-busy="false"]');
    bare.push(
      await page.evaluate(async () => {
        const t0 = performance.now();
        const answer = await window.softphone!.sessions.history({ page: 0 });
        if (!answer.ok) throw new Error(answer.error.message);
        const list = document.createElement('ul');
        for (const item of answer.value.items) {
          const row = document.createElement('li');
          row.textContent = `${item.displayName} ${item.number} ${item.direction} ${item.dateCreated}`;
          list.append(row);
        }
        document.body.append(list);
        void list.offsetHeight;
        const elapsed = performance.now() - t0;
        list.remove();
        return elapsed;
      }),
    );
    await page.close();

    // The same first click once the window has settled, as an agent's first click comes seconds
    // after start-up: the row above also pays for start-up's deferred work (libphonenumber-js,
    // the lazy chunks, the ICU warm-up) still running when it clicks.
    const { page: later } = await openUsable();
    await later.waitForTimeout(SETTLED_MS);
    settled.push(await clickHistory(later));
    await later.close();
  }
  await browser.close();
  await harness.stop();
  const steady = (samples: number[]) => samples.slice(2);
  return [
    result(
      'renderer start-up: navigation to a usable dialer',
      median(steady(startup)),
      'ms',
      'navigation to a static file, same server',
      median(steady(blank)),
      {
        maxRatio: 3,
      },
    ),
    result(
      'history: tab click to the first 25 of 1,000 sessions shown',
      median(steady(history)),
      'ms',
      'same page over the same bridge, 25 rows by hand',
      median(steady(bare)),
      { maxRatio: 2 },
      'clicked as soon as the dialer is usable; the History view shows the cache at once, then the server page',
    ),
    result(
      `history: the same first click, ${SETTLED_MS / 1000} s after start-up`,
      median(steady(settled)),
      'ms',
      'same page over the same bridge, 25 rows by hand',
      median(steady(bare)),
      { maxRatio: 2 },
    ),
  ];
}

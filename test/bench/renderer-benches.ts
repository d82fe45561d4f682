/** Renderer benchmarks in headless Chromium through the browser harness, and bundle sizes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startHarness } from '../../electron/harness/server';
import { launchChromium } from '../e2e/browser';
import { median, now, result, type BenchResult } from './stats';

export async function startupAndHistory(): Promise<BenchResult[]> {
  const browser = await launchChromium();
  const harness = await startHarness({ quiet: true, simulator: { seed: { history: 1000, liveCall: false } } });
  await harness.core.auth.signInDemo();
  await harness.core.sessions.history({ fresh: true });
  const startup: number[] = [];
  const blank: number[] = [];
  const history: number[] = [];
  const domBaseline: number[] = [];
  for (let i = 0; i < 12; i += 1) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
    let start = now();
    await page.goto(`${harness.url}/icon.svg`);
    blank.push(now() - start);
    start = now();
    await page.goto(harness.url);
    await page.waitForFunction(() => {
      const field = document.getElementById('dial-number') as HTMLInputElement | null;
      return field !== null && !field.disabled;
    });
    startup.push(now() - start);

    // Timed inside the page, like the baseline: from the click to 25 rows in the DOM.
    history.push(
      await page.evaluate(
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
      ),
    );

    domBaseline.push(
      await page.evaluate(() => {
        const t0 = performance.now();
        const list = document.createElement('ul');
        for (let n = 0; n < 1000; n += 1) {
          const item = document.createElement('li');
          item.textContent = `Caller ${n} +1 555 010 ${String(n).padStart(4, '0')} incoming`;
          list.append(item);
        }
        document.body.append(list);
        void list.offsetHeight;
        const elapsed = performance.now() - t0;
        list.remove();
        return elapsed;
      }),
    );
    await page.close();
  }
  await browser.close();
  await harness.close();
  const skip = (samples: number[]) => samples.slice(2);
  return [
    result('renderer start-up: navigation to a usable dialer', median(skip(startup)), 'ms', 'navigation to a static file, same server', median(skip(blank))),
    result(
      'history of 1,000 sessions: tab click to first page shown',
      median(skip(history)),
      'ms',
      'raw DOM insert of 1,000 rows, same page',
      median(skip(domBaseline)),
      'the History view pages 25 rows at a time from the cache, then the server',
    ),
  ];
}

export function bundleSizes(): BenchResult[] {
  const dir = join(process.cwd(), 'out/renderer/assets');
  const gz = (prefix: string) =>
    readdirSync(dir)
      .filter((name) => name.startsWith(prefix) && name.endsWith('.js'))
      .reduce((sum, name) => sum + gzipSync(readFileSync(join(dir, name))).length, 0) / 1024;
  return [result('renderer JS (gzip), without @twilio/voice-sdk', gz('index-'), 'KiB', '@twilio/voice-sdk chunk (gzip), loaded lazily', gz('twilio-'))];
}

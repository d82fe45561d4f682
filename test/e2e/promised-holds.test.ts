import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { e2e, nextPress, screenshotPath, signInAsDemoAgent } from './harness-fixture';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

// The harness's promise minute, shortened (EVO_PROMISE_MINUTE_MS in `npm run web`) so a 1 min promise runs out in 2 s.
const MINUTE_MS = 2_000;
const heldCard = (page: Page) => page.getByRole('list', { name: 'Held calls' }).getByRole('listitem', { name: 'Jane Doe' });
const promiseTimer = (page: Page) => heldCard(page).getByRole('timer', { name: 'Promise for Jane Doe' });

function keep(name: string) {
  mkdirSync(join(process.cwd(), 'resources/screenshots'), { recursive: true });
  copyFileSync(screenshotPath(name), join(process.cwd(), 'resources/screenshots', name));
}

describe('promised holds (demo mode in Chromium, shortened promise minute)', () => {
  it('hold with the default promise, change it, go over, check in, back on hold; the counts in History and Today', async () => {
    const { page, errors } = await fixture.world({ promiseMinuteMs: MINUTE_MS });
    await signInAsDemoAgent(page);
    await page.getByRole('region', { name: 'On call' }).getByText('Jane Doe').waitFor();

    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    await promiseTimer(page).waitFor();
    expect(await promiseTimer(page).textContent()).toMatch(/^Back in 0:0[123]$/);
    expect(await heldCard(page).getByRole('combobox', { name: 'Promise' }).inputValue()).toBe('1');

    // A longer promise counts from the same hold start: 2 "minutes" is 4 s here.
    await heldCard(page).getByRole('combobox', { name: 'Promise' }).selectOption('2');
    await expect.poll(() => promiseTimer(page).textContent()).toMatch(/^Back in 0:0[2345]$/);
    await heldCard(page).screenshot({ path: screenshotPath('promised-hold-card.png') });

    // Over the promise: said, once, and shown in red.
    await expect.poll(() => promiseTimer(page).textContent(), { timeout: 8_000 }).toMatch(/^Over by 0:0\d$/);
    expect(await promiseTimer(page).getAttribute('class')).toContain('over');
    expect(await heldCard(page).getByRole('status').textContent()).toBe('Jane Doe: over the promised 2 min');

    await page.getByRole('button', { name: 'Compact view' }).click();
    const compact = page.getByRole('main', { name: 'Compact softphone' });
    await compact.getByRole('timer', { name: 'Promise for Jane Doe' }).waitFor();
    expect(await compact.getByRole('timer', { name: 'Promise for Jane Doe' }).textContent()).toMatch(/^Over by /);
    await compact.screenshot({ path: screenshotPath('promised-hold-compact.png') });
    await compact.getByRole('button', { name: 'Full view' }).click();

    await heldCard(page).getByRole('button', { name: 'Check in' }).click();
    const onCall = page.getByRole('region', { name: 'On call' });
    await onCall.getByText('1 check-in').waitFor();
    await nextPress(page);
    await onCall.getByRole('button', { name: 'Back on hold' }).click();
    // A fresh promise: the default again, from the new hold's start.
    await expect.poll(() => promiseTimer(page).textContent()).toMatch(/^Back in 0:0[123]$/);
    expect(await heldCard(page).textContent()).toContain('1 check-in');

    await page.getByRole('tab', { name: 'History' }).click();
    await page
      .getByRole('list', { name: 'Call history' })
      .getByRole('button', { name: /Jane Doe/ })
      .first()
      .click();
    const detail = page.getByRole('region', { name: 'Call details' });
    await detail.getByText('Holds over promise').waitFor();
    const figure = (term: string) =>
      detail
        .locator('dt', { hasText: new RegExp(`^${term}$`) })
        .locator('xpath=following-sibling::dd[1]')
        .textContent();
    expect(await figure('Holds')).toBe('2');
    expect(await figure('Holds over promise')).toBe('1');
    expect(await figure('Check-ins')).toBe('1');

    await page.getByRole('tab', { name: 'Today' }).click();
    const today = page.getByRole('region', { name: 'Today' });
    await today.getByRole('table').waitFor();
    const row = (label: string) =>
      today
        .getByRole('row', { name: new RegExp(`^${label}`) })
        .getByRole('cell')
        .first()
        .textContent();
    expect(await row('Holds over promise')).toBe('1');
    expect(await row('Check-ins')).toBe('1');
    expect(Number(await row('Calls'))).toBeGreaterThanOrEqual(1);
    const chart = today.getByRole('img');
    expect(await chart.getAttribute('aria-label')).toMatch(/^Calls and hold time by hour, today beside yesterday\. Today \d+ calls/);
    await today.screenshot({ path: screenshotPath('today.png') });

    expect(errors).toEqual([]);
    for (const name of ['promised-hold-card.png', 'promised-hold-compact.png', 'today.png']) keep(name);
  });
});

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DOUBLE_PRESS_MS } from '../../electron/shared/press-guard';
import { e2e, signInAsDemoAgent } from './harness-fixture';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

/** What has focus, as the agent would name it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return 'nothing';
    return element.getAttribute('aria-label') || element.id || element.textContent?.trim();
  });

async function demoWithoutCall(page: Page) {
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await page.getByRole('button', { name: 'Hang up' }).click();
  await page.getByLabel('Number').waitFor();
  await expect.poll(() => page.getByLabel('Number').isEnabled()).toBe(true);
  // The next call action is the agent's next press, not a slip of this one.
  await page.waitForTimeout(DOUBLE_PRESS_MS);
}

describe('keyboard and focus in Chromium', () => {
  it('sign-in names the server and starts in the first empty field', async () => {
    const { page } = await fixture.world();
    const server = page.getByLabel('Server');
    await expect.poll(() => server.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe('Demo');
    expect(await server.locator('option').allTextContents()).toEqual(['Evo Voice', 'Staging', 'Demo', 'Custom server…']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('username');
  });

  it('Tab goes to the tabs, then the number, then Call; Enter dials and focus stays with the call', async () => {
    const { page, simulator } = await fixture.world();
    await demoWithoutCall(page);
    // A fresh window (the calls live in main): the first Tab from the top of the page.
    await page.reload();
    // Ready to type a number; before it in the tab order come only the tabs (not Sign out, not the keypad).
    await expect.poll(() => focused(page)).toBe('dial-number');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('dial-number');
    await page.keyboard.type('1-800-FLOWERS');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Call');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'On call' }).waitFor();
    await expect.poll(() => focused(page)).not.toBe('nothing');
    expect([...simulator.state.sessions.values()].some((s) => s.info.toAddress === '+18003569377')).toBe(true);
  });

  it('a double Enter in the dialer places the call and leaves it live: the second press is ignored and focus is on the call heading', async () => {
    const { page, simulator } = await fixture.world();
    await demoWithoutCall(page);
    await page.getByLabel('Number').fill('555 010 0124');
    await page.getByLabel('Number').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'On call' }).getByText('+1 555 010 0124').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('active-title');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(600);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(simulator.requests.filter((request) => request.route === 'hold')).toEqual([]);
    expect(await page.getByRole('list', { name: 'Held calls' }).getByRole('listitem').count()).toBe(0);
  });

  it('sends the extension after the call connects, and digits typed during the call as tones', async () => {
    const { page, simulator } = await fixture.world();
    await demoWithoutCall(page);
    await page.getByLabel('Number').fill('555 010 0123 x12');
    await expect.poll(() => page.getByText(/then dials 12/).count()).toBe(1);
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const onCall = page.getByRole('region', { name: 'On call' });
    await onCall.getByText('+1 555 010 0123').first().waitFor();
    expect([...simulator.state.sessions.values()].some((s) => s.info.toAddress === '+15550100123')).toBe(true);
    await onCall.getByRole('button', { name: 'Keypad' }).click();
    await onCall.getByText('Sent: 12').waitFor();
    await onCall.getByRole('button', { name: 'Hold', exact: true }).focus();
    await page.keyboard.type('3#');
    await onCall.getByText('Sent: 123#').waitFor();
  });

  it('Escape closes the call details and puts focus back on the call it came from', async () => {
    const { page } = await fixture.world();
    await signInAsDemoAgent(page);
    await page.getByRole('tab', { name: 'History' }).click();
    const first = page.getByRole('list', { name: 'Call history' }).getByRole('button').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Call details' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('region', { name: 'Call details' }).count()).toBe(0);
    expect(await first.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('Save settings is on screen without scrolling, at 1280 and at 360 px', async () => {
    const { page } = await fixture.world();
    await signInAsDemoAgent(page);
    await page.getByRole('tab', { name: 'Settings' }).click();
    const save = page.getByRole('button', { name: 'Save settings' });
    for (const size of [
      { width: 1280, height: 720 },
      { width: 360, height: 640 },
    ]) {
      await page.setViewportSize(size);
      await page.evaluate(() => window.scrollTo(0, 0));
      const box = (await save.boundingBox())!;
      expect(box.y + box.height, `Save at ${size.width} px`).toBeLessThanOrEqual(size.height);
      expect(box.y).toBeGreaterThanOrEqual(0);
    }
  });

  it('asks before leaving Settings with unsaved changes; Escape keeps them', async () => {
    const { page } = await fixture.world();
    await signInAsDemoAgent(page);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel(/Remind me after/).fill('20, 40');
    await page.getByRole('tab', { name: 'History' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave Settings without saving?' });
    await dialog.waitFor();
    expect(await focused(page)).toBe('Save and leave');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByLabel(/Remind me after/).inputValue()).toBe('20, 40');
    await page.getByRole('tab', { name: 'History' }).click();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('list', { name: 'Call history' }).waitFor();
  });
});

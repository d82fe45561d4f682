/**
 * The call's controls stay put (issue #23 item 6): a failure on the call, the connection banner
 * and the "lost the core" alert come and go without moving Hold or Hang up under the agent's pointer. Measured in Chromium at
 * a desktop and a phone-narrow width.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2e, demoWithJane, nextPress } from './harness-fixture';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

/** Where Hold and Hang up sit on the page (px from the top of the document). */
async function controlTops(page: Page) {
  const card = page.getByRole('region', { name: 'On call' });
  const top = (name: string) =>
    card.getByRole('button', { name, exact: true }).evaluate((button) => Math.round(button.getBoundingClientRect().top + window.scrollY));
  return { hold: await top('Hold'), hangUp: await top('Hang up') };
}

describe('Hold and Hang up stay where they are', () => {
  it.each([
    ['1100 px', 1100],
    ['360 px', 360],
  ])(
    'at %s: a failure on the call and the offline banner do not move them',
    async (_name, width) => {
      const world = await demoWithJane(fixture);
      const { page, simulator } = world;
      await page.setViewportSize({ width, height: 720 });
      const before = await controlTops(page);

      simulator.faults.set('hold', { status: 400, message: 'Hold queue is unavailable', times: 1 });
      await nextPress(page);
      await page.getByRole('region', { name: 'On call' }).getByRole('button', { name: 'Hold', exact: true }).click();
      await page.getByRole('region', { name: 'On call' }).getByRole('alert').filter({ hasText: 'Hold queue is unavailable' }).waitFor();
      const withFailure = await controlTops(page);

      simulator.faults.set('active', { drop: true });
      await page.getByText(/^\s*(Reconnecting|Offline):/).waitFor({ timeout: 20_000 });
      const withBanner = await controlTops(page);
      console.info(
        `controls at ${width} px: before ${JSON.stringify(before)}, with a failure ${JSON.stringify(withFailure)}, with the offline banner ${JSON.stringify(withBanner)}`,
      );
      expect(withFailure).toEqual(before);
      expect(withBanner).toEqual(before);
    },
    40_000,
  );

  it('Mute and Unmute: the "Muted" line comes and goes without moving them', async () => {
    const { page } = await demoWithJane(fixture);
    const card = page.getByRole('region', { name: 'On call' });
    const before = await controlTops(page);
    await card.getByRole('button', { name: 'Mute', exact: true }).click();
    await card.getByText('Muted: the caller cannot hear you').waitFor();
    const muted = await controlTops(page);
    await card.getByRole('button', { name: 'Unmute', exact: true }).click();
    await card.getByText('Muted: the caller cannot hear you').waitFor({ state: 'detached' });
    const unmuted = await controlTops(page);
    console.info(`controls: before ${JSON.stringify(before)}, muted ${JSON.stringify(muted)}, unmuted ${JSON.stringify(unmuted)}`);
    expect(muted).toEqual(before);
    expect(unmuted).toEqual(before);
  }, 30_000);

  it('main lost and found again: the alert comes and goes without moving them', async () => {
    const world = await demoWithJane(fixture);
    const { page, harness } = world;
    const before = await controlTops(page);
    harness.stall(true);
    const alert = page.getByRole('alert').filter({ hasText: 'Evo Softphone is not responding' });
    await alert.waitFor({ timeout: 5_000 });
    const lost = await controlTops(page);
    harness.stall(false);
    await alert.waitFor({ state: 'detached', timeout: 5_000 });
    const found = await controlTops(page);
    console.info(`controls: before ${JSON.stringify(before)}, main lost ${JSON.stringify(lost)}, found again ${JSON.stringify(found)}`);
    expect(lost).toEqual(before);
    expect(found).toEqual(before);
  }, 30_000);
});

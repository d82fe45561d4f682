import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { e2e, signInAsDemoAgent } from './harness-fixture';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

describe('audio checks in Settings, in Chromium with its fake microphone', () => {
  it('the microphone level moves while the test runs, and drops to zero when stopped', async () => {
    const { page, errors } = await fixture.world();
    await signInAsDemoAgent(page);
    await page.getByRole('tab', { name: 'Settings' }).click();
    const level = page.getByLabel('Microphone level');
    expect(await level.evaluate((meter) => (meter as HTMLMeterElement).value)).toBe(0);
    await page.getByRole('button', { name: 'Test microphone' }).click();
    // Chromium's fake microphone plays a beep: the level rises above silence.
    await expect.poll(() => level.evaluate((meter) => (meter as HTMLMeterElement).value), { timeout: 5000 }).toBeGreaterThan(0.2);
    await page.getByRole('button', { name: 'Stop test' }).click();
    expect(await level.evaluate((meter) => (meter as HTMLMeterElement).value)).toBe(0);
    expect(errors).toEqual([]);
  });

  it("plays the test sound and the ringtone (the app's own files, allowed by its CSP)", async () => {
    const { page, errors } = await fixture.world();
    await signInAsDemoAgent(page);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Play test sound' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Stop' }).getAttribute('aria-pressed')).toBe('true');
    // The 4-second test sound ends by itself.
    await page.getByRole('button', { name: 'Play test sound' }).waitFor({ timeout: 8000 });
    await page.getByRole('button', { name: 'Preview ringtone' }).click();
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Preview ringtone' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

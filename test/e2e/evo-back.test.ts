/**
 * "Evo back" within 5 s (issue #23 item 5), end to end on a real clock: the simulator resets every
 * poll's connection until the header says Offline, then answers again; the header says Connected
 * within 5 s and the offline sentence goes.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { e2e, demoWithJane } from './harness-fixture';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

describe('Evo comes back', () => {
  it('the header says Connected within 5 s of Evo answering again', async () => {
    const { page, simulator } = await demoWithJane(fixture);
    const status = page.getByRole('group', { name: 'Status' });
    simulator.faults.set('active', { drop: true });
    await status.getByText('Offline').waitFor({ timeout: 45_000 });
    simulator.faults.clear();
    const backAt = Date.now();
    await status.getByText('Connected').waitFor({ timeout: 10_000 });
    const tookMs = Date.now() - backAt;
    console.info(`header said Connected ${tookMs} ms after Evo answered again`);
    expect(tookMs).toBeLessThanOrEqual(5_000);
    expect(await page.getByText(/^\s*Offline:/).count()).toBe(0);
  }, 90_000);
});

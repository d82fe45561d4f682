import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEMO_EMAIL } from '../../electron/main/simulator/model';
import { e2e, signInAsDemoAgent } from './harness-fixture';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

describe('a password changed on Evo while the agent is signed in (Chromium, harness, simulator)', () => {
  it('tries it once, then shows the sign-in screen with the reason, and signs in with the new one', async () => {
    const { page, simulator, errors } = await fixture.world();
    await signInAsDemoAgent(page);
    await page.getByRole('button', { name: 'Hold', exact: true }).waitFor();
    simulator.state.setPassword(DEMO_EMAIL, 'new-password');
    simulator.expireCookies();
    const signIns = simulator.hits.signIn;

    // The next poll meets the 401; the one re-sign-in is refused.
    await page.getByText('Your password was changed or expired. Sign in again.').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // That no poll or sign-in follows is asserted on a fake clock in test/main/root/core-over-ipc.test.ts.
    expect(simulator.hits.signIn - signIns).toBe(1);

    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill('new-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Hold', exact: true }).waitFor();
    expect(errors).toEqual([]);
  });
});

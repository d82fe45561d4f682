import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { demoWithJane, e2e, nextPress, requestsSince, screenshotPath, seconds, signInAsDemoAgent } from './harness-fixture';
import { named } from '../support/bidi';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

const DEMO = 'demo@evosoftphone.local';

const onCall = (page: Page) => page.getByRole('region', { name: 'On call' });
const heldList = (page: Page) => page.getByRole('list', { name: 'Held calls' });
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('several calls, one live at a time (demo mode in Chromium)', () => {
  it('call waiting, Hold & answer, swap by Resume, dial while live, a hold refused mid-swap, and the sign-out warning', async () => {
    const { page, simulator, errors } = await demoWithJane(fixture);

    // Call waiting: the banner comes below the call, and its buttons are not where Hold was.
    const holdBox = (await page.getByRole('button', { name: 'Hold', exact: true }).boundingBox())!;
    simulator.ring(DEMO, { number: '+15550100555', name: 'Sam Caller', queue: 'Sales' });
    const banner = page.getByRole('region', { name: 'Incoming call' });
    await banner.getByText('Sam Caller').waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain('Queue Sales');
    for (const name of ['Hold & answer', 'End & answer', 'Decline']) {
      const box = (await banner.getByRole('button', { name }).boundingBox())!;
      expect(overlaps(box, holdBox), `${name} lands where Hold was`).toBe(false);
    }
    expect((await page.getByRole('button', { name: 'Hold', exact: true }).boundingBox())!.y).toBe(holdBox.y);
    await page.screenshot({ path: screenshotPath('call-waiting.png') });

    let from = simulator.requests.length;
    await banner.getByRole('button', { name: 'Hold & answer' }).click();
    await onCall(page).getByText('Sam Caller').waitFor();
    await heldList(page).getByRole('listitem', { name: 'Jane Doe' }).waitFor();
    expect(requestsSince(simulator, from)).toEqual(['hold:Jane Doe', 'patch:Sam Caller']);

    // Swap: Resume on Jane holds Sam first.
    from = simulator.requests.length;
    await nextPress(page);
    await heldList(page).getByRole('listitem', { name: 'Jane Doe' }).getByRole('button', { name: 'Resume' }).click();
    await onCall(page).getByText('Jane Doe').waitFor();
    await heldList(page).getByRole('listitem', { name: 'Sam Caller' }).waitFor();
    expect(requestsSince(simulator, from)).toEqual(['hold:Sam Caller', 'patch:Jane Doe']);

    // Dial while live: Jane is held before the new call goes out.
    from = simulator.requests.length;
    await nextPress(page);
    await page.getByRole('button', { name: /New call/ }).click();
    await page.getByLabel('Number').fill('(555) 010-0123');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await onCall(page).getByText('+1 555 010 0123').first().waitFor();
    await heldList(page).getByRole('listitem', { name: 'Jane Doe' }).waitFor();
    expect(requestsSince(simulator, from)).toEqual(['hold:Jane Doe', 'create:-']);

    // A hold refused mid-swap: the resume is never sent, and the agent reads why.
    simulator.faults.set('hold', { status: 403, message: 'Hold is disabled on this line', times: 1 });
    from = simulator.requests.length;
    await nextPress(page);
    await heldList(page).getByRole('listitem', { name: 'Sam Caller' }).getByRole('button', { name: 'Resume' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Hold is disabled on this line' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`can still hear you. ${named('Sam Caller')} was not resumed.`);
    // Evo names a dialled call by its number.
    expect(requestsSince(simulator, from)).toEqual(['hold:+15550100123']);
    await onCall(page).getByText('+1 555 010 0123').first().waitFor();

    // Signing out with callers on hold asks first, naming them.
    await page.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'You are on a call and 2 callers are on hold. Sign out anyway?' });
    await dialog.waitFor();
    for (const name of ['Jane Doe', 'Sam Caller']) expect(await dialog.textContent()).toContain(`${name}: on hold`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);

    expect(simulator.peakConnected(DEMO)).toBe(1);
    expect(errors).toEqual([]);
    mkdirSync(join(process.cwd(), 'resources/screenshots'), { recursive: true });
    copyFileSync(screenshotPath('call-waiting.png'), join(process.cwd(), 'resources/screenshots/call-waiting.png'));
  });

  it('after sign-out and sign-in the held call keeps its hold time; a hold made elsewhere shows its real age', async () => {
    const { page, simulator } = await demoWithJane(fixture);
    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    const timer = () => heldList(page).getByRole('listitem', { name: 'Jane Doe' }).getByRole('timer', { name: 'Time on hold' });
    await expect.poll(async () => seconds(await timer().textContent()), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const before = seconds(await timer().textContent());

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign out anyway' }).click();
    // Meanwhile another agent's device puts a second caller on hold, 90 s before we look.
    const dana = simulator.state.userByEmail(DEMO)!;
    const other = simulator.state.addCall(dana, { direction: 'Incoming', number: '+15550100444', name: 'Held Elsewhere' });
    simulator.state.hold(dana, other.info.id, '', 'None');
    other.info.log.at(-1)!.date = new Date(Date.now() - 90_000).toISOString();

    await signInAsDemoAgent(page);
    await timer().waitFor();
    expect(seconds(await timer().textContent())).toBeGreaterThanOrEqual(before);
    const elsewhere = heldList(page).getByRole('listitem', { name: 'Held Elsewhere' }).getByRole('timer', { name: 'Time on hold' });
    // The window's clock ticks once a second: give it that second.
    await expect.poll(async () => seconds(await elsewhere.textContent()), { timeout: 3000 }).toBeGreaterThanOrEqual(90);
    expect(seconds(await elsewhere.textContent())).toBeLessThan(120);
  });
});

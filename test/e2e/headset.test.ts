/**
 * A telephony headset in Chromium: the demo app with a fake navigator.hid built from the recorded
 * report descriptor of a Plantronics Blackwire 3220 (test/fixtures/headsets). The agent connects it
 * in Settings; its Flash holds and resumes, its Mute mutes, its hook switch hangs up and answers, and
 * its LEDs (the output reports the app sends) follow the calls.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HOOK_SETTLE_MS } from '../../renderer/src/lib/headset/headset-presses';
import { installFakeHid, type FakeHidControl } from '../support/fake-hid';
import { blackwire3220 } from '../support/headsets';
import { e2e, nextPress, requestsSince, signInAsDemoAgent } from './harness-fixture';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

const DEMO = 'demo@evosoftphone.local';
const LED = { mute: 0x09, offHook: 0x17, ring: 0x18, hold: 0x20 };
type Window = { fakeHid: FakeHidControl };

/** The Blackwire's report 8: bit 0 Phone Mute (one-shot), bit 1 Hook Switch (state), bit 2 Flash (state). */
async function press(page: Page, { hook = 0, flash = 0, mute = 0 }) {
  await page.evaluate((byte) => (window as unknown as Window).fakeHid.press(8, [byte]), mute | (hook << 1) | (flash << 2));
}
/** A button pressed and let go, the hook staying where it is. */
/** A deliberate press: more than the double-press guard after the last one, as an agent's are. */
async function click(page: Page, button: { flash?: 1; mute?: 1 }, hook: 0 | 1) {
  await nextPress(page);
  await press(page, { hook, ...button });
  await press(page, { hook });
}
const leds = (page: Page) => page.evaluate(() => (window as unknown as Window).fakeHid.latest());
const lit = async (page: Page, expected: Record<number, number[]>) =>
  expect.poll(() => leds(page), { timeout: 10_000 }).toMatchObject(expected);

describe('a telephony headset (recorded Plantronics Blackwire 3220, fake navigator.hid)', () => {
  it('connects from Settings; Flash holds and resumes, Mute mutes, the hook switch hangs up and answers; the LEDs follow', async () => {
    const { page, simulator, errors } = await fixture.world(
      {},
      {
        beforeLoad: async (page) => {
          // Compiled TypeScript may name functions through a helper that the page does not have.
          await page.addInitScript('window.__name = (fn) => fn;');
          await page.addInitScript(installFakeHid, { headset: blackwire3220(), granted: false, global: true });
        },
      },
    );
    await signInAsDemoAgent(page);
    const onCall = page.getByRole('region', { name: 'On call' });
    await onCall.getByText('Jane Doe').waitFor();

    // Settings -> Headset -> Connect a headset (the chooser offers Telephony devices only).
    await page.getByRole('tab', { name: /Settings/ }).click();
    const section = page.getByRole('group', { name: 'Headset' });
    await section.getByText('No telephony headset connected.').waitFor();
    await section.getByRole('button', { name: 'Connect a headset' }).click();
    await section.getByText('In use').waitFor();
    expect(await section.textContent()).toContain('Buttons active');
    expect(await page.getByRole('list', { name: 'Connected headsets' }).textContent()).toContain('Plantronics Blackwire 3220 Series');
    expect(await page.evaluate(() => (window as unknown as Window).fakeHid.chooserFilters())).toEqual([[{ usagePage: 0x0b }]]);
    await page.getByRole('tab', { name: /Phone/ }).click();
    await lit(page, { [LED.offHook]: [1], [LED.ring]: [0], [LED.hold]: [0], [LED.mute]: [0] });

    // Flash: the hold hotkey's rule. Jane is held, then resumed.
    let from = simulator.requests.length;
    await click(page, { flash: 1 }, 1);
    await page.getByRole('list', { name: 'Held calls' }).getByRole('listitem', { name: 'Jane Doe' }).waitFor();
    await lit(page, { [LED.hold]: [1], [LED.offHook]: [0] });
    await click(page, { flash: 1 }, 0);
    await onCall.getByText('Jane Doe').waitFor();
    await lit(page, { [LED.hold]: [0], [LED.offHook]: [1] });
    // Demo mode resumes by PatchSession, as the window's Resume button does.
    expect(requestsSince(simulator, from)).toEqual(['hold:Jane Doe', 'patch:Jane Doe']);

    // Mute toggles the phone's mute, and the mute LED with it.
    await click(page, { mute: 1 }, 1);
    await page.getByRole('button', { name: 'Unmute' }).waitFor();
    await lit(page, { [LED.mute]: [1] });
    await click(page, { mute: 1 }, 1);
    await page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await lit(page, { [LED.mute]: [0] });

    // Hook down hangs up.
    from = simulator.requests.length;
    await nextPress(page);
    await press(page, { hook: 0 });
    await onCall.waitFor({ state: 'detached' });
    await lit(page, { [LED.offHook]: [0] });
    expect(requestsSince(simulator, from)).toContain('end:Jane Doe');

    // A call rings: the ring LED; hook up answers it.
    simulator.ring(DEMO, { number: '+15550100555', name: 'Sam Caller' });
    await page.getByRole('region', { name: 'Incoming call' }).getByText('Sam Caller').waitFor({ timeout: 10_000 });
    await lit(page, { [LED.ring]: [1], [LED.offHook]: [0] });
    from = simulator.requests.length;
    await nextPress(page);
    await press(page, { hook: 1 });
    await onCall.getByText('Sam Caller').waitFor();
    await lit(page, { [LED.ring]: [0], [LED.offHook]: [1] });
    expect(requestsSince(simulator, from)).toContain('patch:Sam Caller');

    // Unplugged mid-call: the agent is told, the call goes on. Plugged back: its buttons work again.
    await page.evaluate(() => (window as unknown as Window).fakeHid.unplug());
    const notice = page.locator('.notice.headset');
    await notice.getByText(/was unplugged\. The call goes on/).waitFor();
    expect(await onCall.textContent()).toContain('Sam Caller');
    await page.evaluate(() => (window as unknown as Window).fakeHid.plug());
    await notice.getByText(/is connected again/).waitFor();
    await lit(page, { [LED.offHook]: [1] });
    // A report within HOOK_SETTLE_MS of the LED may still be the old hook state; past it, it is the agent's.
    await new Promise((resolve) => setTimeout(resolve, HOOK_SETTLE_MS + 100));
    from = simulator.requests.length;
    await nextPress(page);
    await press(page, { hook: 0 });
    await onCall.waitFor({ state: 'detached' });
    expect(requestsSince(simulator, from)).toContain('end:Sam Caller');
    expect(errors).toEqual([]);
  });
});

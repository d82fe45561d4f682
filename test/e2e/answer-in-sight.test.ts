import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { demoWithJane, e2e, nextPress, signInAsDemoAgent } from './harness-fixture';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

// A promise minute of 1 s: a held caller's 1 min promise is broken ("Waiting long") within seconds.
const MINUTE_MS = 1_000;

const syncNow = (page: Page) => page.evaluate(() => window.softphone!.sessions.refresh()).then(() => undefined);
const incoming = (page: Page) => page.getByRole('region', { name: 'Incoming call' });
const onCall = (page: Page) => page.getByRole('region', { name: 'On call' });

/** Where the control is, without scrolling: null when it lies inside the viewport and nothing covers it. */
async function inSightWithoutScrolling(control: Locator): Promise<string | null> {
  await control.waitFor();
  return control.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const where = `at y ${Math.round(box.top)}..${Math.round(box.bottom)} in a ${window.innerWidth}x${window.innerHeight} window`;
    if (box.top < 0 || box.bottom > window.innerHeight + 0.5 || box.left < 0 || box.right > window.innerWidth + 0.5)
      return `off screen ${where}`;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!hit || !(element === hit || element.contains(hit))) return `covered ${where} by ${hit?.outerHTML.slice(0, 60) ?? 'nothing'}`;
    return null;
  });
}

async function answerButtonsOutOfSight(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  for (const name of ['Hold & answer', 'End & answer', 'Decline']) {
    const problem = await inSightWithoutScrolling(incoming(page).getByRole('button', { name }));
    if (problem) problems.push(`${label}: ${name} ${problem}`);
  }
  return problems;
}

describe('a ringing call is answerable without scrolling', () => {
  it('at 1280 x 800 with the keypad open', async () => {
    const world = await demoWithJane(fixture);
    const { page, simulator, errors } = world;
    await page.setViewportSize({ width: 1280, height: 800 });
    await onCall(page).getByRole('button', { name: 'Keypad' }).click();
    await page.getByRole('group', { name: 'Tones' }).waitFor();
    simulator.ring('demo@evosoftphone.local', { number: '+15550100666', name: 'Lee Wong' });
    await syncNow(page);
    await incoming(page).getByText('Lee Wong').first().waitFor();
    expect(await answerButtonsOutOfSight(page, '1280x800 keypad open')).toEqual([]);
    expect(errors).toEqual([]);
  });

  for (const width of [320, 360]) {
    it(`at ${width} px wide, on a call, with a caller waiting long on hold`, async () => {
      const world = await fixture.world({ promiseMinuteMs: MINUTE_MS });
      const { page, simulator, errors } = world;
      await page.setViewportSize({ width, height: 640 });
      await signInAsDemoAgent(page);
      await onCall(page).getByText('Jane Doe').first().waitFor();
      await page.getByRole('button', { name: 'Hold', exact: true }).click();
      const jane = page.getByRole('list', { name: 'Held calls' }).getByRole('listitem', { name: 'Jane Doe' });
      await expect
        .poll(() => jane.getByRole('timer', { name: 'Promise for Jane Doe' }).textContent(), { timeout: 8_000 })
        .toMatch(/^Over by/);
      simulator.ring('demo@evosoftphone.local', { number: '+15550100555', name: 'Sam Caller' });
      await syncNow(page);
      await nextPress(page);
      await incoming(page).getByRole('button', { name: 'Answer' }).click();
      await onCall(page).getByText('Sam Caller').first().waitFor();
      simulator.ring('demo@evosoftphone.local', { number: '+15550100666', name: 'Lee Wong' });
      await syncNow(page);
      await incoming(page).getByText('Lee Wong').first().waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await answerButtonsOutOfSight(page, `${width} px`)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});

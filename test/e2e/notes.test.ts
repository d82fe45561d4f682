import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { demoWithJane, e2e, signInAsDemoAgent } from './harness-fixture';

const fixture = e2e();

/** axe at a docked and a full-screen width, light and dark: what the notes added reads and contrasts. */
async function axeEverywhere(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      problems.push(...(await seriousViolations(page)).map((problem) => `${where} ${width} ${theme}: ${problem}`));
    }
  }
  return problems;
}
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

describe('notes that cannot be lost, in Chromium', () => {
  it('a note half written after a call is still there after a reload, and is saved from there', async () => {
    const { page, harness } = await demoWithJane(fixture);
    await page.getByRole('region', { name: 'On call' }).getByRole('button', { name: 'Hang up' }).click();
    let form = page.getByRole('form', { name: 'After the call with Jane Doe' });
    await form.getByLabel('Note').fill('Invoice 4711 charged twice');
    await form.getByLabel('Outcome').selectOption('Follow-up needed');
    // Main has it (no timer in between: every change is sent as it is made).
    const drafts = () =>
      Promise.resolve(harness.core.handlers['notes.drafts'](undefined)).then((list) =>
        list.map((draft) => [draft.name, draft.text, draft.outcome]),
      );
    await expect.poll(drafts).toEqual([['Jane Doe', 'Invoice 4711 charged twice', 'Follow-up needed']]);

    await page.reload();
    form = page.getByRole('form', { name: 'After the call with Jane Doe' });
    await form.waitFor();
    expect(await form.getByLabel('Note').inputValue()).toBe('Invoice 4711 charged twice');
    expect(await form.getByLabel('Outcome').inputValue()).toBe('Follow-up needed');
    // Two Tabs from the number: Call, then the way to the note.
    await page.getByLabel('Number').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await form.getByLabel('Note').evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type(', refund promised');
    await form.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => form.count()).toBe(0);
    // Focus went somewhere an agent can use, not the page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dial-number');
    expect(await drafts()).toEqual([]);

    await page.reload();
    await page.getByLabel('Number').waitFor();
    expect(await page.getByRole('form', { name: /After the call with/ }).count()).toBe(0);
    await page.getByRole('tab', { name: 'History' }).click();
    const jane = page.getByRole('list', { name: 'Call history' }).getByRole('button', { name: /Jane Doe.*note/ });
    await jane.first().click();
    await page.getByRole('region', { name: 'Call details' }).getByText('Invoice 4711 charged twice, refund promised').waitFor();
  });

  it('axe finds nothing serious in the waiting note, the note editor, the marks and the hidden-notes notice', async () => {
    const { page, harness } = await fixture.world({}, { bypassCSP: true });
    await signInAsDemoAgent(page);
    await page.getByRole('region', { name: 'On call' }).getByRole('button', { name: 'Hang up' }).click();
    const form = page.getByRole('form', { name: 'After the call with Jane Doe' });
    await form.getByLabel('Note').fill('x'.repeat(1900));
    const problems = await axeEverywhere(page, 'prompt');
    await form.getByLabel('Note').fill('Refund promised');
    await form.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => form.count()).toBe(0);
    await page.getByRole('tab', { name: 'History' }).click();
    await page
      .getByRole('list', { name: 'Call history' })
      .getByRole('button', { name: /Jane Doe.*note/ })
      .first()
      .click();
    const detail = page.getByRole('region', { name: 'Call details' });
    await detail.getByRole('button', { name: 'Edit note' }).click();
    await detail.getByRole('form', { name: 'Edit the note' }).getByLabel('Note').fill('y'.repeat(2100));
    await detail.getByRole('button', { name: 'Save note' }).click();
    await detail
      .getByRole('alert')
      .getByText(/2,100 characters long/)
      .waitFor();
    problems.push(...(await axeEverywhere(page, 'history')));
    // Another agent signs in on this computer: the note is hidden, and History says whose it is.
    const main = harness.core.handlers;
    await main['auth.signOut'](undefined);
    await main['auth.signIn']({ server: harness.simulator()!.url, email: 'other@evosoftphone.local', password: 'other', remember: false });
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('note').getByText('1 note from another account is hidden. Sign in as demo@evosoftphone.local').waitFor();
    problems.push(...(await axeEverywhere(page, 'hidden notes')));
    expect(problems).toEqual([]);
  });
});

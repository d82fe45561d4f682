import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { demoWithJane, e2e } from './harness-fixture';

const fixture = e2e();
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
    const drafts = () => Promise.resolve(harness.core.handlers['notes.drafts'](undefined)).then((list) => list.map((draft) => [draft.name, draft.text, draft.outcome]));
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
});

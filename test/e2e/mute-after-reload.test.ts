import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { demoWithJane, e2e, nextPress } from './harness-fixture';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

describe('mute across a window reload (demo mode in Chromium)', () => {
  it('a muted call is still muted after the window reloads, and the button says Unmute', async () => {
    const { page, errors } = await demoWithJane(fixture);
    const onCall = page.getByRole('region', { name: 'On call' });
    await onCall.getByRole('button', { name: 'Mute' }).click();
    await onCall.getByRole('button', { name: 'Unmute' }).waitFor();

    await page.reload();
    await onCall.getByText('Jane Doe').first().waitFor();
    await onCall.getByRole('button', { name: /^(Mute|Unmute)$/ }).waitFor();
    await expect
      .poll(() =>
        onCall
          .getByRole('button', { name: /^(Mute|Unmute)$/ })
          .textContent()
          .then((text) => text?.trim()),
      )
      .toBe('Unmute');
    expect(await onCall.getByRole('status').filter({ hasText: 'Muted' }).textContent()).toContain('the caller cannot hear you');

    // Unmuted, it stays unmuted through the next reload.
    await onCall.getByRole('button', { name: 'Unmute' }).click();
    await page.reload();
    await onCall.getByText('Jane Doe').first().waitFor();
    await nextPress(page);
    expect((await onCall.getByRole('button', { name: /^(Mute|Unmute)$/ }).textContent())?.trim()).toBe('Mute');
    expect(errors).toEqual([]);
  });
});

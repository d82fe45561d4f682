import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { e2e, nextPress, screenshotPath, seconds, signInAsDemoAgent } from './harness-fixture';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

describe("the agent's window in Chromium, through the harness, against the simulator", () => {
  it('signs in, holds the active call, shows it held with a running timer, and resumes it', async () => {
    const { page, errors } = await fixture.world();
    await signInAsDemoAgent(page);
    const onCall = page.getByRole('region', { name: 'On call' });
    await expect.poll(() => onCall.getByText('Jane Doe').count()).toBe(1);
    await expect.poll(() => page.getByText('Dana Agent').first().isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    const held = page.getByRole('list', { name: 'Held calls' }).getByRole('listitem', { name: 'Jane Doe' });
    await held.waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Jane Doe on hold' }).count()).toBe(1);
    const timer = held.getByLabel('Time on hold');
    const first = seconds(await timer.textContent());
    await expect.poll(async () => seconds(await timer.textContent()), { timeout: 4000 }).toBeGreaterThan(first);
    await expect.poll(() => held.getByText('held by you').count()).toBe(1);

    await held.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Held calls' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Jane Doe resumed' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Hold', exact: true }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows a failed hold with the server message and a Retry that works', async () => {
    const { page, simulator } = await fixture.world();
    await signInAsDemoAgent(page);
    await page.getByRole('button', { name: 'Hold', exact: true }).waitFor();
    // Enough failures to outlast the client's own retries.
    simulator.faults.set('hold', { status: 500, message: 'Hold queue is unavailable', times: 4 });
    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Hold queue is unavailable' });
    await alert.waitFor();
    expect(await page.getByRole('list', { name: 'Held calls' }).count()).toBe(0);
    await nextPress(page);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('list', { name: 'Held calls' }).getByRole('listitem', { name: 'Jane Doe' }).waitFor();
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
  });

  it('keeps the held call and its timer across a reload, and screenshots light and dark', async () => {
    const { page } = await fixture.world();
    await signInAsDemoAgent(page);
    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    const heldTimer = () =>
      page.getByRole('list', { name: 'Held calls' }).getByRole('listitem', { name: 'Jane Doe' }).getByLabel('Time on hold');
    await heldTimer().waitFor();
    await expect.poll(async () => seconds(await heldTimer().textContent()), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const before = seconds(await heldTimer().textContent());
    await page.reload();
    await heldTimer().waitFor();
    expect(seconds(await heldTimer().textContent())).toBeGreaterThanOrEqual(before);

    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: screenshotPath('main-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(15, 20, 27)');
    await page.screenshot({ path: screenshotPath('main-dark.png') });
  });

  it('after the renderer crashes, a new window shows the held call with its timer (state lives in main)', async () => {
    const { page, harness } = await fixture.world();
    await signInAsDemoAgent(page);
    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    const timer = page.getByRole('list', { name: 'Held calls' }).getByRole('listitem', { name: 'Jane Doe' }).getByLabel('Time on hold');
    await expect.poll(async () => seconds(await timer.textContent()), { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    const before = seconds(await timer.textContent());
    const crashed = new Promise((resolve) => page.once('crash', resolve));
    await page.goto('chrome://crash').catch(() => undefined);
    await crashed;
    const fresh = await page.context().browser()!.newPage();
    await fresh.goto(harness.url);
    const again = fresh.getByRole('list', { name: 'Held calls' }).getByRole('listitem', { name: 'Jane Doe' }).getByLabel('Time on hold');
    await again.waitFor();
    expect(seconds(await again.textContent())).toBeGreaterThanOrEqual(before);
    await fresh.close();
  });

  it('explains a wrong password and keeps what was typed', async () => {
    const { page } = await fixture.world();
    await page.getByLabel('Email').fill('demo@evosoftphone.local');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('demo@evosoftphone.local');
    expect(await page.getByLabel('Server').inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('says so when the server cannot be reached', async () => {
    const { page } = await fixture.world({ evoApiUrl: 'http://127.0.0.1:1' });
    await signInAsDemoAgent(page);
    await page.getByRole('alert').filter({ hasText: "Can't reach the Evo Voice server" }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
  });

  it('a window whose app code cannot load says so instead of staying blank', async () => {
    const { page, errors } = await fixture.world();
    await page.route('**/assets/start-app-*.js', (route) => route.abort());
    await page.reload();
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toMatch(
      /^Evo Softphone could not load its window \(.+\)\. Restart the app; if this happens again, reinstall it\.$/,
    );
    expect(errors).toEqual([]);
  });

  it('says it is starting only when start-up is slow, never as a flash', async () => {
    const { page } = await fixture.world();
    // Main never answers (the harness socket goes nowhere): start-up waits for the first answers.
    await page.routeWebSocket(/\/__harness\/ws/, () => undefined);
    await page.addInitScript(() => {
      new MutationObserver((_records, observer) => {
        const message = [...document.querySelectorAll('p')].find((p) => p.textContent === 'Starting Evo Softphone…');
        if (!message) return;
        observer.disconnect();
        (window as unknown as { shownAtOnce: string }).shownAtOnce = getComputedStyle(message).visibility;
      }).observe(document, { subtree: true, childList: true });
    });
    await page.reload();
    const message = page.getByRole('status').filter({ hasText: 'Starting Evo Softphone…' });
    await message.waitFor({ state: 'visible' });
    expect(await page.evaluate(() => (window as unknown as { shownAtOnce?: string }).shownAtOnce)).toBe('hidden');
  });

  it('demo mode: dial a number, the call connects, Hold, Resume, Hang up', async () => {
    const { page, simulator } = await fixture.world();
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.getByRole('button', { name: 'Hang up' }).click();
    await page.getByLabel('Number').waitFor();
    await nextPress(page);
    await page.getByLabel('Number').fill('(555) 010-0123');
    expect(await page.getByLabel('Number').inputValue()).toBe('(555) 010-0123');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const onCall = page.getByRole('region', { name: 'On call' });
    await onCall.getByText('+1 555 010 0123').first().waitFor();
    await page.getByRole('button', { name: 'Mute' }).click();
    await page.getByRole('button', { name: 'Unmute' }).waitFor();
    await nextPress(page);
    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    await nextPress(page);
    await page.getByRole('list', { name: 'Held calls' }).getByRole('button', { name: 'Resume' }).click();
    await nextPress(page);
    await onCall.getByRole('button', { name: 'Hang up' }).click();
    await page.getByLabel('Number').waitFor();
    const dialled = [...simulator.state.sessions.values()]
      .filter((s) => s.info.toAddress === '+15550100123')
      .sort((a, b) => b.info.dateCreated.localeCompare(a.info.dateCreated))[0]!;
    expect(dialled.info).toMatchObject({ ended: true, direction: 'Outgoing' });
    expect(dialled.info.log.map((line) => line.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/placed on hold/), expect.stringMatching(/resumed/), expect.stringMatching(/ended/)]),
    );
  });

  it('demo mode: an incoming call from the simulator rings, is answered, and a second one can be declined', async () => {
    const { page, simulator } = await fixture.world();
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.getByRole('button', { name: 'Hang up' }).click();
    await page.getByLabel('Number').waitFor();
    const ringing = simulator.ring('demo@evosoftphone.local', { number: '+15550100555', name: 'Sam Caller' });
    const banner = page.getByRole('region', { name: 'Incoming call' });
    await banner.getByText('Sam Caller').waitFor({ timeout: 10_000 });
    await nextPress(page);
    await banner.getByRole('button', { name: 'Answer' }).click();
    await page.getByRole('region', { name: 'On call' }).getByText('Sam Caller').waitFor();
    expect(simulator.state.sessions.get(ringing)!.info.callState).toBe('Connected');
    const second = simulator.ring('demo@evosoftphone.local', { number: '+15550100666', name: 'Second Caller' });
    await banner.getByText('Second Caller').waitFor({ timeout: 10_000 });
    await nextPress(page);
    await banner.getByRole('button', { name: 'Decline' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Incoming call' }).count()).toBe(0);
    expect(simulator.state.sessions.get(second)!.info.ended).toBe(true);
  });

  it('refuses a number that is not one, without calling', async () => {
    const { page, simulator } = await fixture.world();
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.getByRole('button', { name: 'Hang up' }).click();
    await page.getByLabel('Number').fill('12');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: "doesn't look like a phone number" }).waitFor();
    expect(simulator.hits.create).toBe(0);
  });

  it('lists history newest first, finds a caller, and opens a call with its log', async () => {
    const { page } = await fixture.world();
    await signInAsDemoAgent(page);
    await page.getByRole('tab', { name: 'History' }).click();
    const list = page.getByRole('list', { name: 'Call history' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(25);
    await page.getByRole('button', { name: 'Older' }).click();
    await expect.poll(() => page.getByText('Page 2').count()).toBe(1);
    await page.getByRole('button', { name: 'Newer' }).click();
    await page.getByRole('searchbox', { name: 'Search history' }).fill('Marco');
    await expect.poll(async () => (await list.getByRole('listitem').allTextContents()).every((t) => t.includes('Marco'))).toBe(true);
    await page.screenshot({ path: screenshotPath('history.png') });
    await list.getByRole('button').first().click();
    const detail = page.getByRole('region', { name: 'Call details' });
    await detail.getByText('Incoming call from Marco Rossi').or(detail.getByText('Dialed Marco Rossi')).first().waitFor();
    expect(await list.getByText('missed').count()).toBeGreaterThanOrEqual(0);
  });

  it('is fully keyboard operable from sign-in to hold', async () => {
    const { page } = await fixture.world();
    await page.getByLabel('Email').focus();
    await page.keyboard.type('demo@evosoftphone.local');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Hold', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Hold', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: 'Held calls' }).waitFor();
    // Focus follows the call: Enter again resumes it, and then holds it again.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Resume');
    await nextPress(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Hold');
    await nextPress(page);
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: 'Held calls' }).waitFor();
    // The tab's name runs its count on from the label: "Phone, 1 on hold", not "Phone , 1 on hold".
    expect(await page.getByRole('tab', { name: 'Phone, 1 on hold', exact: true }).count()).toBe(1);
    await page.getByRole('tab', { name: /Phone/ }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
  });
});

import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../electron/main/simulator/server';
import { demoWithJane, e2e, nextPress, requestsSince, screenshotPath, seconds, type World } from './harness-fixture';

const fixture = e2e();
afterEach(() => fixture.closeWorlds());
afterAll(() => fixture.closeBrowser());

const DEMO = 'demo@evosoftphone.local';
const LEE = '+15550100321';

const onCall = (page: Page) => page.getByRole('region', { name: 'On call' });
const consultPanel = (page: Page) => page.getByRole('region', { name: 'Consult' });
const janeSession = (simulator: Simulator) =>
  [...simulator.state.sessions.values()].find((s) => s.info.fromName === 'Jane Doe' && !s.info.ended)!;

/** From Jane's call: Transfer, the number, Consult first; answers when the consult is shown. */
async function consultLee(world: World): Promise<number> {
  const { page, simulator } = world;
  const from = simulator.requests.length;
  await onCall(page).getByRole('button', { name: 'Transfer', exact: true }).click();
  await page.getByLabel('Transfer to').fill('(555) 010-0321');
  await page.getByRole('button', { name: 'Consult first' }).click();
  await consultPanel(page).getByText('Talking to +1 555 010 0321 about Jane Doe').waitFor();
  expect(requestsSince(simulator, from)).toEqual(['hold:Jane Doe', `create:-`]);
  expect(simulator.requests.find((request) => request.route === 'hold')!.body).toMatchObject({ reason: 'Transferring' });
  return simulator.requests.length;
}

describe('transfers and conferences (demo mode in Chromium)', () => {
  it('consult, then Complete transfer: the consult hangs up and the caller goes to the consulted number', async () => {
    const world = await demoWithJane(fixture);
    const { page, simulator, errors } = world;
    const from = await consultLee(world);
    // The caller is shown with the consult, on hold for transfer; the consulted person is the live call.
    expect(await consultPanel(page).textContent()).toContain('on hold for transfer');
    await onCall(page).getByText('+1 555 010 0321').first().waitFor();
    const held = consultPanel(page).getByRole('timer', { name: 'Time on hold' });
    await expect.poll(async () => seconds(await held.textContent()), { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: screenshotPath('consult.png') });

    await nextPress(page);
    await consultPanel(page).getByRole('button', { name: 'Complete transfer' }).click();
    await page.getByLabel('Number').waitFor();
    expect(await consultPanel(page).count()).toBe(0);
    expect(requestsSince(simulator, from)).toEqual([`end:${LEE}`, 'redirect:Jane Doe']);
    expect(simulator.requests.find((request) => request.route === 'redirect')!.body).toMatchObject({ destination: LEE });
    const jane = [...simulator.state.sessions.values()].find((s) => s.info.fromName === 'Jane Doe' && s.info.outcome === 'Transferred');
    expect(jane).toBeDefined();
    expect(simulator.peakConnected(DEMO)).toBe(1);
    expect(errors).toEqual([]);
    mkdirSync(join(process.cwd(), 'resources/screenshots'), { recursive: true });
    copyFileSync(screenshotPath('consult.png'), join(process.cwd(), 'resources/screenshots/consult.png'));
  });

  it('consult, then Cancel: the consult ends and the caller is resumed', async () => {
    const world = await demoWithJane(fixture);
    const { page, simulator } = world;
    const from = await consultLee(world);
    await nextPress(page);
    await consultPanel(page).getByRole('button', { name: 'Cancel' }).click();
    await onCall(page).getByText('Jane Doe').waitFor();
    expect(await consultPanel(page).count()).toBe(0);
    expect(requestsSince(simulator, from)).toEqual([`end:${LEE}`, 'patch:Jane Doe']);
    expect(janeSession(simulator).info).toMatchObject({ callState: 'Connected', holdReason: 'None' });
    expect(await page.getByText('No calls on hold.').isVisible()).toBe(true);
    expect(simulator.peakConnected(DEMO)).toBe(1);
  });

  it('consult, then Merge: a 3-way with the participants listed; the agent drops out and the others keep talking', async () => {
    const world = await demoWithJane(fixture);
    const { page, simulator } = world;
    const from = await consultLee(world);
    await nextPress(page);
    await consultPanel(page).getByRole('button', { name: 'Merge' }).click();
    const participants = onCall(page).getByRole('list', { name: 'Participants' });
    await participants.getByRole('listitem', { name: '+1 555 010 0321' }).waitFor();
    expect(requestsSince(simulator, from)).toEqual([`end:${LEE}`, 'patch:Jane Doe', 'conferenceMembers:Jane Doe']);
    // Invited: ringing first, then on the call (the simulator's member picks up after 1.5 s).
    await participants.getByRole('listitem', { name: '+1 555 010 0321' }).getByText('On the call').waitFor({ timeout: 10_000 });
    expect(await participants.getByRole('listitem', { name: 'Jane Doe' }).textContent()).toContain('On the call');
    await page.screenshot({ path: screenshotPath('conference.png') });

    const leaving = simulator.requests.length;
    await nextPress(page);
    await onCall(page).getByRole('button', { name: 'Leave call' }).click();
    await page.getByLabel('Number').waitFor();
    expect(requestsSince(simulator, leaving)).toEqual(['end:Jane Doe']);
    const jane = janeSession(simulator);
    const agentLeg = jane.info.members.find((member) => member.role === 'Agent')!.callSid;
    expect(simulator.requests.filter((request) => request.route === 'end').at(-1)!.query).toEqual({ callSid: agentLeg });
    expect(jane.info.ended).toBe(false);
    expect(jane.info.members.filter((member) => member.callState === 'Connected').map((member) => member.role)).toEqual([
      'Caller',
      'Transfer',
    ]);
    expect(simulator.peakConnected(DEMO)).toBe(1);
  });

  it('after the call: a note and an outcome are saved, and History search finds the call by them', async () => {
    const { page } = await demoWithJane(fixture);
    await onCall(page).getByRole('button', { name: 'Hang up' }).click();
    const form = page.getByRole('form', { name: 'After the call with Jane Doe' });
    await form.getByLabel('Note').fill('Invoice 4711 was charged twice; refund promised');
    await form.getByLabel('Outcome').selectOption('Follow-up needed');
    await page.screenshot({ path: screenshotPath('wrap-up.png') });
    await form.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => form.count()).toBe(0);

    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('searchbox', { name: 'Search history' }).fill('charged twice');
    const rows = page.getByRole('list', { name: 'Call history' }).getByRole('listitem');
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBe(1);
    await rows
      .first()
      .getByRole('button', { name: /Jane Doe/ })
      .click();
    const detail = page.getByRole('region', { name: 'Call details' });
    await detail.getByText('Invoice 4711 was charged twice; refund promised').waitFor();
    expect(await detail.textContent()).toMatch(/Outcome\s*Follow-up needed/);
    await page.getByRole('searchbox', { name: 'Search history' }).fill('follow-up needed');
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBe(1);
  });
});

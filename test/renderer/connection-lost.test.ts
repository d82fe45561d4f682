import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../renderer/src/App.svelte';
import { simulatedOnly } from '../support/engines';
import type { Result } from '../../electron/shared/result';
import { callView, startedWindow } from '../support/fake-softphone';

const info = { ok: true, value: { name: 'Evo Softphone', version: '9.9.9', platform: 'linux' } } as const;

/** A window whose main can be made to stop answering (as a hung main would) and to answer again. */
function windowWithMain(calls = [callView()]) {
  const fake = startedWindow(calls);
  let silent = false;
  const unanswered: ((result: Result<unknown>) => void)[] = [];
  fake.answer('app.info', () => (silent ? new Promise((resolve) => unanswered.push(resolve)) : info));
  render(App, { api: fake.api, engines: simulatedOnly });
  return {
    fake,
    silence: () => (silent = true),
    wake: () => {
      silent = false;
      for (const resolve of unanswered.splice(0)) resolve(info);
    },
  };
}

/** Off, by its own attribute or its fieldset's. */
const disabled = (name: string) =>
  within(screen.getByRole('region', { name: 'On call' }))
    .getByRole('button', { name })
    .matches(':disabled');

describe('a definite state when main stops answering', () => {
  it('says so within 2 s, turns call actions off with the reason, and comes back by itself', async () => {
    const { fake, silence, wake } = windowWithMain();
    await screen.findByRole('region', { name: 'On call' });
    expect(disabled('Hold')).toBe(false);
    silence();
    const lostAt = Date.now();
    const alert = await screen.findByText(/Evo Softphone is not responding/, {}, { timeout: 2500 });
    expect(Date.now() - lostAt).toBeLessThanOrEqual(2000 + 100);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.getByText('Not connected').textContent).toBe('Not connected');
    expect(disabled('Hold')).toBe(true);
    expect(disabled('Hang up')).toBe(true);

    const boards = fake.calls.filter((c) => c.channel === 'calls.board').length;
    wake();
    await vi.waitFor(() => expect(screen.queryByText(/Evo Softphone is not responding/)).toBeNull(), { timeout: 2000 });
    expect(disabled('Hold')).toBe(false);
    expect(screen.getByText('Connected').textContent).toBe('Connected');
    // What main sent meanwhile is gone: the window asks for the whole board again.
    expect(fake.calls.filter((c) => c.channel === 'calls.board').length).toBe(boards + 1);
  });

  it('a transport that says it is disconnected (the harness closed the socket) counts as lost at once', async () => {
    const fake = startedWindow([callView()]);
    render(App, { api: fake.api, engines: simulatedOnly });
    await screen.findByRole('region', { name: 'On call' });
    fake.answer('app.info', { ok: false, error: { code: 'HARNESS_DISCONNECTED', message: 'Lost the connection to the softphone core.' } });
    fake.answer('sessions.hold', { ok: true, value: {} });
    await screen.findByText(/call actions are off/, {}, { timeout: 1500 });
    expect(disabled('Hold')).toBe(true);
  });

  it('call timers stand still while main is lost, and catch up once it answers', async () => {
    const { silence, wake } = windowWithMain();
    const region = await screen.findByRole('region', { name: 'On call' });
    const timer = () => within(region).getByRole('timer', { name: 'Call time' }).textContent;
    silence();
    await screen.findByText(/Evo Softphone is not responding/, {}, { timeout: 2500 });
    const shown = timer();
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(timer()).toBe(shown);
    wake();
    await vi.waitFor(() => expect(timer()).not.toBe(shown), { timeout: 2000 });
  }, 10_000);
});

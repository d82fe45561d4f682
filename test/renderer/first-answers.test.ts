import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../renderer/src/App.svelte';
import { askFirstQuestions } from '../../renderer/src/lib/start-up/first-answers';
import { simulatedOnly } from '../support/engines';
import type { AuthStatus } from '../../electron/shared/contract';
import type { Result } from '../../electron/shared/result';
import { signedInStatus, signedOut, startedWindow, testServers } from '../support/fake-softphone';

/** A started window whose answer to auth.status main holds until `release()`. */
function softphone(status: AuthStatus) {
  const fake = startedWindow();
  let release = () => {};
  const answered = new Promise<void>((resolve) => (release = resolve));
  fake.answer('auth.status', async () => {
    await answered;
    return { ok: true, value: status } satisfies Result<AuthStatus>;
  });
  return { ...fake, release };
}

describe('the first questions, asked before the app loads', () => {
  it('hands over the answers main gave', async () => {
    const fake = softphone(signedInStatus);
    const first = askFirstQuestions(fake.api);
    fake.release();
    expect(await first.status()).toEqual({ ok: true, value: signedInStatus });
    expect(await first.servers).toEqual({ ok: true, value: testServers });
    expect(fake.calls.map((call) => call.channel)).toEqual(['auth.status', 'auth.servers']);
  });

  it('a sign-out main announces after its answer, before the app listens, is not lost', async () => {
    const fake = softphone(signedInStatus);
    const first = askFirstQuestions(fake.api);
    fake.release();
    // The answer lands in one task, the announcement in a later one, as over IPC.
    await new Promise((resolve) => setTimeout(resolve));
    fake.emit('auth.changed', signedOut);
    expect(await first.status()).toEqual({ ok: true, value: signedOut });
  });

  it('an announcement heard before the answer is older than the answer', async () => {
    const fake = softphone(signedInStatus);
    const first = askFirstQuestions(fake.api);
    fake.emit('auth.changed', signedOut);
    fake.release();
    expect(await first.status()).toEqual({ ok: true, value: signedInStatus });
  });

  it('the app starts from them: signed in at once, without asking main again', async () => {
    const fake = softphone(signedInStatus);
    const first = askFirstQuestions(fake.api);
    fake.release();
    render(App, { api: fake.api, engines: simulatedOnly, first });
    await screen.findByLabelText('Number');
    expect(fake.calls.filter((call) => call.channel.startsWith('auth.')).map((call) => call.channel)).toEqual([
      'auth.status',
      'auth.servers',
    ]);
  });
});

import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SignIn from '../../renderer/src/lib/components/SignIn.svelte';
import { AuthState } from '../../renderer/src/lib/state/auth.svelte';
import { deferred, fakeSoftphone, signedInStatus, signedOut } from '../support/fake-softphone';

async function setup(status = signedOut, lastEmail: string | null = null) {
  const fake = fakeSoftphone();
  fake.answer('auth.status', { ok: true, value: status });
  fake.answer('auth.servers', {
    ok: true,
    value: {
      servers: [
        { url: 'https://evovoice.io', label: 'Evo Voice' },
        { url: 'https://team.evovoice.io', label: 'Evo Voice staging' },
      ],
      preselected: 'https://team.evovoice.io',
      lastEmail,
    },
  });
  const auth = new AuthState(fake.api);
  await auth.load();
  const view = render(SignIn, { auth });
  return { fake, auth, view };
}

describe('SignIn', () => {
  it('preselects the configured server and offers a custom one', async () => {
    await setup();
    const server = screen.getByLabelText('Server') as HTMLSelectElement;
    expect(server.value).toBe('https://team.evovoice.io');
    await fireEvent.change(server, { target: { value: 'custom' } });
    expect(screen.getByLabelText('Server address')).toBeInstanceOf(HTMLInputElement);
  });

  it('asks for the email and password before sending anything', async () => {
    const { fake } = await setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toContain('Enter your email and password.');
    expect(fake.calls.some((call) => call.channel === 'auth.signIn')).toBe(false);
  });

  it('shows the sign-in in flight, then the server error, keeping the email', async () => {
    const { fake } = await setup();
    const pending = deferred<unknown>();
    fake.answer('auth.signIn', async () => {
      await pending.promise;
      return { ok: false, error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong email or password.' } };
    });
    await fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'dana@example.com' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((screen.getByRole('button', { name: 'Signing in…' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Try the demo' }) as HTMLButtonElement).disabled).toBe(true);
    pending.resolve(null);
    await screen.findByText('Wrong email or password.');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('dana@example.com');
    expect(fake.calls.find((call) => call.channel === 'auth.signIn')!.payload).toEqual({
      server: 'https://team.evovoice.io',
      email: 'dana@example.com',
      password: 'secret',
      remember: true,
    });
  });

  it('warns that the password cannot be remembered without secure storage', async () => {
    await setup({ ...signedOut, canRemember: false });
    expect(screen.getByRole('note').textContent).toContain("won't be remembered");
    expect((screen.getByLabelText('Remember me') as HTMLInputElement).disabled).toBe(true);
  });

  it('starts the demo', async () => {
    const { fake, auth } = await setup();
    fake.answer('auth.signInDemo', { ok: true, value: { ...signedInStatus, demo: true } });
    await fireEvent.click(screen.getByRole('button', { name: 'Try the demo' }));
    await Promise.resolve();
    expect(auth.status?.demo).toBe(true);
  });

  it('starts in the email field, or in the password field when the email is known', async () => {
    const first = await setup();
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Email')));
    first.view.unmount();
    await setup(signedOut, 'dana@example.com');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('dana@example.com');
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Password')));
  });

  it('marks the missing field and links it to the reason', async () => {
    await setup(signedOut, 'dana@example.com');
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBeNull();
    expect(document.getElementById(password.getAttribute('aria-describedby')!)!.textContent).toBe('Enter your email and password.');
  });

  it('keeps what was typed when the screen is shown again (the draft lives in the sign-in state)', async () => {
    const { auth, view } = await setup();
    await fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'dana@example.com' } });
    await fireEvent.change(screen.getByLabelText('Server'), { target: { value: 'https://evovoice.io' } });
    view.unmount();
    render(SignIn, { auth });
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('dana@example.com');
    expect((screen.getByLabelText('Server') as HTMLSelectElement).value).toBe('https://evovoice.io');
  });
});

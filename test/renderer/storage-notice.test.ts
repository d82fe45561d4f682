import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../renderer/src/App.svelte';
import StorageNotice from '../../renderer/src/lib/components/StorageNotice.svelte';
import { simulatedOnly } from '../support/engines';
import { defaultTestSettings, fakeSoftphone, signedInStatus, signedOut } from '../support/fake-softphone';

const notice = 'History is not being saved: the disk is full. Free some disk space, then restart Evo Softphone.';

describe('the "history is not being saved" notice', () => {
  it("shows main's notice when history is kept in memory only", async () => {
    const fake = fakeSoftphone();
    fake.answer('app.storageStatus', { ok: true, value: { historySaved: false, notice } });
    render(StorageNotice, { api: fake.api });
    expect((await screen.findByRole('alert')).textContent).toBe(notice);
  });

  it('shows the notice as soon as main says the disk filled while the app runs', async () => {
    const fake = fakeSoftphone();
    fake.answer('app.storageStatus', { ok: true, value: { historySaved: true, notice: null } });
    render(StorageNotice, { api: fake.api });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByRole('alert')).toBeNull();
    fake.emit('app.storageChanged', { historySaved: false, notice });
    expect((await screen.findByRole('alert')).textContent).toBe(notice);
  });

  it('shows nothing while history is saved, or when main cannot say', async () => {
    for (const answer of [
      // A leftover sentence must not show while history is saved.
      { ok: true as const, value: { historySaved: true, notice: 'stale sentence' } },
      { ok: false as const, error: { code: 'HARNESS_DISCONNECTED' as const, message: 'Lost the connection to the softphone core.' } },
    ]) {
      const fake = fakeSoftphone();
      fake.answer('app.storageStatus', answer);
      const { unmount } = render(StorageNotice, { api: fake.api });
      // One turn of the event loop: the fake's answer has arrived and been rendered.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(fake.calls.map((call) => call.channel)).toContain('app.storageStatus');
      expect(screen.queryByRole('alert')).toBeNull();
      unmount();
    }
  });

  it.each([
    ['signed out', signedOut],
    ['signed in', signedInStatus],
  ])('is part of the app shell (%s)', async (_name, status) => {
    const fake = fakeSoftphone();
    fake.answer('app.info', { ok: true, value: { name: 'Evo Softphone', version: '9.9.9', platform: 'linux' } });
    fake.answer('auth.status', { ok: true, value: status });
    fake.answer('auth.servers', { ok: true, value: { servers: [], preselected: 'https://evovoice.io', lastEmail: null } });
    fake.answer('settings.get', { ok: true, value: defaultTestSettings });
    fake.answer('sessions.recentNumbers', { ok: true, value: [] });
    fake.answer('sessions.active', { ok: true, value: { sessions: [], connection: 'online', syncedAt: null, error: null } });
    fake.answer('settings.hotkeyConflicts', { ok: true, value: {} });
    fake.answer('voice.reportStatus', { ok: true, value: {} });
    fake.answer('app.storageStatus', { ok: true, value: { historySaved: false, notice } });
    render(App, { api: fake.api, engines: simulatedOnly });
    expect((await screen.findByText(notice)).getAttribute('role')).toBe('alert');
  });
});

import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import History from '../../renderer/src/lib/components/History.svelte';
import { HistoryState } from '../../renderer/src/lib/state/history.svelte';
import { deferred, fakeSoftphone, sessionView } from '../support/fake-softphone';

const now = Date.now();

function setup() {
  const fake = fakeSoftphone();
  const history = new HistoryState(fake.api);
  render(History, { history, now, onCallBack: vi.fn() });
  return { fake, history };
}

describe('History', () => {
  it('shows loading until the first page arrives', async () => {
    const { fake, history } = setup();
    const gate = deferred<unknown>();
    fake.answer('sessions.history', async () => {
      await gate.promise;
      return { ok: true, value: { items: [], page: 0, hasMore: false, source: 'cache' } };
    });
    const loading = history.load(0);
    await Promise.resolve();
    expect((await screen.findByRole('status')).textContent).toContain('Loading history');
    gate.resolve(null);
    await loading;
    expect(screen.getByText('No calls yet.').tagName).toBe('P');
  });

  it('lists calls with incoming, outgoing and missed marks, then the server page replaces the cache', async () => {
    const { fake, history } = setup();
    fake.answer('sessions.history', (payload) => {
      const fresh = (payload as { fresh?: boolean }).fresh;
      const items = [
        sessionView({ id: 'A', displayName: 'Jane Doe', ended: true }),
        sessionView({ id: 'B', displayName: 'Acme Corp', direction: 'Outgoing', ended: true }),
        ...(fresh ? [sessionView({ id: 'C', displayName: 'Lee Wong', wasMissed: true, ended: true })] : []),
      ];
      return { ok: true, value: { items, page: 0, hasMore: true, source: fresh ? 'server' : 'cache' } };
    });
    await history.load(0);
    const rows = await screen.findAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('incoming'),
      expect.stringContaining('outgoing'),
      expect.stringContaining('missed'),
    ]);
    expect((screen.getByRole('button', { name: 'Older' }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Newer' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows an error with Retry when neither cache nor server answer', async () => {
    const { fake, history } = setup();
    fake.answer('sessions.history', { ok: false, error: { code: 'AUTH_REQUIRED', message: 'Please sign in to Evo Voice first.' } });
    await history.load(0);
    expect((await screen.findByRole('alert')).textContent).toContain('Please sign in');
    fake.answer('sessions.history', { ok: true, value: { items: [sessionView()], page: 0, hasMore: false, source: 'cache' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('list', { name: 'Call history' });
  });

  it('searches the cache only, and opens a call with its log', async () => {
    const { fake, history } = setup();
    fake.answer('sessions.history', { ok: true, value: { items: [sessionView({ id: 'A' })], page: 0, hasMore: false, source: 'cache' } });
    await history.search('jane');
    expect(fake.calls.filter((c) => c.channel === 'sessions.history').map((c) => c.payload)).toEqual([{ page: 0, query: 'jane' }]);
    fake.answer('sessions.get', {
      ok: true,
      value: sessionView({ id: 'A', log: [{ date: new Date().toISOString(), message: 'Answered by Dana Agent' }] }),
    });
    await fireEvent.click(await screen.findByRole('button', { name: /Jane Doe/ }));
    const detail = await screen.findByRole('region', { name: 'Call details' });
    await vi.waitFor(() => expect(detail.textContent).toContain('Answered by Dana Agent'));
  });

  it("shows the agent's note and outcome in the call's details", async () => {
    const { fake, history } = setup();
    const note = { text: 'Wants the invoice resent', outcome: 'Follow-up needed', savedAt: new Date().toISOString() };
    fake.answer('sessions.history', { ok: true, value: { items: [sessionView({ id: 'A', note })], page: 0, hasMore: false, source: 'cache' } });
    fake.answer('sessions.get', { ok: true, value: sessionView({ id: 'A', note }) });
    await history.search('invoice');
    await fireEvent.click(await screen.findByRole('button', { name: /Jane Doe/ }));
    const detail = await screen.findByRole('region', { name: 'Call details' });
    await vi.waitFor(() => expect(detail.textContent).toContain('Note: Wants the invoice resent · Outcome: Follow-up needed'));
  });
});

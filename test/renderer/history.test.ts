import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import History from '../../renderer/src/lib/components/History.svelte';
import { HistoryState } from '../../renderer/src/lib/state/history.svelte';
import type { SessionView } from '../../electron/shared/contract';
import { deferred, fakeSoftphone, sessionView } from '../support/fake-softphone';

const now = Date.now();

function setup() {
  const fake = fakeSoftphone();
  const history = new HistoryState(fake.api);
  const onCallBack = vi.fn();
  render(History, { history, now, onCallBack });
  return { fake, history, onCallBack };
}

const page = (items: SessionView[]) => ({ ok: true, value: { items, page: 0, hasMore: false, source: 'cache' } }) as const;
const hoursAgo = (hours: number) => new Date(now - hours * 3600_000).toISOString();

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

  it('groups calls under day headings, newest first', async () => {
    const { fake, history } = setup();
    const today = new Date(now).setHours(12, 0, 0, 0);
    const at = (days: number, hour: number) => new Date(today - days * 86_400_000).setHours(hour);
    fake.answer(
      'sessions.history',
      page([
        sessionView({ id: 'A', ended: true, dateCreated: new Date(at(0, 10)).toISOString() }),
        sessionView({ id: 'B', ended: true, dateCreated: new Date(at(0, 9)).toISOString() }),
        sessionView({ id: 'C', ended: true, dateCreated: new Date(at(1, 9)).toISOString() }),
        sessionView({ id: 'D', ended: true, dateCreated: new Date(at(3, 9)).toISOString() }),
      ]),
    );
    await history.search('');
    const headings = (await screen.findAllByRole('heading', { level: 3 })).map((h) => h.textContent);
    const older = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' }).format(at(3, 9));
    expect(headings).toEqual(['Today', 'Yesterday', older]);
    expect(screen.getAllByRole('listitem')).toHaveLength(4);
  });

  it('moves the day headings on when the day changes, as the clock ticks', async () => {
    const fake = fakeSoftphone();
    const history = new HistoryState(fake.api);
    const noon = new Date(now).setHours(12, 0, 0, 0);
    const view = render(History, { history, now: noon, onCallBack: vi.fn() });
    fake.answer('sessions.history', page([sessionView({ id: 'A', ended: true, dateCreated: new Date(noon - 3600_000).toISOString() })]));
    await history.search('');
    const heading = async () => (await screen.findByRole('heading', { level: 3 })).textContent;
    expect(await heading()).toBe('Today');
    await view.rerender({ history, now: noon + 1000, onCallBack: vi.fn() });
    expect(await heading()).toBe('Today');
    await view.rerender({ history, now: noon + 86_400_000, onCallBack: vi.fn() });
    expect(await heading()).toBe('Yesterday');
  });

  it('filters missed, incoming and outgoing calls through the cache', async () => {
    const { fake, history } = setup();
    fake.answer('sessions.history', page([sessionView({ id: 'M', wasMissed: true, ended: true })]));
    await history.load(0);
    fake.calls.length = 0;
    await fireEvent.click(screen.getByRole('button', { name: 'Missed' }));
    await vi.waitFor(() => expect(fake.calls.map((c) => c.payload)).toEqual([{ page: 0, filter: 'missed' }]));
    expect(screen.getByRole('button', { name: 'Missed' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'All' }).getAttribute('aria-pressed')).toBe('false');
    fake.answer('sessions.history', page([]));
    await fireEvent.click(screen.getByRole('button', { name: 'Outgoing' }));
    expect((await screen.findByText('No outgoing calls.')).tagName).toBe('P');
  });

  it('shows no duration for a missed call and marks calls still in progress', async () => {
    const { fake, history } = setup();
    fake.answer(
      'sessions.history',
      page([
        sessionView({ id: 'L', displayName: 'Live Caller', ended: false, dateCreated: hoursAgo(0.1) }),
        sessionView({ id: 'H', displayName: 'Held Caller', ended: false, held: true, dateCreated: hoursAgo(0.2) }),
        sessionView({
          id: 'M',
          displayName: 'Missed Caller',
          wasMissed: true,
          ended: true,
          dateCreated: hoursAgo(1),
          dateCompleted: hoursAgo(0.99),
        }),
        sessionView({
          id: 'E',
          displayName: 'Ended Caller',
          ended: true,
          dateCreated: hoursAgo(2),
          answeredAt: hoursAgo(2),
          dateCompleted: new Date(Date.parse(hoursAgo(2)) + 95_000).toISOString(),
        }),
        sessionView({
          id: 'D',
          displayName: 'Declined Caller',
          ended: true,
          dateCreated: hoursAgo(3),
          answeredAt: null,
          dateCompleted: new Date(Date.parse(hoursAgo(3)) + 20_000).toISOString(),
        }),
      ]),
    );
    await history.load(0);
    const row = (name: string) => screen.getByRole('button', { name: new RegExp(name) }).textContent ?? '';
    expect(row('Live Caller')).toContain('In progress');
    expect(row('Held Caller')).toContain('On hold');
    expect(row('Missed Caller')).not.toMatch(/\d+:\d\d\s*$/);
    expect(row('Missed Caller')).not.toContain('00:36');
    expect(row('Ended Caller')).toMatch(/01:35\s*$/);
    // Declined: it rang for 20 s but nobody talked; no duration, as for a missed call.
    expect(row('Declined Caller')).not.toContain('00:20');
  });

  it('shows duration, total hold time and formatted numbers in the detail, and Esc closes it back to the row', async () => {
    const { fake, history, onCallBack } = setup();
    const call = sessionView({
      id: 'A',
      displayName: '+15550100777',
      number: '+15550100777',
      ended: true,
      dateCreated: hoursAgo(1),
      answeredAt: hoursAgo(1),
      dateCompleted: new Date(Date.parse(hoursAgo(1)) + 185_000).toISOString(),
    });
    fake.answer('sessions.history', page([call]));
    fake.answer('sessions.get', {
      ok: true,
      value: { ...call, holdMs: 62_000, log: [{ date: hoursAgo(1), message: 'Incoming call from +15550100777' }] },
    });
    await history.load(0);
    const row = screen.getByRole('button', { name: /\+1 555 010 0777/ });
    await fireEvent.click(row);
    const detail = await screen.findByRole('region', { name: 'Call details' });
    await vi.waitFor(() => expect(detail.textContent).toContain('Incoming call from +1 555 010 0777'));
    const facts = Object.fromEntries([...detail.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(facts).toMatchObject({ Duration: '03:05', 'On hold': '01:02', Number: '+1 555 010 0777' });
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Call details' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Call back' }));
    expect(onCallBack).toHaveBeenCalledWith('+15550100777');
    await fireEvent.keyDown(window, { key: 'Escape' });
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: 'Call details' })).toBeNull());
    await vi.waitFor(() => expect(document.activeElement).toBe(row));
  });

  it("shows the agent's note and outcome in the call's details", async () => {
    const { fake, history } = setup();
    const note = { text: 'Wants the invoice resent', outcome: 'Follow-up needed', savedAt: new Date().toISOString() };
    fake.answer('sessions.history', page([sessionView({ id: 'A', ended: true, note })]));
    fake.answer('sessions.get', { ok: true, value: { ...sessionView({ id: 'A', ended: true, note }), holdMs: 0 } });
    await history.search('invoice');
    await fireEvent.click(await screen.findByRole('button', { name: /Jane Doe/ }));
    const detail = await screen.findByRole('region', { name: 'Call details' });
    await vi.waitFor(() => {
      const facts = Object.fromEntries(
        [...detail.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
      );
      expect(facts).toMatchObject({ Note: 'Wants the invoice resent', Outcome: 'Follow-up needed' });
    });
  });
});

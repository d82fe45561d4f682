import type { Component } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Unmounts what a fresh copy of the testing library rendered (its own cleanup is not registered). */
let cleanup = () => {};

afterEach(() => {
  cleanup();
  cleanup = () => {};
  vi.doUnmock('libphonenumber-js');
  vi.resetModules();
});

/** libphonenumber-js held back until `arrive()`, or failing to load; counts its fetches. */
function mockLibrary(fails = false) {
  let arrive = () => {};
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const fetched = vi.fn();
  vi.resetModules();
  vi.doMock('libphonenumber-js', async () => {
    fetched();
    await arrived;
    if (fails) throw new Error('Failed to fetch dynamically imported module');
    return { ...(await vi.importActual<object>('libphonenumber-js')) };
  });
  return { arrive, fetched };
}

/**
 * Renders a component of the module graph `mockLibrary` has just reset, with that graph's own copy
 * of the testing library (whose cleanup after each test is the one above).
 */
async function renderFresh<Props extends Record<string, unknown>>(component: Promise<{ default: Component<Props> }>, props: Props) {
  const [library, { default: shown }] = await Promise.all([import('@testing-library/svelte'), component]);
  cleanup = library.cleanup;
  library.render(shown, props);
  return library;
}

describe('phone numbers, loaded just after start-up', () => {
  it('is not fetched until asked, shows a number as it came until it arrives, then formats it', async () => {
    const library = mockLibrary();
    const phone = await import('../../../renderer/src/lib/phone-numbers/library.svelte');
    await Promise.resolve();
    expect(library.fetched).not.toHaveBeenCalled();
    const loaded = phone.loadPhoneNumbers();
    expect(phone.phoneNumbers.ready).toBe(false);
    expect(phone.parsePhoneNumberFromString('+15550100199')).toBeUndefined();
    expect(new phone.AsYouType('US').input('5550100199')).toBe('5550100199');
    library.arrive();
    await loaded;
    expect(phone.phoneNumbers.ready).toBe(true);
    expect(phone.parsePhoneNumberFromString('+15550100199')?.formatInternational()).toBe('+1 555 010 0199');
    expect(new phone.AsYouType('US').input('5550100199')).toBe('(555) 010-0199');
    await phone.loadPhoneNumbers();
    expect(library.fetched).toHaveBeenCalledTimes(1);
  });
});

describe('the dialer before libphonenumber-js arrives', () => {
  async function dialer(recent: string[] = []) {
    const onCall = vi.fn();
    const { screen, fireEvent } = await renderFresh(import('../../../renderer/src/lib/components/Dialer.svelte'), {
      recent,
      busy: false,
      error: null,
      onCall,
    });
    return { screen, fireEvent, onCall };
  }

  it('takes typing at once; Call waits for the library, then calls the number in E.164', async () => {
    const library = mockLibrary();
    const { screen, fireEvent, onCall } = await dialer();
    const field = screen.getByLabelText('Number') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: '5550100199' } });
    expect(field.value).toBe('5550100199');
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect((screen.getByRole('button', { name: 'Calling…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(onCall).not.toHaveBeenCalled();
    library.arrive();
    await vi.waitFor(() => expect(onCall).toHaveBeenCalledWith('+15550100199', ''));
    expect(field.value).toBe('(555) 010-0199');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Call' }).tagName).toBe('BUTTON');
  });

  it('shows recent numbers once they can be formatted, never raw first', async () => {
    const library = mockLibrary();
    const { screen } = await dialer(['+15550100123']);
    expect(screen.queryByRole('heading', { name: 'Recent' })).toBeNull();
    expect(screen.queryByText('+15550100123')).toBeNull();
    library.arrive();
    await (await import('../../../renderer/src/lib/phone-numbers/library.svelte')).loadPhoneNumbers();
    expect((await screen.findByRole('button', { name: '+1 555 010 0123' })).tagName).toBe('BUTTON');
  });

  it('calls what the field says once the library is there, an edit made meanwhile included', async () => {
    const library = mockLibrary();
    const { screen, fireEvent, onCall } = await dialer();
    const field = screen.getByLabelText('Number') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: '5550100199' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    await fireEvent.input(field, { target: { value: '2125550143' } });
    library.arrive();
    await vi.waitFor(() => expect(onCall).toHaveBeenCalledTimes(1));
    expect(onCall).toHaveBeenCalledWith('+12125550143', '');
  });

  it('says why it cannot call when the library fails to load, and keeps the number', async () => {
    const library = mockLibrary(true);
    const { screen, fireEvent, onCall } = await dialer();
    await fireEvent.input(screen.getByLabelText('Number'), { target: { value: '5550100199' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    library.arrive();
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Evo Softphone couldn't load its phone-number rules, so it can't read this number. Restart Evo Softphone.",
    );
    expect(onCall).not.toHaveBeenCalled();
    expect((screen.getByLabelText('Number') as HTMLInputElement).value).toBe('5550100199');
    expect((screen.getByRole('button', { name: 'Call' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('numbers on screen before libphonenumber-js arrives', () => {
  it('history rows show each number as it came, then formatted everywhere once it arrives, and once a row', async () => {
    const library = mockLibrary();
    const [{ HistoryState }, support] = await Promise.all([
      import('../../../renderer/src/lib/state/history.svelte'),
      import('../../support/fake-softphone'),
    ]);
    const fake = support.fakeSoftphone();
    const nameless = support.sessionView({ id: 'A', displayName: '+15550100199', number: '+15550100199', ended: true });
    const named = support.sessionView({ id: 'B', displayName: 'Jane Doe', number: '+15550100123', ended: true });
    fake.answer('sessions.history', { ok: true, value: { items: [nameless, named], page: 0, hasMore: false, source: 'cache' } });
    const history = new HistoryState(fake.api);
    const { screen } = await renderFresh(import('../../../renderer/src/lib/components/History.svelte'), {
      history,
      now: Date.now(),
      onCallBack: vi.fn(),
    });
    await history.load(0);
    const [first, second] = (await screen.findAllByRole('listitem')).map((row) => ({
      name: () => row.querySelector('.name')!.textContent,
      line: () => row.querySelector('.who .small')!.textContent,
    }));
    expect([first!.name(), first!.line(), second!.name(), second!.line()]).toEqual([
      '+15550100199',
      'incoming',
      'Jane Doe',
      '+15550100123 · incoming',
    ]);
    library.arrive();
    const phone = await import('../../../renderer/src/lib/phone-numbers/library.svelte');
    await phone.loadPhoneNumbers();
    await vi.waitFor(() => expect(first!.name()).toBe('+1 555 010 0199'));
    expect([first!.line(), second!.line()]).toEqual(['incoming', '+1 555 010 0123 · incoming']);
  });
});

describe('the transfer form before libphonenumber-js arrives', () => {
  async function form() {
    const transfer = vi.fn();
    const consult = vi.fn();
    const { screen, fireEvent } = await renderFresh(import('../../../renderer/src/lib/components/DestinationForm.svelte'), {
      label: 'Transfer to',
      busy: false,
      actions: [
        { label: 'Transfer now', busyLabel: 'Transferring…', pending: false, run: transfer },
        { label: 'Consult first', busyLabel: 'Holding…', pending: false, run: consult },
      ],
    });
    return { screen, fireEvent, transfer, consult };
  }

  it('sends one transfer however often it is pressed meanwhile, and says it is on its way', async () => {
    const library = mockLibrary();
    const { screen, fireEvent, transfer, consult } = await form();
    await fireEvent.input(screen.getByLabelText('Transfer to'), { target: { value: '212 555 0143' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Transfer now' }));
    const pressed = screen.getByRole('button', { name: 'Transferring…' }) as HTMLButtonElement;
    expect(pressed.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Consult first' }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.submit(pressed.form!);
    await fireEvent.click(screen.getByRole('button', { name: 'Consult first' }));
    library.arrive();
    await vi.waitFor(() => expect(transfer).toHaveBeenCalledWith('+12125550143'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transfer).toHaveBeenCalledTimes(1);
    expect(consult).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Transfer now' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('refuses an extension instead of dropping it, and sends nothing', async () => {
    const library = mockLibrary();
    library.arrive();
    const { screen, fireEvent, transfer } = await form();
    await fireEvent.input(screen.getByLabelText('Transfer to'), { target: { value: '212 555 0143 x12' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Transfer now' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Only a number can go here: remove the extension or pauses after it, and dial them on the keypad once connected.',
    );
    expect(transfer).not.toHaveBeenCalled();
    expect((screen.getByLabelText('Transfer to') as HTMLInputElement).value).toBe('212 555 0143 x12');
  });
});

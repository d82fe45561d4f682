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

describe('phone numbers, loaded just after start-up', () => {
  it('is not fetched until asked, shows a number as it came until it arrives, then formats it', async () => {
    const library = mockLibrary();
    const phone = await import('../../renderer/src/lib/phone-numbers.svelte');
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
  async function dialer() {
    const [{ render, screen, fireEvent, cleanup: unmount }, { default: Dialer }] = await Promise.all([
      import('@testing-library/svelte'),
      import('../../renderer/src/lib/components/Dialer.svelte'),
    ]);
    const onCall = vi.fn();
    cleanup = unmount;
    render(Dialer, { recent: [], busy: false, error: null, onCall });
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

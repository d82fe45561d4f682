import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('libphonenumber-js');
  vi.resetModules();
});

describe('phone numbers, loaded just after start-up', () => {
  it('shows a number as it came until libphonenumber-js arrives, then formats it', async () => {
    vi.resetModules();
    let arrive = () => {};
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    vi.doMock('libphonenumber-js', async () => {
      await arrived;
      return { ...(await vi.importActual<object>('libphonenumber-js')) };
    });
    const phone = await import('../../renderer/src/lib/phone-numbers.svelte');
    expect(phone.phoneNumbers.ready).toBe(false);
    expect(phone.parsePhoneNumberFromString('+15550100199')).toBeUndefined();
    expect(new phone.AsYouType('US').input('5550100199')).toBe('5550100199');
    arrive();
    await phone.phoneNumbersLoaded;
    expect(phone.phoneNumbers.ready).toBe(true);
    expect(phone.parsePhoneNumberFromString('+15550100199')?.formatInternational()).toBe('+1 555 010 0199');
    expect(new phone.AsYouType('US').input('5550100199')).toBe('(555) 010-0199');
  });
});

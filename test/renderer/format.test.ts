import { describe, expect, it } from 'vitest';
import { dialString, formatDialInput } from '../../renderer/src/lib/phone-numbers/dial-input';
import { formatDuration } from '../../electron/shared/format-duration';
import { formatPhone, partyName } from '../../renderer/src/lib/phone-numbers/display';

describe('phone numbers as the agent reads them', () => {
  it('formats what libphonenumber understands, and shows the rest as it came', () => {
    expect(formatPhone('+15550100199')).toBe('+1 555 010 0199');
    expect(formatPhone('+447700900123')).toBe('+44 7700 900123');
    expect(formatPhone('*72')).toBe('*72');
    expect(formatPhone('client:dana.agent')).toBe('client:dana.agent');
  });

  it('names the other party, or shows their number when Evo knows no name', () => {
    expect(partyName({ displayName: 'Jane Doe', number: '+15550100199' })).toBe('Jane Doe');
    expect(partyName({ displayName: '+15550100199', number: '+15550100199' })).toBe('+1 555 010 0199');
    expect(partyName({ displayName: '', number: '+15550100199' })).toBe('+1 555 010 0199');
  });
});

describe('the dialer field', () => {
  it('formats a North American number as it is typed or pasted', () => {
    expect(formatDialInput('5550100199')).toBe('(555) 010-0199');
    expect(formatDialInput('tel: 555.010.0199')).toBe('(555) 010-0199');
    expect(formatDialInput('+44 7700 900123')).toBe('+44 7700 900123');
  });

  it('keeps star codes as digits and signs only', () => {
    expect(formatDialInput('*72 (555)')).toBe('*72555');
    expect(formatDialInput('#31#')).toBe('#31#');
  });

  it('sends E.164 when the number parses', () => {
    expect(dialString('(555) 010-0199')).toMatchObject({ ok: true, value: '+15550100199' });
    expect(dialString(' +44 7700 900123 ')).toMatchObject({ ok: true, value: '+447700900123' });
  });

  it('sends short codes and star codes as they are', () => {
    expect(dialString('411')).toMatchObject({ ok: true, value: '411' });
    expect(dialString('*72')).toMatchObject({ ok: true, value: '*72' });
  });

  it('says why it will not dial', () => {
    expect(dialString('  ')).toEqual({ ok: false, message: 'Enter a number to call.' });
    expect(dialString('12')).toEqual({ ok: false, message: '"12" doesn\'t look like a phone number.' });
    expect(dialString('call me')).toMatchObject({ ok: false });
  });
});

describe('times', () => {
  it('shows call and hold durations as mm:ss, and h:mm:ss past an hour', () => {
    expect(formatDuration(92_000)).toBe('01:32');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5_000)).toBe('00:00');
  });
});

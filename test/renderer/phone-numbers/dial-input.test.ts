import { describe, expect, it } from 'vitest';
import { dialPreview, dialString, formatDialInput } from '../../../renderer/src/lib/phone-numbers/dial-input';
import { postDialDigits, splitDialInput } from '../../../electron/shared/destination';

describe('reading what the agent types into the dialer', () => {
  it.each([
    ['1-800-FLOWERS', '+18003569377', ''],
    ['1 800 GO FEDEX', '+18004633339', ''],
    ['(555) 010-0199 x12', '+15550100199', ',12'],
    ['555-010-0199 ext. 12', '+15550100199', ',12'],
    ['+15550100199;ext=12', '+15550100199', ',12'],
    ['555 010 0199,,123#', '+15550100199', ',,123#'],
    ['0044 7700 900123', '+447700900123', ''],
    ['011 44 7700 900123', '+447700900123', ''],
    ['911', '911', ''],
    ['*72', '*72', ''],
    ['*72 555 010 0199', '*725550100199', ''],
    ['tel:+1-555-010-0199', '+15550100199', ''],
  ])('dials %s as %s, then %s', (typed, number, postDial) => {
    expect(dialString(typed)).toEqual({ ok: true, value: number, postDial });
  });

  it('refuses what is not a number, saying what was typed', () => {
    expect(dialString('')).toEqual({ ok: false, message: 'Enter a number to call.' });
    expect(dialString('12')).toMatchObject({ ok: false, message: '"12" doesn\'t look like a phone number.' });
    expect(dialString('hello')).toMatchObject({ ok: false });
  });

  it('keeps a vanity word that starts with x as part of the number, not an extension', () => {
    expect(splitDialInput('1-800-XFINITY')).toEqual({ main: '1-800-XFINITY', suffix: '' });
    expect(dialString('1-800-XFINITY')).toEqual({ ok: true, value: '+18009346489', postDial: '' });
  });

  it('formats as the agent types, but not short codes as area codes', () => {
    expect(formatDialInput('911')).toBe('911');
    expect(formatDialInput('*72')).toBe('*72');
    expect(formatDialInput('5550100199')).toBe('(555) 010-0199');
    expect(formatDialInput('tel 555.010.0199 ')).toBe('(555) 010-0199');
    expect(formatDialInput('00447700900123')).toBe('+44 7700 900123');
  });

  it('keeps letters, extensions and pauses in the field while they are typed', () => {
    expect(formatDialInput('1-800-FLOWERS')).toBe('1-800-FLOWERS');
    expect(formatDialInput('5550100199 x')).toBe('(555) 010-0199 x');
    expect(formatDialInput('5550100199 x12')).toBe('(555) 010-0199 x12');
    expect(formatDialInput('5550100199;ext=')).toBe('(555) 010-0199 ;ext=');
    expect(formatDialInput('5550100199,,1')).toBe('(555) 010-0199 ,,1');
    // Formatting what is already formatted changes nothing (the field is reformatted on every key).
    for (const text of ['(555) 010-0199 x12', '+44 7700 900123', '1-800-FLOWERS', '(555) 010-0199 ,,1']) {
      expect(formatDialInput(text)).toBe(text);
    }
  });

  it('turns an extension into a pause and its digits', () => {
    expect(postDialDigits('x12')).toBe(',12');
    expect(postDialDigits(';ext=12')).toBe(',12');
    expect(postDialDigits(',,3#')).toBe(',,3#');
  });

  it('previews what a rewritten number really dials', () => {
    expect(dialPreview('1-800-FLOWERS')).toBe('Calls +1 800 356 9377');
    expect(dialPreview('(555) 010-0199 x12')).toBe('Calls +1 555 010 0199, then dials 12 after a 2-second pause once connected');
    expect(dialPreview('(555) 010-0199')).toBeNull();
    expect(dialPreview('12')).toBeNull();
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

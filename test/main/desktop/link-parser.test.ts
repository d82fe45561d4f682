import { describe, expect, it } from 'vitest';
import { asciiDigits, linkFromArgv, parseCallLink } from '../../../electron/main/desktop/link-parser';

describe('tel: and callto: links', () => {
  it.each([
    ['tel:+15550100199', '+15550100199', null],
    ['TEL:+1-555-010-0199', '+15550100199', null],
    ['tel:+1 (555) 010-0199;ext=12', '+15550100199', '12'],
    ['tel:+1%20(555)%20010-0199', '+15550100199', null],
    ['callto:+447700900123', '+447700900123', null],
    ['callto://+447700900123', '+447700900123', null],
    ['tel:555.010.0199', '+15550100199', null],
    ['tel:5550100199;phone-context=example.com', '+15550100199', null],
    ['tel:\uff0b\uff11\uff15\uff15\uff15\uff10\uff11\uff10\uff10\uff11\uff19\uff19', '+15550100199', null],
    ['tel:+١٥٥٥٠١٠٠١٩٩', '+15550100199', null],
    ['tel:*72', '*72', null],
    ['tel:911', '911', null],
  ])('accepts %s as %s', (link, number, extension) => {
    expect(parseCallLink(link)).toEqual({ ok: true, number, extension });
  });

  it.each([
    ['https://evil.example/tel:+15550100199'],
    ['javascript:alert(1)//tel:+1555'],
    ['sip:+15550100199@example.com'],
    ['file:///etc/passwd'],
    ['tel:'],
    ['tel:12'],
    ['tel:hello'],
    ['tel:+1555abc0199'],
    ['tel:%E0%A4%A'],
    ['tel:+1' + '5'.repeat(10_000)],
    ['x'.repeat(10 * 1024)],
    ['tel:+1555\u0000199'],
    ['tel:<script>alert(1)</script>'],
  ])('refuses %s', (link) => {
    const result = parseCallLink(link);
    expect(result.ok).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['tel:+15550100199']]) expect(parseCallLink(value).ok).toBe(false);
  });

  it('maps Unicode digits of any script to ASCII', () => {
    expect(asciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(asciiDigits('०१२')).toBe('012');
    expect(asciiDigits('𝟘𝟙𝟚 𝟬𝟭')).toBe('012 01');
  });

  it('finds the link among command-line arguments', () => {
    expect(linkFromArgv(['/opt/evo/evo-softphone', '--flag', 'tel:+15550100199'])).toBe('tel:+15550100199');
    expect(linkFromArgv(['/opt/evo/evo-softphone', 'https://x'])).toBeNull();
  });
});

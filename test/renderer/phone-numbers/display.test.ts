import { describe, expect, it } from 'vitest';
import { formatPhone, partyName } from '../../../renderer/src/lib/phone-numbers/display';

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

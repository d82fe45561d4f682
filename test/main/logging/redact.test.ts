import { describe, expect, it } from 'vitest';
import { redact, redactValue } from '../../../electron/main/logging/redact';
import { createConsoleLogger } from '../../../electron/main/logging/console-logger';

const jwt =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0.eyJqdGkiOiJTSy1zaW0iLCJncmFudHMiOnt9fQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

const corpus: [string, string[]][] = [
  ['POST /auth/credentials {"userName":"dana@example.com","password":"hunter2!"}', ['hunter2!']],
  ['password=s3cr3t&remember=true', ['s3cr3t']],
  ['Cookie: ss-id=AbCdEf123; ss-pid=ZyXw987; ss-opt=perm', ['AbCdEf123', 'ZyXw987']],
  ['set-cookie: ss-id=Q1w2E3r4; path=/; httponly', ['Q1w2E3r4']],
  ['retrying with ss-pid=PermanentToken55 after 401', ['PermanentToken55']],
  ['Authorization: Bearer abc.def-ghi_jkl', ['abc.def-ghi_jkl']],
  ['Authorization: Basic ZGFuYUBleGFtcGxlLmNvbTpodW50ZXIy', ['ZGFuYUBleGFtcGxlLmNvbTpodW50ZXIy']],
  [`voice token ${jwt} refreshed`, [jwt, jwt.split('.')[1]!]],
  [`{"accessToken":"${jwt}","identity":"dana"}`, [jwt]],
  ['calling +1 (555) 010-0199 now', ['555', '010-0199']],
  ['caller +15550100199 held', ['5550100199']],
  ['transfer to 020 7946 0958', ['7946']],
  ['server https://dana:pa55@evovoice.io/api', ['pa55']],
];

describe('log redaction', () => {
  it.each(corpus)('removes every secret from %s', (line, secrets) => {
    const clean = redact(line);
    for (const secret of secrets) expect(clean).not.toContain(secret);
  });

  it('keeps the last two digits of a phone number, and what is not secret', () => {
    expect(redact('calling +15550100199')).toBe('calling +•••••••••99');
    expect(redact('session SE1234567890 at 2026-11-24T10:00:00.000Z took 1234 ms on port 51999')).toBe(
      'session SE1234567890 at 2026-11-24T10:00:00.000Z took 1234 ms on port 51999',
    );
  });

  it('redacts objects and errors too', () => {
    expect(JSON.stringify(redactValue({ password: 'hunter2', nested: { cookie: 'ss-id=abc' } }))).not.toMatch(/hunter2|abc/);
    expect(redactValue(new Error('failed for +15550100199'))).toBe('Error: failed for +•••••••••99');
  });

  it('is applied by the console logger', () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      createConsoleLogger().warn('sign-in failed password=hunter2 for +15550100199', { token: jwt });
    } finally {
      process.stderr.write = write;
    }
    expect(lines.join('')).not.toMatch(/hunter2|5550100199|eyJ/);
  });
});

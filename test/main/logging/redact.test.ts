/**
 * The redaction filter, table-driven: every leak probe must lose its secret, and every
 * must-not-mask line must come out exactly as it went in. Both columns are needed: a filter that
 * masks everything passes the first, one that masks nothing passes the second.
 */
import { describe, expect, it } from 'vitest';
import { redact, redactValue } from '../../../electron/main/logging/redact';
import { createConsoleLogger } from '../../../electron/main/logging/console-logger';

const jwt =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0.eyJqdGkiOiJTSy1zaW0iLCJncmFudHMiOnt9fQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

/** [what it is, the line, the secrets that must not survive] */
const leaks: [string, string, string[]][] = [
  // Passwords, in every spelling.
  ['JSON password', 'POST /auth/credentials {"userName":"dana@example.com","password":"hunter2!"}', ['hunter2!']],
  ['form password', 'password=s3cr3t&remember=true', ['s3cr3t']],
  ['pass=', 'pass=s3cr3t&user=dana', ['s3cr3t']],
  ['pwd:', 'pwd: letmein99', ['letmein99']],
  ['passwd=', 'passwd=abc123xyz', ['abc123xyz']],
  ['capitalised JSON key', '{"Password":"Tr0ub4dor&3"}', ['Tr0ub4dor&3']],
  ['quoted password with spaces', '{"password":"correct horse battery staple"}', ['correct', 'horse', 'battery', 'staple']],
  ['unquoted password with spaces', 'sign-in with password=correct horse battery staple', ['correct', 'horse', 'battery', 'staple']],
  ['password: with spaces', 'Password: open sesame now', ['open', 'sesame']],
  ['passphrase', 'passphrase=little bobby tables', ['bobby', 'tables']],
  ['escaped quote in a password', '{"password":"a\\"b\\"c-x9"}', ['c-x9', 'a\\"b']],
  ['client_secret', '"client_secret": "cs-123-abc"', ['cs-123-abc']],
  ['apiKey', 'apiKey=AKIA1234SECRET', ['AKIA1234SECRET']],
  // Unquoted secrets keep no tail: a comma or semicolon is part of the secret unless a field follows.
  ['password: with a semicolon tail', 'password: hunter2;x', ['hunter2', ';x']],
  ['password= with a comma tail', 'password=abc,def', ['abc', ',def', 'def']],
  ['token with a semicolon inside', 'token=a1b2;c3d4 sent', ['a1b2', 'c3d4']],
  ['secret with a closing brace inside', 'secret=ab}cd9', ['ab}', 'cd9']],
  // Vendor credential headers.
  ['X-Api-Key header', 'X-Api-Key: 9f8e7d6c5b4a', ['9f8e7d6c5b4a']],
  ['x-api-key, lowercase', 'x-api-key: lower-key-1', ['lower-key-1']],
  ['X-Auth-Token header', 'X-Auth-Token: tok_55aa66bb', ['tok_55aa66bb']],
  ['X-Amz-Security-Token header', 'X-Amz-Security-Token: FwoGZXIvYXdzEJr', ['FwoGZXIvYXdzEJr']],
  ['X-Api-Key in JSON headers', '{"X-Api-Key":"json-key-77","Accept":"application/json"}', ['json-key-77']],
  ['Api-Key header', 'Api-Key: bare-key-88', ['bare-key-88']],
  // ServiceStack session cookies and the sign-in's sessionId (it is the cookie).
  ['Cookie header', 'Cookie: ss-id=AbCdEf123; ss-pid=ZyXw987; ss-opt=perm', ['AbCdEf123', 'ZyXw987']],
  ['Set-Cookie header', 'set-cookie: ss-id=Q1w2E3r4; path=/; httponly', ['Q1w2E3r4']],
  ["any cookie, not only ServiceStack's", 'Cookie: __cf_bm=CloudflareSecret1; lb=Sticky2x', ['CloudflareSecret1', 'Sticky2x']],
  ['Digest authorization', 'Authorization: Digest username="dana", response="6629fae49393a05397450978507c4ef1"', ['dana', '6629fae4939']],
  ['Proxy-Authorization', 'Proxy-Authorization: Negotiate YIICpgYGKwYBBQUC', ['YIICpgYGKwYBBQUC']],
  ['ss-pid in text', 'retrying with ss-pid=PermanentToken55 after 401', ['PermanentToken55']],
  ['ss-id in JSON', '{"ss-id":"JsonCookie99","x":1}', ['JsonCookie99']],
  ['ss-id header form', 'ss-id: HeaderForm77', ['HeaderForm77']],
  ['ss-pid spaced', 'ss-pid : "SpacedValue88"', ['SpacedValue88']],
  ['AuthenticateResponse.sessionId', '{"userId":"usr-1","sessionId":"Xk29aPq7LmN0vB3c","userName":"dana"}', ['Xk29aPq7LmN0vB3c']],
  ['sessionId=', 'sessionId=Yb38cQr8MnO1wC4d', ['Yb38cQr8MnO1wC4d']],
  // Authorization, any case, any scheme.
  ['Bearer', 'Authorization: Bearer abc.def-ghi_jkl', ['abc.def-ghi_jkl']],
  ['lowercase bearer', 'authorization: bearer lowercasetoken123', ['lowercasetoken123']],
  ['uppercase BEARER', 'AUTHORIZATION: BEARER UPPERTOKEN456', ['UPPERTOKEN456']],
  ['Basic', 'Authorization: Basic ZGFuYUBleGFtcGxlLmNvbTpodW50ZXIy', ['ZGFuYUBleGFtcGxlLmNvbTpodW50ZXIy']],
  ['bearer in prose', 'replayed the request with bearer xYz123abc', ['xYz123abc']],
  ['JSON authorization, other scheme', '{"authorization":"Token abcdef0123456789"}', ['abcdef0123456789']],
  ['bearerToken', '{"bearerToken":"bt-secret-1"}', ['bt-secret-1']],
  ['refreshToken', '{"refreshToken":"rt-secret-2"}', ['rt-secret-2']],
  // Twilio access tokens and URL credentials.
  ['JWT in prose', `voice token ${jwt} refreshed`, [jwt, jwt.split('.')[1]!]],
  ['JWT in JSON', `{"accessToken":"${jwt}","identity":"dana"}`, [jwt]],
  ['user:password@ in a URL', 'server https://dana:pa55word@evovoice.io/api', ['pa55word']],
  ['URL credentials with a space', 'server https://dana:pa55 word@evovoice.io/api', ['pa55', 'word@', 'dana']],
  ['URL credentials with spaces, in prose', 'tried https://dana:open sesame now@team.evovoice.io then gave up', ['open', 'sesame', 'now@']],
  // Phone numbers: all but the last two digits.
  ['formatted US number', 'calling +1 (555) 010-0199 now', ['555', '010-01']],
  ['E.164', 'caller +15550100199 held', ['55501001']],
  ['UK national', 'transfer to 020 7946 0958', ['7946']],
  ['UK mobile', '+44 7700 900123', ['7700', '9001']],
  ['dotted', 'dial 555.010.0199', ['555.010.01']],
  ['number as a JSON string', '{"fromAddress":"+15550100199"}', ['55501001']],
  ['number as a JSON value', '{"number":15550100199}', ['55501001']],
  ['query string', 'to=15550100199&from=15550100123', ['55501001']],
  ['tel: link', 'link tel:+15550100199 opened', ['55501001']],
  ['callto: link', 'link callto://+15550100199', ['55501001']],
  ['ext with spaces', '+1 555 010 0199 ext 123', ['010 01', ' 123']],
  ['x extension', '+15550100199x123', ['55501001', 'x123']],
  ['ext. glued', '5550100199ext.12', ['55501001', '.12']],
  ['16 digits', 'fax +4930123456789012', ['30123456789']],
  ['20 digits', 'number 12345678901234567890', ['1234567890123456']],
  ['Arabic-Indic digits', 'caller ٥٥٥٠١٠٠١٩٩', ['٥٥٥٠١٠٠١']],
  ['fullwidth digits', 'caller ＋１５５５０１００１９９', ['１５５５０１００１']],
  ['Devanagari digits', 'caller ५५५०१००१९९', ['५५५०१००१']],
];

/** Lines that must come out exactly as they went in. */
const keep: [string, string][] = [
  ['a session id', 'session SE1234567890 took 1234 ms'],
  ['an ISO timestamp', 'at 2026-11-24T10:00:00.000Z'],
  ['a date and time', '2026-11-24 10:00:00'],
  ['a duration in ms', 'duration 1234567 ms'],
  ['a glued duration', 'took 12345678ms'],
  ['a duration field', 'elapsed=1234567ms'],
  ['seconds', 'retried after 1200000 s'],
  ['a byte size', 'size 4194304 bytes'],
  ['MiB', 'heap grew 1048576 MiB'],
  ['a Chrome version', 'Chrome 142.0.7444.59'],
  ['versions', 'Electron 39.8.10 · Chrome 142.0.7444.59 · Node 20.19.43'],
  ['a four-part version', 'build 2026.11.24.1234567'],
  ['a semver with prerelease', 'version 1.2.3-beta.4'],
  ['an address and port', 'listening on http://127.0.0.1:51999'],
  ['an IP', 'from 192.168.100.200'],
  ['epoch ms under a time key', '{"createdMs":1764000000000,"dateCreated":"2026-11-24T10:00:00.000Z"}'],
  ['snake_case time key', 'started_ms=1764000000000'],
  ['a size key', '{"heapBytes":57148000}'],
  ['a CallSid', 'leg CA0123456789abcdef0123456789abcdef'],
  ['a UUID', 'request 550e8400-e29b-41d4-a716-446655440000'],
  ['an error code', 'sessions.hold failed: EVO_TIMEOUT (retryable)'],
  ['retry counts', 'retry 3 of 4 after 300 ms'],
  ['a decimal', 'hold round trip 1257.123456 ms'],
  ['a clock time', 'at 10:00:00.123'],
  ['a call timer', 'on hold for 00:01:32'],
  ['thousands separators', '1,234,567 rows upserted'],
  ['the word password without a value', 'password reset link sent'],
  ['diagnostics line', 'Password remembered: yes · secure storage: available'],
  ['diagnostics phone state', 'Evo connection: online · phone: registered'],
  ['Basic as a word', 'Basic troubleshooting steps'],
  ['a short number', 'extension 4412 rang'],
  ['a log file', 'logs in /tmp/evo-softphone-2026-11-24.log'],
  ['an x- header that is no credential', 'X-Request-Id: 550e8400-e29b-41d4-a716-446655440000'],
  ['Retry-After header', 'Retry-After: 120'],
  ['a URL with a port and an address later', 'server http://127.0.0.1:51999/sessions for dana@example.com'],
];

describe('log redaction', () => {
  it('has at least 60 cases, leaks and must-not-mask both', () => {
    expect(leaks.length + keep.length).toBeGreaterThanOrEqual(60);
    expect(keep.length).toBeGreaterThanOrEqual(25);
  });

  it.each(leaks)('removes the secret: %s', (_what, line, secrets) => {
    const clean = redact(line);
    for (const secret of secrets) expect(clean).not.toContain(secret);
    expect(clean.length).toBeGreaterThan(0);
  });

  it.each(keep)('leaves alone: %s', (_what, line) => {
    expect(redact(line)).toBe(line);
  });

  it.each([
    ['calling +15550100199', 'calling +•••••••••99'],
    ['calling +1 (555) 010-0199 now', 'calling +•••••••••99 now'],
    ['caller ٥٥٥٠١٠٠١٩٩', 'caller ••••••••١٩٩'.replace('١٩٩', '٩٩')],
    ['Authorization: Bearer abc.def', 'Authorization: [redacted]'],
    ['password=s3cr3t&remember=true', 'password=[redacted]&remember=true'],
    ['password: hunter2;x', 'password: [redacted]'],
    ['password=abc,def', 'password=[redacted]'],
    ['pwd=abc; user=dana', 'pwd=[redacted]; user=dana'],
    ['{"token":12345,"x":1}', '{"token":"[redacted]","x":1}'],
    ['X-Api-Key: 9f8e7d6c5b4a', 'X-Api-Key: [redacted]'],
    ['https://dana:pa55 word@evovoice.io/api', 'https://[redacted]@evovoice.io/api'],
    ['{"sessionId":"Xk29aPq7","userName":"dana"}', '{"sessionId":"[redacted]","userName":"dana"}'],
  ])('masks %j as %j', (line, expected) => {
    expect(redact(line)).toBe(expected);
  });

  describe('objects, as the loggers pass their fields', () => {
    it('masks a password key and keeps the rest of the record', () => {
      expect(redactValue({ password: 'hunter2', user: 'dana', attempts: 2 })).toEqual({
        password: '[redacted]',
        user: 'dana',
        attempts: 2,
      });
    });

    it('walks nested objects and arrays, by key', () => {
      expect(redactValue({ nested: { cookie: 'ss-id=abc', list: [{ token: 'x1' }, 'call +15550100199'] }, count: 3 })).toEqual({
        nested: { cookie: '[redacted]', list: [{ token: '[redacted]' }, 'call +•••••••••99'] },
        count: 3,
      });
    });

    it('masks phone numbers given as numbers, not times or sizes', () => {
      expect(redactValue({ to: 15550100199, createdMs: 1764000000000, heapBytes: 57148000, failures: 3 })).toEqual({
        to: '•••••••••99',
        createdMs: 1764000000000,
        heapBytes: 57148000,
        failures: 3,
      });
    });

    it('redacts errors and survives cycles', () => {
      expect(redactValue(new Error('failed for +15550100199'))).toBe('Error: failed for +•••••••••99');
      const cyclic: Record<string, unknown> = { password: 'p' };
      cyclic.self = cyclic;
      expect(redactValue(cyclic)).toEqual({ password: '[redacted]', self: '[circular]' });
    });
  });

  it('is applied by the console logger', () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      createConsoleLogger().warn('sign-in failed password=hunter2 for +15550100199', { token: jwt, sessionId: 'Xk29aPq7' });
    } finally {
      process.stderr.write = write;
    }
    expect(lines.join('')).not.toMatch(/hunter2|5550100199|eyJ|Xk29aPq7/);
  });
});

import { describe, expect, it } from 'vitest';
import { SessionCookies } from '../../../electron/main/evo/session-cookies';
import { FakeClock } from '../../support/clock';

const answer = (...setCookie: string[]) => setCookie;

const EVO = 'https://evovoice.io';

describe('Evo sign-in cookies (tough-cookie, RFC 6265, in memory)', () => {
  it('sends back what the server set, to that server only', () => {
    const jar = new SessionCookies(new FakeClock().now);
    jar.absorb(`${EVO}/auth/credentials`, answer('ss-id=abc; path=/; httponly', 'ss-pid=def; path=/; httponly', 'ss-opt=perm; path=/'));
    expect(jar.header(`${EVO}/sessions/active`)).toBe('ss-id=abc; ss-pid=def; ss-opt=perm');
    expect(jar.header('https://team.evovoice.io/sessions/active')).toBeNull();
    expect(jar.header('https://evil.example/sessions/active')).toBeNull();
  });

  it('respects Path', () => {
    const jar = new SessionCookies(new FakeClock().now);
    jar.absorb(`${EVO}/app/config`, answer('app=1; Path=/app', 'all=2; Path=/'));
    expect(jar.header(`${EVO}/app/config`)).toBe('app=1; all=2');
    expect(jar.header(`${EVO}/sessions/active`)).toBe('all=2');
  });

  it('respects Domain: a cookie for another site is refused, one for the parent domain is shared', () => {
    const jar = new SessionCookies(new FakeClock().now);
    jar.absorb(`${EVO}/auth/credentials`, answer('stolen=1; Domain=evil.example; Path=/', 'shared=2; Domain=evovoice.io; Path=/'));
    expect(jar.header('https://evil.example/')).toBeNull();
    expect(jar.header(`${EVO}/`)).toBe('shared=2');
    expect(jar.header('https://team.evovoice.io/')).toBe('shared=2');
  });

  it('a Secure cookie never goes over plain http (loopback excepted, as browsers do)', () => {
    const jar = new SessionCookies(new FakeClock().now);
    jar.absorb('https://evovoice.io/', answer('s=1; Secure; Path=/'));
    expect(jar.header('http://evovoice.io/')).toBeNull();
    expect(jar.header('https://evovoice.io/')).toBe('s=1');
  });

  it('drops cookies when they expire by Max-Age or Expires, judged by the injected clock', () => {
    const clock = new FakeClock();
    const jar = new SessionCookies(clock.now);
    const inOneHour = new Date(clock.now() + 3600_000).toUTCString();
    jar.absorb(`${EVO}/`, answer('short=1; Max-Age=60; Path=/', `hour=2; Expires=${inOneHour}; Path=/`, 'session=3; Path=/'));
    expect(jar.header(`${EVO}/`)).toBe('short=1; hour=2; session=3');
    clock.advance(30_000);
    // Reading does not extend a Max-Age: it counts from when the cookie arrived.
    expect(jar.header(`${EVO}/`)).toBe('short=1; hour=2; session=3');
    clock.advance(31_000);
    expect(jar.header(`${EVO}/`)).toBe('hour=2; session=3');
    clock.advance(3600_000);
    expect(jar.header(`${EVO}/`)).toBe('session=3');
  });

  it('a Max-Age of 0 or an empty value forgets the cookie (ServiceStack logout)', () => {
    const jar = new SessionCookies(new FakeClock().now);
    jar.absorb(`${EVO}/`, answer('ss-id=abc; path=/', 'ss-pid=def; path=/'));
    jar.absorb(`${EVO}/auth/logout`, answer('ss-id=; max-age=0; path=/', 'ss-pid=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'));
    expect(jar.header(`${EVO}/`)).toBeNull();
  });

  it('does not grow without bound: past 50 cookies the oldest go', () => {
    const jar = new SessionCookies(new FakeClock().now);
    jar.absorb(`${EVO}/`, answer('ss-id=first; Path=/'));
    for (let i = 0; i < 500; i += 1) jar.absorb(`${EVO}/`, answer(`junk${i}=${'x'.repeat(100)}; Path=/`));
    const sent = jar.header(`${EVO}/`)!.split('; ');
    expect(sent).toHaveLength(50);
    expect(sent).not.toContain('ss-id=first');
    expect(sent).toContain('junk499=' + 'x'.repeat(100));
  });

  it('a cookie the server changes goes out from the very next request, on every path', () => {
    const jar = new SessionCookies(new FakeClock().now);
    jar.absorb(`${EVO}/auth/credentials`, answer('ss-id=abc; Path=/'));
    expect(jar.header(`${EVO}/sessions/s1/hold`)).toBe('ss-id=abc');
    expect(jar.header(`${EVO}/sessions/s1/hold?x=1`)).toBe('ss-id=abc');
    jar.absorb(`${EVO}/sessions/s1/hold`, answer('ss-id=new; Path=/'));
    expect(jar.header(`${EVO}/sessions/s1/hold`)).toBe('ss-id=new');
    // An answer without Set-Cookie changes nothing.
    jar.absorb(`${EVO}/sessions/s1/hold`, answer());
    expect(jar.header(`${EVO}/sessions/s1/hold`)).toBe('ss-id=new');
  });

  it('forgets everything on clear', () => {
    const jar = new SessionCookies(new FakeClock().now);
    jar.absorb(`${EVO}/`, answer('ss-id=abc; Path=/'));
    expect(jar.header(`${EVO}/`)).toBe('ss-id=abc');
    jar.clear();
    expect(jar.header(`${EVO}/`)).toBeNull();
  });
});

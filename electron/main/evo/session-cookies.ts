/**
 * The cookies an Evo server sets (ServiceStack's `ss-id`, `ss-pid`, `ss-opt`), kept in memory only
 * by tough-cookie, which applies RFC 6265: Domain, Path, Secure, host-only cookies. Two things are
 * ours: expiry is judged by the injected clock (tough-cookie reads the system time, and measures
 * Max-Age from the last read, so a polled cookie would never expire), and the jar is bounded.
 */
import { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie';

/** RFC 6265 asks for at least 50 cookies per domain; Evo sets three. */
const MAX_COOKIES = 50;

export class SessionCookies {
  private readonly store = new MemoryCookieStore();
  private readonly jar = new CookieJar(this.store);

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the Set-Cookie lines of an answer from `url`; one for another site is ignored. */
  absorb(url: string | URL, headers: Headers): void {
    const now = this.now();
    for (const line of headers.getSetCookie()) {
      const cookie = Cookie.parse(line);
      if (!cookie) continue;
      // Max-Age counts from now (RFC 6265 5.2.2): fixed here as an absolute expiry.
      if (typeof cookie.maxAge === 'number') {
        cookie.expires = new Date(cookie.maxAge <= 0 ? 0 : now + cookie.maxAge * 1000);
        cookie.maxAge = null;
      }
      this.jar.setCookieSync(cookie, url.toString(), { ignoreError: true, now: new Date(now) });
    }
    this.bound();
  }

  /** The Cookie header for a request to `url`, or null when nothing applies. */
  header(url: string | URL): string | null {
    const now = this.now();
    const live: Cookie[] = [];
    for (const cookie of this.jar.getCookiesSync(url.toString(), { expire: false })) {
      if (cookie.expires instanceof Date && cookie.expires.getTime() <= now) this.remove(cookie);
      else live.push(cookie);
    }
    return live.length > 0 ? live.map((cookie) => cookie.cookieString()).join('; ') : null;
  }

  clear(): void {
    this.jar.removeAllCookiesSync();
  }

  private bound(): void {
    const all = this.all().sort((a, b) => (a.creationIndex ?? 0) - (b.creationIndex ?? 0));
    for (const cookie of all.slice(0, Math.max(0, all.length - MAX_COOKIES))) this.remove(cookie);
  }

  private all(): Cookie[] {
    let cookies: Cookie[] = [];
    // The memory store answers synchronously.
    this.store.getAllCookies((error, found) => {
      if (!error && found) cookies = found;
    });
    return cookies;
  }

  private remove(cookie: Cookie): void {
    this.store.removeCookie(cookie.domain ?? '', cookie.path ?? '', cookie.key, () => undefined);
  }
}

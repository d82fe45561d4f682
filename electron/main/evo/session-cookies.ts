/**
 * The cookies an Evo server sets (ServiceStack's `ss-id`, `ss-pid`, `ss-opt`), kept in memory only
 * by tough-cookie, which applies RFC 6265: Domain, Path, Secure, host-only cookies. Two things are
 * ours: expiry is judged by the injected clock (tough-cookie reads the system time, and measures
 * Max-Age from the last read, so a polled cookie would never expire), and the jar is bounded.
 * Every request asks for its Cookie header, and tough-cookie's matching was the costliest part of
 * a hold in the client: a header is worked out once per path and kept until the jar changes or a
 * cookie in it expires.
 */
import { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie';

/** RFC 6265 asks for at least 50 cookies per domain; Evo sets three. */
const MAX_COOKIES = 50;
/** Evo's routes carry session ids: the kept headers are dropped past this many paths. */
const MAX_KEPT_HEADERS = 32;

interface KeptHeader {
  value: string | null;
  /** The first expiry among its cookies (epoch ms): from then on it is worked out again. */
  until: number;
}

export class SessionCookies {
  private readonly store = new MemoryCookieStore();
  private readonly jar = new CookieJar(this.store);
  private readonly kept = new Map<string, KeptHeader>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the Set-Cookie lines of an answer from `url`; one for another site is ignored. */
  absorb(url: string | URL, setCookieLines: readonly string[]): void {
    if (setCookieLines.length === 0) return;
    this.kept.clear();
    const now = this.now();
    for (const line of setCookieLines) {
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
    const target = typeof url === 'string' ? new URL(url) : url;
    // Query strings play no part in which cookies apply (RFC 6265 5.4).
    const key = `${target.origin}${target.pathname}`;
    const now = this.now();
    const kept = this.kept.get(key);
    if (kept && now < kept.until) return kept.value;
    const live: Cookie[] = [];
    let until = Number.POSITIVE_INFINITY;
    for (const cookie of this.jar.getCookiesSync(target.toString(), { expire: false })) {
      const expires = cookie.expires instanceof Date ? cookie.expires.getTime() : Number.POSITIVE_INFINITY;
      if (expires <= now) {
        this.remove(cookie);
      } else {
        live.push(cookie);
        until = Math.min(until, expires);
      }
    }
    const value = live.length > 0 ? live.map((cookie) => cookie.cookieString()).join('; ') : null;
    if (this.kept.size >= MAX_KEPT_HEADERS) this.kept.clear();
    this.kept.set(key, { value, until });
    return value;
  }

  clear(): void {
    this.kept.clear();
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

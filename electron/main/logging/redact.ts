/**
 * The one redaction filter every log line passes through: passwords, cookies (ServiceStack's
 * `ss-id`/`ss-pid`, and the sign-in's `sessionId`, which is the same value), credentials of any
 * Authorization scheme, Twilio access tokens (JWTs), URL credentials, and all but the last two
 * digits of phone numbers, in any script. Durations, sizes, versions, addresses and dates stay.
 * test/main/logging/redact.test.ts holds the table both ways (leaks and must-not-mask).
 */

/** Field names whose value is a secret wherever they appear: `name=v`, `name: v`, `"name":"v"`. */
const SECRET_NAMES = [
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'client_secret',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'bearerToken',
  'token',
  'apiKey',
  'api_key',
  'sessionId',
  'session_id',
  'ss-id',
  'ss-pid',
  'ss-opt',
];
/** Headers whose whole value is a credential (cookie lists, `Scheme credentials`). */
const HEADER_NAMES = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];
/**
 * Vendor headers that carry a credential under their own name (`X-Api-Key`, `X-Auth-Token`,
 * `X-Amz-Security-Token`): an `x-` name that says key, token, secret, auth, session, password,
 * signature or credential. (A bare `Api-Key` is `apiKey` above.)
 */
const VENDOR_HEADER = String.raw`x-[\w-]*?(?:key|token|secret|auth|session|passw(?:or)?d|signature|credential)[\w-]*`;

const alternatives = (names: string[]) => names.map((name) => name.replace(/[-_]/g, '[-_]?')).join('|');
/** A name standing on its own (not the tail of a longer one), optionally quoted, then `:` or `=`. */
const field = (names: string) => `(?<![\\w-])("?(?:${names})"?\\s*[:=]\\s*)`;
const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
/**
 * An unquoted secret runs to the end of the line or the next `&` (a form or query separator: a
 * secret inside one is percent-encoded). A comma or semicolon ends it only when another field
 * follows (`; user=dana`), never otherwise: `password=abc,def` and `password: hunter2;x` are one
 * secret each, and their tails are part of it.
 */
const UNQUOTED = String.raw`(?:(?![,;]\s*"?[\w-]+"?\s*[:=])[^&\n])+`;

const rules: [RegExp, string][] = [
  // Header values, whole: quoted, or to the end of the line.
  [new RegExp(`${field(alternatives(HEADER_NAMES))}(${QUOTED}|[^\\n]+)`, 'gi'), '$1[redacted]'],
  // Secret fields and vendor credential headers: quoted, or unquoted (a password may hold spaces).
  [new RegExp(`${field(`${alternatives(SECRET_NAMES)}|${VENDOR_HEADER}`)}(${QUOTED}|${UNQUOTED})`, 'gi'), '$1[redacted]'],
  // A credential after its scheme, in prose too; "Basic setup" (no digit or symbol) is a phrase.
  [/\b(bearer|basic|digest|token)\s+(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [redacted]'],
  // JWTs (Twilio access tokens): three base64url parts, the first one a JSON header.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, '[redacted-jwt]'],
  // user:password@ in URLs; a password may hold a space (typed into a server address by hand).
  [/(\/\/)[^/\s:@]+:[^/@\n]{0,200}?@/g, '$1[redacted]@'],
];

/** Restores the quotes a JSON value had, so the line stays readable (`"password":"[redacted]"`). */
const requote = (text: string) => text.replace(/("\s*:\s*)\[redacted\](?=\s*[,}\]])/g, '$1"[redacted]"');

/**
 * Phone-like runs: an optional plus (ASCII or fullwidth), digits of any script with phone
 * punctuation between them, an optional extension; not glued to a word, a path or a version.
 */
const PHONE =
  /(?<![\p{L}\p{Nd}_.\-#@])[+＋]?\p{Nd}(?:[\p{Nd}\s().\-\u00a0]*\p{Nd})?(?:\s*(?:ext\.?|extension|x)\s*\p{Nd}+)?(?![\p{L}\p{Nd}_])/gu;
const DIGIT = /\p{Nd}/gu;
/** A unit right after a number makes it a measure, not a phone number. */
const UNIT_AFTER =
  /^\s?(?:ms|s|sec|secs|seconds|min|minutes|h|hours|days|bytes|B|KB|KiB|MB|MiB|GB|GiB|%|px|rows|times|attempts|payloads|sessions)\b/;
/** A field name before a number that says it is a time, size or count (`createdMs=`, `"heapBytes":`). */
const MEASURE_KEY_BEFORE = /(?:ms|At|Bytes|Size|Count|Port|Pid|Version|Duration|Elapsed|Timestamp|Time|Length|Total)"?\s*[:=]\s*"?$/i;

function maskPhone(match: string, offset: number, text: string): string {
  const [main = match, extension = ''] = match.split(/(?=\s*(?:ext\.?|extension|x)\s*\p{Nd})/u);
  const digits = main.match(DIGIT) ?? [];
  if (digits.length < 7) return match;
  if (isDateVersionOrDecimal(main)) return match;
  if (UNIT_AFTER.test(text.slice(offset + match.length))) return match;
  if (MEASURE_KEY_BEFORE.test(text.slice(Math.max(0, offset - 40), offset))) return match;
  const plus = /^[+＋]/.test(main) ? '+' : '';
  return `${plus}${'•'.repeat(digits.length - 2)}${digits.slice(-2).join('')}${extension.replace(DIGIT, '•')}`;
}

function isDateVersionOrDecimal(run: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}/.test(run)) return true;
  // Four or more dot-separated groups: a version or an address, never a dialled number.
  if (/^\d+(?:\.\d+){3,}$/.test(run)) return true;
  // One dot and nothing else: a decimal number.
  return /^\d+\.\d+$/.test(run);
}

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement);
  return requote(out).replace(PHONE, maskPhone);
}

const normalise = (key: string) => key.toLowerCase().replace(/[-_]/g, '');
const SECRET_KEYS = new Set([...SECRET_NAMES, ...HEADER_NAMES].map(normalise));

/**
 * Redacts any log argument: strings directly, errors by their message, objects field by field
 * (a secret key loses its value, never the whole record).
 */
export function redactValue(value: unknown): unknown {
  return redactField(value, '', new WeakSet());
}

function redactField(value: unknown, key: string, seen: WeakSet<object>): unknown {
  if (SECRET_KEYS.has(normalise(key)) && value !== null && value !== undefined && typeof value !== 'boolean') return '[redacted]';
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    const masked = redact(`${key}=${text}`).slice(key.length + 1);
    return masked === text ? value : masked;
  }
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`);
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactField(item, key, seen));
  return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, redactField(field, name, seen)]));
}

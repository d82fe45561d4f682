/**
 * The one redaction filter every log line passes through: passwords, cookies, bearer and Basic
 * credentials, Twilio access tokens (JWTs) and all but the last two digits of phone numbers.
 */
const rules: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  // JSON or query/form fields whose names say secret.
  [/("?(?:password|passwd|pwd|secret|accessToken|refreshToken|bearerToken|token|apiKey)"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^\s,;&}]+)/gi, '$1[redacted]'],
  // Cookie and Set-Cookie headers, whole.
  [/((?:set-)?cookie"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^\n]+)/gi, '$1[redacted]'],
  // ServiceStack session cookies wherever they appear.
  [/\b(ss-(?:id|pid|opt))=([^;\s,"]+)/gi, '$1=[redacted]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]'],
  // JWTs (Twilio access tokens): three base64url parts, the first one a JSON header.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, '[redacted-jwt]'],
  // user:password@ in URLs.
  [/(\/\/)[^/\s:@]+:[^/\s@]+@/g, '$1[redacted]@'],
];

/** Phone-like runs of 7+ digits, not part of a word or an ISO date. */
const PHONE = /(?<![\w.:/-])\+?\d[\d\s().-]{5,}\d(?![\w:])/g;

function maskPhone(match: string): string {
  if (/^\d{4}-\d{2}-\d{2}/.test(match)) return match;
  const digits = match.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return match;
  return `${match.startsWith('+') ? '+' : ''}${'•'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement as string);
  return out.replace(PHONE, maskPhone);
}

/** Redacts any log argument: strings directly, objects through their JSON form. */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`);
  if (value && typeof value === 'object') {
    try {
      return JSON.parse(redact(JSON.stringify(value))) as unknown;
    } catch {
      return '[unloggable object]';
    }
  }
  return value;
}

/**
 * A session id travels as one URL path segment (`/sessions/{id}/hold`). `.` and `..` are path
 * navigation, not ids: URL resolution turns `/sessions/../hold` into `/hold`, and a server that
 * decodes a segment again does the same with `%2e%2e`. Slashes, backslashes and control characters
 * would split or bend the segment. No Evo id looks like any of these, so they are refused outright.
 */
const SPLITTERS = /[/\\\u0000-\u001f\u007f]/; // eslint-disable-line no-control-regex

/** Percent-decoding rounds looked through; an id encoded deeper than this is nobody's real id. */
const ROUNDS = 3;

export function isSafeSessionId(id: string): boolean {
  let value = id;
  for (let round = 0; round <= ROUNDS; round += 1) {
    const trimmed = value.trim();
    if (trimmed === '.' || trimmed === '..' || SPLITTERS.test(value)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // Not valid percent-encoding: no server decodes it into anything else.
      return true;
    }
    if (decoded === value) return true;
    value = decoded;
  }
  return false;
}

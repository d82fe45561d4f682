/** One call to Evo Voice as data: what the client sends, before deadlines, retries and cookies. */
export interface EvoRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the server's base URL, e.g. `/sessions/SE123/hold`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from '../../../electron/main/evo/retry';

const policy = (random: number): RetryPolicy => ({ attempts: 4, baseDelayMs: 300, maxDelayMs: 5_000, random: () => random });

describe('backoff between attempts', () => {
  it('doubles its ceiling with each attempt, up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((attempt) => backoffDelay(policy(1), attempt, null))).toEqual([
      300, 600, 1_200, 2_400, 4_800, 5_000, 5_000,
    ]);
  });

  it('spreads retries over the whole window (full jitter), so agents do not retry in step', () => {
    expect(backoffDelay(policy(0), 3, null)).toBe(0);
    expect(backoffDelay(policy(0.5), 3, null)).toBe(1_200);
  });

  it('waits at least as long as the server asks with Retry-After', () => {
    expect(backoffDelay(policy(0), 0, 2_000)).toBe(2_000);
    // The server's wish is a floor, not a cap: a longer jittered wait stands.
    expect(backoffDelay(policy(1), 4, 1_000)).toBe(4_800);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 3 ', now)).toBe(3_000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    // The obsolete RFC 850 form, which servers may still send.
    expect(parseRetryAfter('Wednesday, 21-Oct-15 07:29:00 GMT', now)).toBe(60_000);
  });

  it('does not wait for a date already past', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
  });

  it.each([null, '', '   ', 'soon', '-5', '1.5', '5e2', '0x10'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});

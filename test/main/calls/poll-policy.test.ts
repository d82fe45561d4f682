import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, pollDelay, UNREACHABLE_RETRY_MS, wantsRefresh } from '../../../electron/main/calls/poll-policy';

describe('poll policy', () => {
  it('polls every 5 s while the agent has a call and every 20 s when idle', () => {
    expect(pollDelay({ calls: 1, failures: 0 })).toBe(5_000);
    expect(pollDelay({ calls: 3, failures: 0 })).toBe(5_000);
    expect(pollDelay({ calls: 0, failures: 0 })).toBe(20_000);
  });

  it('backs off while Evo fails, doubling each time, never beyond a minute', () => {
    const withCall = [1, 2, 3, 4, 5, 12].map((failures) => pollDelay({ calls: 1, failures }));
    expect(withCall).toEqual([10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
    expect(pollDelay({ calls: 0, failures: 1 })).toBe(40_000);
    expect(pollDelay({ calls: 0, failures: 50 })).toBe(MAX_BACKOFF_MS);
  });

  it('while Evo gives no answer at all, tries again every 4 s: such a try never reaches Evo', () => {
    expect(UNREACHABLE_RETRY_MS).toBe(4_000);
    expect([1, 2, 12].map((failures) => pollDelay({ calls: 0, failures, unreachable: true }))).toEqual([4_000, 4_000, 4_000]);
    expect(pollDelay({ calls: 1, failures: 5, unreachable: true })).toBe(4_000);
    expect(pollDelay({ calls: 1, failures: 0, unreachable: true })).toBe(5_000);
  });

  it('refreshes at once when the calls may have changed, on focus only when the board is getting old', () => {
    for (const reason of ['incoming', 'disconnect', 'online', 'wake', 'actionFailed'] as const) {
      expect(wantsRefresh(reason, 0)).toBe(true);
    }
    expect(wantsRefresh('focus', 1_000)).toBe(false);
    expect(wantsRefresh('focus', 4_999)).toBe(false);
    expect(wantsRefresh('focus', 5_000)).toBe(true);
    expect(wantsRefresh('focus', Number.POSITIVE_INFINITY)).toBe(true);
  });
});

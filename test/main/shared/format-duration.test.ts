import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../electron/shared/format-duration';

describe('times', () => {
  it('shows call and hold durations as mm:ss, and h:mm:ss past an hour', () => {
    expect(formatDuration(92_000)).toBe('01:32');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5_000)).toBe('00:00');
  });
});

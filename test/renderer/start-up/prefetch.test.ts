import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatTime } from '../../../renderer/src/lib/display/history-view';
import { onFirstUse, prepareIntl } from '../../../renderer/src/lib/start-up/prefetch';

describe('what is fetched ahead of use', () => {
  it('loads once, for whoever asks first', async () => {
    const load = vi.fn(async () => 'chunk');
    const chunk = onFirstUse(load);
    expect(load).not.toHaveBeenCalled();
    const first = chunk();
    expect(chunk()).toBe(first);
    expect(await first).toBe('chunk');
    expect(load).toHaveBeenCalledOnce();
  });

  it('a load that fails is no unhandled rejection, and whoever shows it still sees the failure', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    const chunk = onFirstUse(() => Promise.reject(new Error('offline')));
    chunk();
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
    await expect(chunk()).rejects.toThrow('offline');
  });
});

describe('the head start for Intl', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('has a worker build the first Intl formatter, off the window thread', () => {
    const started: string[] = [];
    vi.stubGlobal(
      'Worker',
      class {
        constructor(url: URL) {
          started.push(String(url));
        }
      },
    );
    prepareIntl();
    expect(started).toEqual([expect.stringMatching(/intl-warm-up/)]);
  });

  it('is only a head start: without workers, or when one cannot start, dates still format', () => {
    vi.stubGlobal('Worker', undefined);
    prepareIntl();
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          throw new DOMException('refused', 'SecurityError');
        }
      },
    );
    expect(() => prepareIntl()).not.toThrow();
    expect(formatTime('2025-11-24T15:04:00Z')).toMatch(/\d\d:\d\d/);
  });
});

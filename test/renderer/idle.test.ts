import { describe, expect, it, vi } from 'vitest';
import { onFirstUse, whenIdle } from '../../renderer/src/lib/idle';

describe('work for later', () => {
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

  it('runs work when the window is idle', async () => {
    const work = vi.fn();
    whenIdle(work);
    expect(work).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(work).toHaveBeenCalledOnce());
  });
});

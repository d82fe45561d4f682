import { vi } from 'vitest';
import { DOUBLE_PRESS_MS } from '../../electron/shared/press-guard';

/**
 * A monotonic clock on which each reading comes a full double-press window after the one before:
 * for tests that press several call actions one after another on purpose (the guard would take
 * them for slips).
 */
export function pressesApart(): () => number {
  let at = 0;
  return () => (at += DOUBLE_PRESS_MS + 1);
}

/** The same, for a window built by App.svelte: its calls state reads `performance.now()`. */
export function windowPressesApart() {
  return vi.spyOn(performance, 'now').mockImplementation(pressesApart());
}

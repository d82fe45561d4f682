import { describe, expect, it } from 'vitest';
import { acceleratorFor } from '../../renderer/src/lib/keyboard/hotkeys';

const press = (key: string, code: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('hotkey recording', () => {
  it('builds accelerators from presses', () => {
    expect(acceleratorFor(press('h', 'KeyH', { ctrlKey: true, altKey: true }))).toBe('CommandOrControl+Alt+H');
    expect(acceleratorFor(press('H', 'KeyH', { metaKey: true, shiftKey: true }))).toBe('CommandOrControl+Shift+H');
    expect(acceleratorFor(press('F9', 'F9'))).toBe('F9');
    expect(acceleratorFor(press('ArrowUp', 'ArrowUp', { altKey: true }))).toBe('Alt+Up');
    expect(acceleratorFor(press('5', 'Digit5', { ctrlKey: true }))).toBe('CommandOrControl+5');
    // AZERTY: the physical key is what the OS registers.
    expect(acceleratorFor(press('a', 'KeyQ', { ctrlKey: true }))).toBe('CommandOrControl+Q');
  });

  it('waits while only modifiers are down, and refuses keys that would steal typing', () => {
    expect(acceleratorFor(press('Control', 'ControlLeft', { ctrlKey: true }))).toBeNull();
    expect(acceleratorFor(press('h', 'KeyH'))).toBeNull();
    expect(acceleratorFor(press('H', 'KeyH', { shiftKey: true }))).toBeNull();
    expect(acceleratorFor(press('é', 'Unidentified', { ctrlKey: true }))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { HotkeyManager, type HotkeyName, type Hotkeys } from '../../../electron/main/desktop/hotkey-manager';

class FakeShortcuts {
  taken = new Set(['Alt+F4']);
  registered = new Map<string, () => void>();
  register(accelerator: string, callback: () => void) {
    if (accelerator.includes('Bogus')) throw new Error('invalid accelerator');
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string) {
    this.registered.delete(accelerator);
  }
}

const keys = (over: Partial<Hotkeys> = {}): Hotkeys => ({
  holdResume: 'CommandOrControl+Alt+H',
  answer: '',
  hangUp: '',
  mute: '',
  ...over,
});

describe('hotkey manager', () => {
  it('registers the hold key and routes presses', () => {
    const port = new FakeShortcuts();
    const presses: HotkeyName[] = [];
    const manager = new HotkeyManager(port, (name) => presses.push(name));
    expect(manager.apply(keys({ mute: 'F9' }))).toEqual({});
    port.registered.get('CommandOrControl+Alt+H')!();
    port.registered.get('F9')!();
    expect(presses).toEqual(['holdResume', 'mute']);
  });

  it('reports a key another application holds, and takes a new pick at once', () => {
    const port = new FakeShortcuts();
    const manager = new HotkeyManager(port, () => undefined);
    expect(manager.apply(keys({ hangUp: 'Alt+F4' }))).toEqual({
      hangUp: 'Alt+F4 is taken by another application. Pick another key.',
    });
    expect(manager.conflicts()).toHaveProperty('hangUp');
    expect(manager.apply(keys({ hangUp: 'F10' }))).toEqual({});
    expect([...port.registered.keys()].sort()).toEqual(['CommandOrControl+Alt+H', 'F10']);
  });

  it('re-registers a changed key and releases the old one', () => {
    const port = new FakeShortcuts();
    const manager = new HotkeyManager(port, () => undefined);
    manager.apply(keys());
    manager.apply(keys({ holdResume: 'F8' }));
    expect([...port.registered.keys()]).toEqual(['F8']);
  });

  it('swaps keys between two actions', () => {
    const port = new FakeShortcuts();
    const presses: HotkeyName[] = [];
    const manager = new HotkeyManager(port, (name) => presses.push(name));
    manager.apply(keys({ holdResume: 'F8', mute: 'F9' }));
    expect(manager.apply(keys({ holdResume: 'F9', mute: 'F8' }))).toEqual({});
    port.registered.get('F9')!();
    expect(presses).toEqual(['holdResume']);
  });

  it('refuses the same key twice and a malformed one', () => {
    const port = new FakeShortcuts();
    const manager = new HotkeyManager(port, () => undefined);
    const conflicts = manager.apply(keys({ answer: 'F8', mute: 'f8', hangUp: 'Bogus+Q' }));
    expect(Object.keys(conflicts).sort()).toEqual(['hangUp', 'mute']);
    expect(conflicts.hangUp).toContain('not a key combination');
  });

  it('releases everything on quit', () => {
    const port = new FakeShortcuts();
    const manager = new HotkeyManager(port, () => undefined);
    manager.apply(keys({ mute: 'F9' }));
    manager.releaseAll();
    expect(port.registered.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { buildTrayModel } from '../../../electron/main/desktop/tray-model';

const now = Date.parse('2026-11-24T10:00:00Z');
const labels = (items: { label?: string; type?: string }[]) => items.map((item) => item.label ?? `--${item.type}`);

describe('tray model', () => {
  it('idle: plain icon, plain tooltip, still every action in the menu', () => {
    const model = buildTrayModel({ held: [], inCall: null, nowMs: now, connection: 'online', compact: false });
    expect(model).toMatchObject({ icon: 'idle', heldCount: 0, tooltip: 'Evo Softphone' });
    expect(labels(model.menu)).toEqual([
      'Show Evo Softphone',
      'Compact window (always on top)',
      'Status: Available',
      '--separator',
      'Quit',
    ]);
  });

  it('one call on hold: its name and hold time with Resume and Hang up', () => {
    const model = buildTrayModel({
      held: [{ sessionId: 'A', name: 'Jane Doe', heldSinceMs: now - 92_000 }],
      inCall: null,
      nowMs: now,
      connection: 'online',
      compact: false,
    });
    expect(model).toMatchObject({ icon: 'held', heldCount: 1, tooltip: '1 call on hold' });
    const item = model.menu.find((entry) => entry.label === 'Jane Doe - 01:32')!;
    expect(item.submenu!.map((entry) => [entry.label, entry.action])).toEqual([
      ['Resume', { type: 'resume', sessionId: 'A' }],
      ['Hang up', { type: 'hangUp', sessionId: 'A' }],
      ['Show', { type: 'showSession', sessionId: 'A' }],
    ]);
  });

  it('many calls on hold while on another call', () => {
    const held = Array.from({ length: 5 }, (_, i) => ({ sessionId: `S${i}`, name: `Caller ${i}`, heldSinceMs: now - i * 61_000 }));
    const model = buildTrayModel({
      held,
      inCall: { sessionId: 'X', name: 'Acme' },
      nowMs: now,
      connection: 'reconnecting',
      compact: false,
    });
    expect(model.tooltip).toBe('5 calls on hold · on a call with Acme');
    expect(model.icon).toBe('held');
    expect(labels(model.menu)).toEqual([
      'On call: Acme',
      'On hold (5)',
      'Caller 0 - 00:00',
      'Caller 1 - 01:01',
      'Caller 2 - 02:02',
      'Caller 3 - 03:03',
      'Caller 4 - 04:04',
      '--separator',
      'Show Evo Softphone',
      'Compact window (always on top)',
      'Status: Reconnecting…',
      '--separator',
      'Quit',
    ]);
  });

  it('the compact window is a checkbox that says whether it is on', () => {
    const item = (compact: boolean) =>
      buildTrayModel({ held: [], inCall: null, nowMs: now, connection: 'online', compact }).menu.find(
        (entry) => entry.type === 'checkbox',
      )!;
    expect(item(false)).toMatchObject({ label: 'Compact window (always on top)', checked: false, action: { type: 'toggleCompact' } });
    expect(item(true).checked).toBe(true);
  });

  it('in a call with nothing held: the call icon', () => {
    const model = buildTrayModel({ held: [], inCall: { sessionId: 'X', name: 'Acme' }, nowMs: now, connection: 'offline', compact: false });
    expect(model).toMatchObject({ icon: 'call', tooltip: 'On a call with Acme' });
    expect(labels(model.menu)).toContain('Status: Offline');
  });
});

/** Turns a key press into an Electron accelerator ("CommandOrControl+Alt+H") for the hotkey fields. */

const NAMED: Record<string, string> = {
  ' ': 'Space',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Esc',
  Enter: 'Enter',
  Tab: 'Tab',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
};

export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/**
 * The accelerator for a press, or null while only modifiers are held. A plain letter or digit
 * without Ctrl/Cmd/Alt is refused (it would steal typing in every application); F-keys may stand
 * alone.
 */
export function acceleratorFor(press: KeyPress): string | null {
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph'].includes(press.key)) return null;
  let key: string | null = null;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(press.key)) key = press.key;
  else if (/^Key[A-Z]$/.test(press.code)) key = press.code.slice(3);
  else if (/^Digit[0-9]$/.test(press.code)) key = press.code.slice(5);
  else if (/^Numpad[0-9]$/.test(press.code)) key = `num${press.code.slice(6)}`;
  else key = NAMED[press.key] ?? null;
  if (!key) return null;
  const modifiers = [
    press.ctrlKey || press.metaKey ? 'CommandOrControl' : null,
    press.altKey ? 'Alt' : null,
    press.shiftKey ? 'Shift' : null,
  ].filter(Boolean);
  const functionKey = /^F\d+$/.test(key);
  if (!functionKey && !press.ctrlKey && !press.metaKey && !press.altKey) return null;
  return [...modifiers, key].join('+');
}

const MAC_SYMBOLS: Record<string, string> = { CommandOrControl: '⌘', Alt: '⌥', Shift: '⇧', Up: '↑', Down: '↓', Left: '←', Right: '→' };
const PC_NAMES: Record<string, string> = { CommandOrControl: 'Ctrl' };

/**
 * An accelerator the way the agent's OS writes shortcuts: "Ctrl+Alt+H" on Windows and Linux,
 * "⌘⌥H" on macOS (Electron's CommandOrControl is Cmd there).
 */
export function displayAccelerator(accelerator: string, mac: boolean): string {
  if (!accelerator) return '';
  const parts = accelerator.split('+').map((part) => part.replace(/^num(\d)$/, 'Num $1'));
  if (mac) return parts.map((part) => MAC_SYMBOLS[part] ?? part).join('');
  return parts.map((part) => PC_NAMES[part] ?? part).join('+');
}

/** Whether this computer is a Mac, from app.info().platform ("darwin") or, before that, the browser. */
export const isMac = (platform: string): boolean =>
  platform ? platform.startsWith('darwin') : typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

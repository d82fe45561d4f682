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

/**
 * Shortcuts that applications (and the OS) give one meaning, by accelerator. A global hotkey is
 * taken from every application on the computer: Ctrl+C as the hold key means copying stops
 * working everywhere.
 */
const RESERVED: Record<string, string> = {
  'CommandOrControl+A': 'Select all',
  'CommandOrControl+C': 'Copy',
  'CommandOrControl+V': 'Paste',
  'CommandOrControl+X': 'Cut',
  'CommandOrControl+Z': 'Undo',
  'CommandOrControl+Y': 'Redo',
  'CommandOrControl+Shift+Z': 'Redo',
  'CommandOrControl+Shift+C': 'Copy in a terminal',
  'CommandOrControl+Shift+V': 'Paste in a terminal',
  'CommandOrControl+S': 'Save',
  'CommandOrControl+F': 'Find',
  'CommandOrControl+P': 'Print',
  'CommandOrControl+N': 'New',
  'CommandOrControl+O': 'Open',
  'CommandOrControl+W': 'Close',
  'CommandOrControl+T': 'New tab',
  'CommandOrControl+Q': 'Quit',
  'CommandOrControl+Tab': 'Switch tabs or applications',
  'CommandOrControl+Space': 'Search or switch the keyboard language',
  'CommandOrControl+Esc': 'Open the Start menu',
  'CommandOrControl+Alt+Delete': 'Security options',
  'Alt+Tab': 'Switch windows',
  'Alt+Shift+Tab': 'Switch windows',
  'Alt+Esc': 'Switch windows',
  'Alt+F4': 'Close the window',
  'Alt+Space': "Open the window's menu",
};

/** A press in a hotkey field: the hotkey it makes, or why it cannot be one. */
export type Recorded = { accelerator: string } | { refused: string };

/**
 * What a press in a hotkey field makes: null while only modifiers are held (the agent is still
 * pressing), else the accelerator, or the reason it is refused, in the OS's words: a key that
 * would be taken from typing in every application, or a shortcut applications already use.
 */
export function recordHotkey(press: KeyPress, mac: boolean): Recorded | null {
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph'].includes(press.key)) return null;
  const accelerator = acceleratorFor(press);
  const modifiers = mac ? '⌘ or ⌥' : 'Ctrl or Alt';
  if (!accelerator) {
    // The same key with Alt (a KeyboardEvent's fields are getters: spelled out, not spread): is it
    // refused as typing (a letter, a digit, Space…), or a key no OS registers at all?
    const withAlt = acceleratorFor({ key: press.key, code: press.code, altKey: true, ctrlKey: false, metaKey: false, shiftKey: false });
    if (!withAlt) return { refused: `That key cannot be a hotkey. Use a letter, a digit or an F-key, with ${modifiers}.` };
    const key = withAlt.slice('Alt+'.length);
    const pressed = displayAccelerator(press.shiftKey ? `Shift+${key}` : key, mac);
    const example = displayAccelerator(`CommandOrControl+Alt+${key}`, mac);
    return {
      refused: `${pressed} without ${modifiers} would take that key from typing in every application. Add ${modifiers} (for example ${example}), or use an F-key.`,
    };
  }
  const meaning = RESERVED[accelerator];
  if (meaning) {
    const shown = displayAccelerator(accelerator, mac);
    return { refused: `${shown} is ${meaning} in every application; a hotkey would take it from all of them. Choose another combination.` };
  }
  return { accelerator };
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

/**
 * Keys as the registry writes them: Electron's accelerator syntax ('CmdOrCtrl+Shift+A', 'F1', 'J').
 * Parsing, matching a key press, and writing a key the way each platform reads it. Pure: no registry,
 * no DOM (the key press is the few fields of a KeyboardEvent this reads).
 */

/** A key as parsed from an accelerator: modifiers plus the physical key (KeyboardEvent.code). */
export interface KeyChord {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  /** KeyboardEvent.code of the key: layout-independent, so Ctrl+K also works on a Cyrillic layout. */
  code: string;
}

const NAMED_CODES: Record<string, string> = {
  '/': 'Slash',
  '-': 'Minus',
  '=': 'Equal',
  Plus: 'Equal',
  ',': 'Comma',
  '.': 'Period',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
  Esc: 'Escape',
  Return: 'Enter',
};

function codeOf(key: string): string {
  if (/^[A-Za-z]$/.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  return NAMED_CODES[key] ?? key;
}

/** Parses 'CmdOrCtrl+Shift+A' into a chord; throws on a malformed accelerator (a programming error). */
export function parseAccelerator(accelerator: string): KeyChord {
  const parts = accelerator.split('+');
  // "CmdOrCtrl+Plus" spells the key; a trailing "+" would be an empty part.
  if (parts.some((p) => p === '')) throw new Error(`Malformed accelerator "${accelerator}"`);
  const key = parts.pop()!;
  const chord: KeyChord = { mod: false, shift: false, alt: false, code: codeOf(key) };
  for (const part of parts) {
    if (part === 'CmdOrCtrl' || part === 'CommandOrControl') chord.mod = true;
    else if (part === 'Shift') chord.shift = true;
    else if (part === 'Alt') chord.alt = true;
    else throw new Error(`Unknown modifier "${part}" in accelerator "${accelerator}"`);
  }
  return chord;
}

/**
 * A chord as a comparable string: two accelerators that one key press would both match give the same
 * string (Ctrl+Plus is typed with or without Shift, so its Shift is left open).
 */
export function chordId(accelerator: string): string {
  const c = parseAccelerator(accelerator);
  return `${c.mod ? 'Mod+' : ''}${c.alt ? 'Alt+' : ''}${c.code === 'Equal' ? 'Shift?+' : c.shift ? 'Shift+' : ''}${c.code}`;
}

/** The fields of a keyboard event this module reads (kept free of DOM types: shared/ is pure). */
export interface KeyPress {
  code: string;
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Whether a key press is this accelerator. On macOS CmdOrCtrl is ⌘, elsewhere Ctrl. */
export function matchesAccelerator(press: KeyPress, accelerator: string, isMac: boolean): boolean {
  const chord = parseAccelerator(accelerator);
  const mod = isMac ? press.metaKey : press.ctrlKey;
  const other = isMac ? press.ctrlKey : press.metaKey;
  if (mod !== chord.mod || other || press.altKey !== chord.alt) return false;
  // Ctrl+Plus is typed as Ctrl+Shift+= on most layouts: the shift is part of the key there.
  if (chord.code !== 'Equal' && press.shiftKey !== chord.shift) return false;
  if (press.code === chord.code) return true;
  // Keys without a physical code in synthetic events (and numpad digits) still match by their character.
  const digit = /^Digit(\d)$/.exec(chord.code)?.[1];
  return digit !== undefined && press.key === digit;
}

const MAC_SYMBOLS: Record<string, string> = { CmdOrCtrl: '⌘', CommandOrControl: '⌘', Shift: '⇧', Alt: '⌥' };
const KEY_LABELS: Record<string, string> = {
  Up: '↑',
  Down: '↓',
  Left: '←',
  Right: '→',
  Plus: '+',
  Escape: 'Esc',
  Delete: 'Delete',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
};

/** An accelerator as people read it: "Ctrl+Shift+A" (Windows, Linux) or "⇧⌘A" (macOS). */
export function formatAccelerator(accelerator: string, isMac: boolean): string {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const label = KEY_LABELS[key] ?? key;
  if (isMac) {
    const order = ['Alt', 'Shift', 'CmdOrCtrl', 'CommandOrControl'];
    return (
      [...parts]
        .sort((a, b) => order.indexOf(a) - order.indexOf(b))
        .map((p) => MAC_SYMBOLS[p] ?? p)
        .join('') + label
    );
  }
  return [...parts.map((p) => (p === 'CmdOrCtrl' || p === 'CommandOrControl' ? 'Ctrl' : p)), label].join('+');
}

/** The value of an element's aria-keyshortcuts attribute for an accelerator (WAI-ARIA spelling). */
export function ariaKeyShortcut(accelerator: string, isMac: boolean): string {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const named: Record<string, string> = {
    Up: 'ArrowUp',
    Down: 'ArrowDown',
    Left: 'ArrowLeft',
    Right: 'ArrowRight',
    Plus: 'Plus',
  };
  return [
    ...parts.map((p) => (p === 'CmdOrCtrl' || p === 'CommandOrControl' ? (isMac ? 'Meta' : 'Control') : p)),
    named[key] ?? key,
  ].join('+');
}

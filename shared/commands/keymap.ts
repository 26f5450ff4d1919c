/**
 * The workbench's keyboard map: the ONE list the application menu (its accelerators), the in-app key
 * handler (useShortcuts) and the shortcut help sheet are all built from, so they cannot drift apart.
 *
 * Keys are written in Electron's accelerator syntax ('CmdOrCtrl+Shift+A', 'F1', 'J'). The first key of
 * an entry is the one the menu shows; the others are alternatives the app also answers.
 *
 * Choosing keys: nothing here may use Ctrl+Alt (AltGr types characters on Kazakh, Russian, Polish…
 * layouts) or a key Chromium keeps for itself in a browser tab (Ctrl+N, Ctrl+T, Ctrl+W, Ctrl+Shift+T…),
 * since the same renderer also runs in a browser; tests/unit/keymap.test.ts holds both lists.
 */
import type { MenuCommand } from '../ipc/channels';

export const SHORTCUT_GROUPS = ['Global', 'Views', 'Reader', 'Passages', 'Annotation popover', 'Register grid', 'Dialogs', 'Window'] as const;
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number];

/** Roles Electron's menu implements natively (and a browser tab does too); listed so the help sheet shows them. */
export type NativeRole = 'undoNative' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'zoomIn' | 'zoomOut' | 'resetZoom' | 'togglefullscreen' | 'quit';

interface BaseShortcut {
  id: string;
  group: ShortcutGroup;
  /** What the key does, as the help sheet says it. */
  description: string;
  keys: readonly string[];
}

/** A key that runs a menu command: the menu shows it as the accelerator, useShortcuts answers it in the page. */
export interface CommandShortcut extends BaseShortcut {
  kind: 'command';
  command: MenuCommand;
  /** Whether the key still runs the command while the focus is in a text field (else the field keeps it). */
  inTextFields: boolean;
}

/** A key handled by one component while it has the focus (the reader, the grid, a popover). */
export interface LocalShortcut extends BaseShortcut {
  kind: 'local';
}

/** A key the menu role (on the desktop) or the browser itself handles. */
export interface NativeShortcut extends BaseShortcut {
  kind: 'native';
  role: NativeRole;
}

export type Shortcut = CommandShortcut | LocalShortcut | NativeShortcut;

const command = (id: string, group: ShortcutGroup, cmd: MenuCommand, description: string, keys: string[], inTextFields = true): CommandShortcut => ({
  kind: 'command',
  id,
  group,
  command: cmd,
  description,
  keys,
  inTextFields,
});
const local = (id: string, group: ShortcutGroup, description: string, keys: string[]): LocalShortcut => ({ kind: 'local', id, group, description, keys });
const native = (id: string, group: ShortcutGroup, role: NativeRole, description: string, keys: string[]): NativeShortcut => ({ kind: 'native', id, group, role, description, keys });

export const SHORTCUTS: readonly Shortcut[] = [
  command('palette', 'Global', 'palette', 'Go to anything: views, commands, sources, threats, countries, tags, text', ['CmdOrCtrl+K']),
  command('search', 'Global', 'search', 'Search the workspace', ['CmdOrCtrl+Shift+F']),
  command('import', 'Global', 'import', 'Import source files', ['CmdOrCtrl+O']),
  command('paste-source', 'Global', 'paste-source', 'Paste an article’s text as a new source', ['CmdOrCtrl+Shift+P']),
  command('annotation-new', 'Global', 'annotation:new', 'Annotate the text selected in the reader', ['CmdOrCtrl+Shift+A'], false),
  command('threat-new', 'Global', 'threat:new', 'Add a threat to the current register', ['CmdOrCtrl+Shift+H']),
  command('briefing-export', 'Global', 'briefing:export', 'Export the open briefing as a Word document', ['CmdOrCtrl+E']),
  command('backup', 'Global', 'workspace:backup', 'Back up the workspace', ['CmdOrCtrl+Shift+S']),
  command('undo', 'Global', 'undo', 'Undo the last change to the workspace (in a text field: undo typing)', ['CmdOrCtrl+Z'], false),
  command('redo', 'Global', 'redo', 'Redo', ['CmdOrCtrl+Shift+Z', 'CmdOrCtrl+Y'], false),
  command('shortcuts', 'Global', 'shortcuts', 'Show these keyboard shortcuts', ['F1', 'CmdOrCtrl+/']),

  command('view-sources', 'Views', 'navigate:sources', 'Sources', ['CmdOrCtrl+1']),
  command('view-register', 'Views', 'navigate:register', 'Register', ['CmdOrCtrl+2']),
  command('view-countries', 'Views', 'navigate:countries', 'Countries', ['CmdOrCtrl+3']),
  command('view-briefings', 'Views', 'navigate:briefings', 'Briefings', ['CmdOrCtrl+4']),
  command('view-passages', 'Views', 'navigate:passages', 'Passages (retrieval)', ['CmdOrCtrl+5']),
  command('view-search', 'Views', 'navigate:search', 'Search', ['CmdOrCtrl+6']),
  command('view-actors', 'Views', 'navigate:actors', 'Actors', ['CmdOrCtrl+7']),

  local('reader-select', 'Reader', 'Select text: click to place the caret, then extend the selection', ['Shift+Left', 'Shift+Right', 'Shift+Up', 'Shift+Down']),
  local('reader-annotate', 'Reader', 'Annotate the selection', ['A', 'Enter']),
  local('reader-clear', 'Reader', 'Clear the selection', ['Escape']),

  local('passage-next', 'Passages', 'Next passage', ['J']),
  local('passage-previous', 'Passages', 'Previous passage', ['K']),
  local('passage-delete', 'Passages', 'Delete the selected passage (undoable)', ['Delete']),

  local('popover-save', 'Annotation popover', 'Save the annotation', ['CmdOrCtrl+Enter']),
  local('popover-cancel', 'Annotation popover', 'Cancel (asks first if you typed something)', ['Escape']),
  local('popover-pick', 'Annotation popover', 'Pick a tag, threat, country or actor from the list', ['Up', 'Down', 'Enter']),

  local('grid-move', 'Register grid', 'Move between cells', ['Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown']),
  local('grid-edit', 'Register grid', 'Edit the cell (typing a letter also starts editing)', ['Enter', 'F2']),
  local('grid-commit', 'Register grid', 'Save and move down; Tab saves and moves right', ['Enter', 'Tab', 'Shift+Tab']),
  local('grid-cancel', 'Register grid', 'Cancel the edit', ['Escape']),
  local('grid-delete', 'Register grid', 'Delete the threat (undoable)', ['CmdOrCtrl+Delete']),

  local('dialog-confirm', 'Dialogs', 'Confirm the dialog (paste, import)', ['CmdOrCtrl+Enter']),
  local('dialog-close', 'Dialogs', 'Close the dialog (asks first if you typed something)', ['Escape']),

  native('zoom-in', 'Window', 'zoomIn', 'Zoom in', ['CmdOrCtrl+Plus']),
  native('zoom-out', 'Window', 'zoomOut', 'Zoom out', ['CmdOrCtrl+-']),
  native('zoom-reset', 'Window', 'resetZoom', 'Actual size', ['CmdOrCtrl+0']),
  native('fullscreen', 'Window', 'togglefullscreen', 'Full screen', ['F11']),
  native('cut', 'Window', 'cut', 'Cut', ['CmdOrCtrl+X']),
  native('copy', 'Window', 'copy', 'Copy', ['CmdOrCtrl+C']),
  native('paste', 'Window', 'paste', 'Paste', ['CmdOrCtrl+V']),
  native('select-all', 'Window', 'selectAll', 'Select all', ['CmdOrCtrl+A']),
  native('quit', 'Window', 'quit', 'Quit', ['CmdOrCtrl+Q']),
];

export const COMMAND_SHORTCUTS: readonly CommandShortcut[] = SHORTCUTS.filter((s): s is CommandShortcut => s.kind === 'command');

/** The accelerator the menu shows for a command, if it has one. */
export function acceleratorFor(cmd: MenuCommand): string | undefined {
  return COMMAND_SHORTCUTS.find((s) => s.command === cmd)?.keys[0];
}

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

/** The command a key press runs, if any. */
export function commandForKey(press: KeyPress, isMac: boolean): CommandShortcut | undefined {
  return COMMAND_SHORTCUTS.find((s) => s.keys.some((k) => matchesAccelerator(press, k, isMac)));
}

const MAC_SYMBOLS: Record<string, string> = { CmdOrCtrl: '⌘', CommandOrControl: '⌘', Shift: '⇧', Alt: '⌥' };
const KEY_LABELS: Record<string, string> = { Up: '↑', Down: '↓', Left: '←', Right: '→', Plus: '+', Escape: 'Esc', Delete: 'Delete', PageUp: 'Page Up', PageDown: 'Page Down' };

/** An accelerator as people read it: "Ctrl+Shift+A" (Windows, Linux) or "⇧⌘A" (macOS). */
export function formatAccelerator(accelerator: string, isMac: boolean): string {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const label = KEY_LABELS[key] ?? key;
  if (isMac) {
    const order = ['Alt', 'Shift', 'CmdOrCtrl', 'CommandOrControl'];
    return [...parts].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((p) => MAC_SYMBOLS[p] ?? p).join('') + label;
  }
  return [...parts.map((p) => (p === 'CmdOrCtrl' || p === 'CommandOrControl' ? 'Ctrl' : p)), label].join('+');
}

/** The value of an element's aria-keyshortcuts attribute for an accelerator (WAI-ARIA spelling). */
export function ariaKeyShortcut(accelerator: string, isMac: boolean): string {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const named: Record<string, string> = { Up: 'ArrowUp', Down: 'ArrowDown', Left: 'ArrowLeft', Right: 'ArrowRight', Plus: 'Plus' };
  return [...parts.map((p) => (p === 'CmdOrCtrl' || p === 'CommandOrControl' ? (isMac ? 'Meta' : 'Control') : p)), named[key] ?? key].join('+');
}

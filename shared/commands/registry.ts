/**
 * The registry of the user's commands: every menu item, shortcut, palette entry and toolbar command is
 * declared here once — its id, title, keys (per platform), menu place and palette group — and the
 * application menu (menu-model.ts, built in main), the shortcut sheet and the in-app keys (shortcuts.ts),
 * the palette and the renderer's dispatcher (renderer/workspace/user-commands) are all derived from it,
 * so they cannot disagree. What a command does, and when it is enabled, is bound in the renderer
 * (renderer/workspace/user-commands/bindings.ts), which has a binding for every id declared here.
 *
 * Keys are written in Electron's accelerator syntax ('CmdOrCtrl+Shift+A', 'F1', 'J'). The first key of an
 * entry is the one the menu shows; the others are alternatives the app also answers.
 *
 * Choosing keys: nothing here may use Ctrl+Alt (AltGr types characters on Kazakh, Russian, Polish…
 * layouts) or a key Chromium keeps for itself in a browser tab (Ctrl+N, Ctrl+T, Ctrl+W, Ctrl+Shift+T…),
 * since the same renderer also runs in a browser; no two entries of one scope may share a key.
 * tests/unit/keymap.test.ts holds all three rules.
 *
 * Pure data: main (the menu), the preload (the command names it lets through) and the renderer import it.
 */

/** The groups of the shortcut sheet, in the order it shows them. */
export const SHORTCUT_GROUPS = [
  'Global',
  'Views',
  'Reader',
  'Passages',
  'Passage popover',
  'Register grid',
  'Dialogs',
  'Window',
] as const;
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number];

/**
 * Where a key is heard. Commands and native roles are global (the window, whatever has the focus); a
 * local key is answered by one component while it has the focus. No two entries of a scope share a key,
 * and no local key takes a global one.
 */
export type KeyScope = 'global' | 'reader' | 'passages' | 'popover' | 'grid' | 'grid-editing' | 'dialog';

/** The application menu's top-level menus and their groups (separators fall between groups), in order. */
export const MENU_LAYOUT = {
  app: { label: 'Analyst Workbench', role: 'appMenu', only: 'mac', groups: [] },
  file: { label: '&File', groups: ['import', 'create', 'export', 'backup', 'window'] },
  edit: { label: '&Edit', groups: ['history', 'clipboard'] },
  view: { label: '&View', groups: ['views', 'find', 'reading', 'zoom', 'window'] },
  help: { label: '&Help', role: 'help', groups: ['help', 'about'] },
} as const;
export type TopMenuId = keyof typeof MENU_LAYOUT;
export const TOP_MENUS = Object.keys(MENU_LAYOUT) as TopMenuId[];

/** When a menu item is there: only on macOS, only elsewhere, only in development builds, only when main keeps an error log. */
export type MenuCondition = 'mac' | 'not-mac' | 'dev' | 'error-log';

/** A place in the application menu: which menu, which group in it, and the order inside the group. */
export type MenuPlace = {
  [T in TopMenuId]: { in: T; group: (typeof MENU_LAYOUT)[T]['groups'][number]; order: number; only?: MenuCondition };
}[TopMenuId];

export type PaletteGroup = 'Go to' | 'Command';

export interface CommandDeclaration {
  /** The command's name: the menu item's label and the palette entry (and the sheet row unless `description` says more). */
  title: string;
  /** What the shortcut sheet says the key does; the title when absent. */
  description?: string;
  /** Keys on Windows and Linux (and on macOS unless `macKeys` is given); the first is the menu's accelerator. */
  keys?: readonly string[];
  /** Keys on macOS, where they differ. */
  macKeys?: readonly string[];
  /** Whether the key still runs the command while the focus is in a text field (else the field keeps it). Default true. */
  inTextFields?: boolean;
  /** Whether holding the key down repeats the command (Undo does; Export must not run ten times). Default false. */
  repeats?: boolean;
  /** The shortcut sheet's group for its keys (default 'Global'). */
  sheet?: ShortcutGroup;
  menu?: MenuPlace;
  /** The palette group it is listed under; not in the palette when absent. */
  palette?: PaletteGroup;
  /** Main answers the menu item itself (it owns what the command opens); the renderer's handler serves the palette. */
  menuAnsweredByMain?: true;
  /** A setting turned on and off: its menu item shows a check mark while it is on (the renderer says when). */
  toggle?: true;
  /** Why a command has no menu item, key or palette entry: it is sent by main, not chosen by the analyst. */
  internal?: string;
}

const DECLARED = {
  // Global commands.
  palette: {
    title: 'Go to Anything…',
    description: 'Go to anything: views, commands, sources, threats, countries, tags, text',
    keys: ['CmdOrCtrl+K'],
    menu: { in: 'view', group: 'find', order: 1 },
  },
  search: {
    title: 'Search the Workspace…',
    description: 'Search the workspace',
    keys: ['CmdOrCtrl+Shift+F'],
    menu: { in: 'view', group: 'find', order: 2 },
    palette: 'Command',
  },
  import: {
    title: 'Import Sources…',
    description: 'Import source files',
    keys: ['CmdOrCtrl+O'],
    menu: { in: 'file', group: 'import', order: 1 },
    palette: 'Command',
  },
  'paste-source': {
    title: 'Paste as Source…',
    description: 'Paste an article’s text as a new source',
    keys: ['CmdOrCtrl+Shift+P'],
    menu: { in: 'file', group: 'import', order: 2 },
    palette: 'Command',
  },
  // Not in the palette: opening it would take the focus, and with it the selection, from the reader.
  'annotation:new': {
    title: 'New Passage from Selection',
    description: 'Annotate the text selected in the reader',
    keys: ['CmdOrCtrl+Shift+A'],
    inTextFields: false,
    menu: { in: 'file', group: 'create', order: 1 },
  },
  'threat:new': {
    title: 'New Threat',
    description: 'Add a threat to the current register',
    keys: ['CmdOrCtrl+Shift+H'],
    menu: { in: 'file', group: 'create', order: 2 },
    palette: 'Command',
  },
  'briefing:export': {
    title: 'Export Briefing…',
    description: 'Export the open briefing as a Word document',
    keys: ['CmdOrCtrl+E'],
    menu: { in: 'file', group: 'export', order: 1 },
    palette: 'Command',
  },
  'register:export-csv': {
    title: 'Export Register as CSV…',
    menu: { in: 'file', group: 'export', order: 2 },
    palette: 'Command',
  },
  'register:export-stix': {
    title: 'Export Register as STIX 2.1…',
    menu: { in: 'file', group: 'export', order: 3 },
    palette: 'Command',
  },
  'annotations:export': {
    title: 'Export Annotations (W3C)…',
    menu: { in: 'file', group: 'export', order: 4 },
    palette: 'Command',
  },
  'workspace:backup': {
    title: 'Back up…',
    description: 'Back up the workspace',
    keys: ['CmdOrCtrl+Shift+S'],
    menu: { in: 'file', group: 'backup', order: 1 },
    palette: 'Command',
  },
  'workspace:restore': {
    title: 'Restore from backup…',
    menu: { in: 'file', group: 'backup', order: 2 },
    palette: 'Command',
  },
  'workspace:backups': { title: 'Backups…', menu: { in: 'file', group: 'backup', order: 3 }, palette: 'Command' },
  undo: {
    title: 'Undo',
    description: 'Undo the last change to the workspace (in a text field: undo typing)',
    keys: ['CmdOrCtrl+Z'],
    inTextFields: false,
    repeats: true,
    menu: { in: 'edit', group: 'history', order: 1 },
    palette: 'Command',
  },
  redo: {
    title: 'Redo',
    keys: ['CmdOrCtrl+Shift+Z', 'CmdOrCtrl+Y'],
    // ⌘Y is not Redo on macOS.
    macKeys: ['CmdOrCtrl+Shift+Z'],
    inTextFields: false,
    repeats: true,
    menu: { in: 'edit', group: 'history', order: 2 },
    palette: 'Command',
  },
  shortcuts: {
    title: 'Keyboard Shortcuts',
    description: 'Show these keyboard shortcuts',
    keys: ['F1', 'CmdOrCtrl+/'],
    menu: { in: 'help', group: 'help', order: 1 },
    palette: 'Command',
  },

  // Views.
  'navigate:sources': {
    title: 'Sources',
    keys: ['CmdOrCtrl+1'],
    sheet: 'Views',
    menu: { in: 'view', group: 'views', order: 1 },
    palette: 'Go to',
  },
  'navigate:register': {
    title: 'Register',
    keys: ['CmdOrCtrl+2'],
    sheet: 'Views',
    menu: { in: 'view', group: 'views', order: 2 },
    palette: 'Go to',
  },
  'navigate:countries': {
    title: 'Countries',
    keys: ['CmdOrCtrl+3'],
    sheet: 'Views',
    menu: { in: 'view', group: 'views', order: 3 },
    palette: 'Go to',
  },
  'navigate:briefings': {
    title: 'Briefings',
    keys: ['CmdOrCtrl+4'],
    sheet: 'Views',
    menu: { in: 'view', group: 'views', order: 4 },
    palette: 'Go to',
  },
  'navigate:passages': {
    title: 'Passages',
    description: 'Passages (retrieval)',
    keys: ['CmdOrCtrl+5'],
    sheet: 'Views',
    menu: { in: 'view', group: 'views', order: 5 },
    palette: 'Go to',
  },
  'navigate:search': {
    title: 'Search',
    keys: ['CmdOrCtrl+6'],
    sheet: 'Views',
    menu: { in: 'view', group: 'views', order: 6 },
    palette: 'Go to',
  },
  'navigate:actors': {
    title: 'Actors',
    keys: ['CmdOrCtrl+7'],
    sheet: 'Views',
    menu: { in: 'view', group: 'views', order: 7 },
    palette: 'Go to',
  },

  // No keys.
  'reader:larger': {
    title: 'Larger Reading Text',
    menu: { in: 'view', group: 'reading', order: 1 },
    palette: 'Command',
  },
  'reader:smaller': {
    title: 'Smaller Reading Text',
    menu: { in: 'view', group: 'reading', order: 2 },
    palette: 'Command',
  },
  'reader:whole-text': {
    title: 'Whole Text on the Page',
    description: 'Every paragraph of a source on the page, for a screen reader’s browse mode (on or off)',
    menu: { in: 'view', group: 'reading', order: 3 },
    toggle: true,
    palette: 'Command',
  },
  'open-error-log': {
    title: 'Open Error Log',
    menu: { in: 'help', group: 'help', order: 2, only: 'error-log' },
    menuAnsweredByMain: true,
    palette: 'Command',
  },
  settings: {
    title: 'Settings…',
    description: 'Settings: export author and the other settings of this workspace',
    keys: ['CmdOrCtrl+,'],
    menu: { in: 'file', group: 'window', order: 0 },
    palette: 'Command',
  },
  about: { title: 'About Analyst Workbench', menu: { in: 'help', group: 'about', order: 1 }, palette: 'Command' },
  // The first-run welcome (renderer/features/welcome), reopened from Help or the palette.
  'help:welcome': { title: 'Welcome', menu: { in: 'help', group: 'help', order: 0 }, palette: 'Command' },
  // Removes the demo (or anything else) as one undoable change; the welcome asks first.
  'workspace:start-empty': { title: 'Start an Empty Workspace…', palette: 'Command' },

  'workspace:backup-on-quit': {
    title: 'Back up before quitting',
    internal: 'Sent by main when the app is quitting: write the quit backup (main waits for it, up to ~15 s).',
  },

  // Interchange with QDA programs (REFI-QDA .qdpx): features/interchange, mounted once by the app.
  'refi-qda:import': {
    title: 'Import REFI-QDA Project…',
    description: 'Import a coding project from ATLAS.ti, MAXQDA, NVivo or QualCoder (.qdpx)',
    menu: { in: 'file', group: 'import', order: 3 },
    palette: 'Command',
  },
  'refi-qda:export': {
    title: 'Export REFI-QDA Project…',
    description: 'Export the sources, codebook and coded passages for QDA programs (.qdpx)',
    // Between the W3C export (4) and Recent Exports (5), which stays last.
    menu: { in: 'file', group: 'export', order: 4.1 },
    palette: 'Command',
  },
  // References for Zotero and other reference managers (CSL-JSON, BibTeX, RIS): features/interchange.
  'references:import': {
    title: 'Import References (Zotero)…',
    description: 'Fill or create sources from a Zotero export (CSL-JSON, BibTeX or RIS)',
    menu: { in: 'file', group: 'import', order: 4 },
    palette: 'Command',
  },
  'references:export': {
    title: 'Export Sources for Zotero…',
    description: 'Export the sources as references (CSL-JSON, BibTeX or RIS)',
    menu: { in: 'file', group: 'export', order: 4.2 },
    palette: 'Command',
  },
} satisfies Record<string, CommandDeclaration>;

/** A command's id: what main sends over the menu channel and what the renderer's dispatcher runs. */
export type CommandId = keyof typeof DECLARED;
export const USER_COMMANDS: Readonly<Record<CommandId, CommandDeclaration>> = DECLARED;
export const COMMAND_IDS = Object.keys(DECLARED) as CommandId[];

export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DECLARED, value);
}

/** A command's keys on this platform (none when it has none). */
export function commandKeys(id: CommandId, isMac: boolean): readonly string[] {
  const declared = USER_COMMANDS[id];
  return (isMac ? declared.macKeys : undefined) ?? declared.keys ?? [];
}

/** Roles Electron's menu implements natively (and a browser tab does too): listed for the menu and the sheet. */
export type NativeRole =
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'toggleDevTools'
  | 'quit'
  | 'close';

export interface NativeDeclaration {
  role: NativeRole;
  title: string;
  /** The keys the role answers (Electron gives the menu item its own accelerator); shown in the sheet. */
  keys: readonly string[];
  menu: MenuPlace;
}

export const NATIVE_COMMANDS: readonly NativeDeclaration[] = [
  { role: 'cut', title: 'Cut', keys: ['CmdOrCtrl+X'], menu: { in: 'edit', group: 'clipboard', order: 1 } },
  { role: 'copy', title: 'Copy', keys: ['CmdOrCtrl+C'], menu: { in: 'edit', group: 'clipboard', order: 2 } },
  { role: 'paste', title: 'Paste', keys: ['CmdOrCtrl+V'], menu: { in: 'edit', group: 'clipboard', order: 3 } },
  { role: 'selectAll', title: 'Select all', keys: ['CmdOrCtrl+A'], menu: { in: 'edit', group: 'clipboard', order: 4 } },
  { role: 'resetZoom', title: 'Actual size', keys: ['CmdOrCtrl+0'], menu: { in: 'view', group: 'zoom', order: 1 } },
  { role: 'zoomIn', title: 'Zoom in', keys: ['CmdOrCtrl+Plus'], menu: { in: 'view', group: 'zoom', order: 2 } },
  { role: 'zoomOut', title: 'Zoom out', keys: ['CmdOrCtrl+-'], menu: { in: 'view', group: 'zoom', order: 3 } },
  { role: 'togglefullscreen', title: 'Full screen', keys: ['F11'], menu: { in: 'view', group: 'window', order: 1 } },
  // Its keys (Ctrl+Shift+I) are Chromium's own; development builds only, so not in the sheet.
  {
    role: 'toggleDevTools',
    title: 'Toggle Developer Tools',
    keys: [],
    menu: { in: 'view', group: 'window', order: 2, only: 'dev' },
  },
  {
    role: 'quit',
    title: 'Quit',
    keys: ['CmdOrCtrl+Q'],
    menu: { in: 'file', group: 'window', order: 1, only: 'not-mac' },
  },
  // On macOS Quit is in the application menu; the File menu closes the window (its ⌘W is Electron's).
  { role: 'close', title: 'Close Window', keys: [], menu: { in: 'file', group: 'window', order: 1, only: 'mac' } },
];

/** A key answered by one component while it has the focus (the reader, the grid, a popover): listed for the sheet. */
export interface LocalKeyDeclaration {
  id: string;
  scope: Exclude<KeyScope, 'global'>;
  group: ShortcutGroup;
  description: string;
  keys: readonly string[];
}

export const LOCAL_KEYS: readonly LocalKeyDeclaration[] = [
  {
    id: 'reader-select',
    scope: 'reader',
    group: 'Reader',
    description: 'Select text: click to place the caret, then extend the selection',
    keys: ['Shift+Left', 'Shift+Right', 'Shift+Up', 'Shift+Down'],
  },
  {
    id: 'reader-page',
    scope: 'reader',
    group: 'Reader',
    description: 'Move the caret a screen up or down (with Shift: extend the selection)',
    keys: ['PageUp', 'PageDown', 'Shift+PageUp', 'Shift+PageDown'],
  },
  {
    id: 'reader-edge',
    scope: 'reader',
    group: 'Reader',
    description: 'Move the caret to the start or end of the text (with Shift: select to there; on macOS also ⌘↑ / ⌘↓)',
    keys: ['CmdOrCtrl+Home', 'CmdOrCtrl+End', 'CmdOrCtrl+Shift+Home', 'CmdOrCtrl+Shift+End'],
  },
  {
    id: 'reader-annotate',
    scope: 'reader',
    group: 'Reader',
    description: 'Annotate the selection',
    keys: ['A', 'Enter'],
  },
  { id: 'reader-clear', scope: 'reader', group: 'Reader', description: 'Clear the selection', keys: ['Escape'] },
  {
    id: 'reader-find',
    scope: 'reader',
    group: 'Reader',
    description: 'Find in the source (Enter: next match, Shift+Enter: previous, Escape: close)',
    keys: ['CmdOrCtrl+F'],
  },

  { id: 'passage-next', scope: 'passages', group: 'Passages', description: 'Next passage', keys: ['J'] },
  { id: 'passage-previous', scope: 'passages', group: 'Passages', description: 'Previous passage', keys: ['K'] },
  {
    id: 'passage-delete',
    scope: 'passages',
    group: 'Passages',
    description: 'Delete the selected passage (undoable)',
    keys: ['Delete'],
  },

  {
    id: 'popover-save',
    scope: 'popover',
    group: 'Passage popover',
    description: 'Save the passage',
    keys: ['CmdOrCtrl+Enter'],
  },
  {
    id: 'popover-cancel',
    scope: 'popover',
    group: 'Passage popover',
    description: 'Cancel (asks first if you typed something)',
    keys: ['Escape'],
  },
  {
    id: 'popover-pick',
    scope: 'popover',
    group: 'Passage popover',
    description: 'Pick a tag, threat, country or actor from the list',
    keys: ['Up', 'Down', 'Enter'],
  },

  {
    id: 'grid-move',
    scope: 'grid',
    group: 'Register grid',
    description: 'Move between cells',
    keys: ['Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown'],
  },
  {
    id: 'grid-edit',
    scope: 'grid',
    group: 'Register grid',
    description: 'Edit the cell (typing a letter also starts editing)',
    keys: ['Enter', 'F2'],
  },
  {
    id: 'grid-delete',
    scope: 'grid',
    group: 'Register grid',
    description: 'Delete the threat (undoable)',
    keys: ['CmdOrCtrl+Delete'],
  },
  {
    id: 'grid-commit',
    scope: 'grid-editing',
    group: 'Register grid',
    description: 'Save and move down (Tab goes round the editor’s fields, − and +, Cancel and Save)',
    keys: ['Enter'],
  },
  {
    id: 'grid-cancel',
    scope: 'grid-editing',
    group: 'Register grid',
    description: 'Cancel the edit',
    keys: ['Escape'],
  },

  {
    id: 'dialog-confirm',
    scope: 'dialog',
    group: 'Dialogs',
    description: 'Confirm the dialog (paste, import)',
    keys: ['CmdOrCtrl+Enter'],
  },
  {
    id: 'dialog-close',
    scope: 'dialog',
    group: 'Dialogs',
    description: 'Close the dialog (asks first if you typed something)',
    keys: ['Escape'],
  },
];

/** Menu items that are neither commands nor roles: main fills the Recent Exports submenu from its list. */
export const MENU_EXTRAS: readonly { kind: 'recent-exports'; title: string; menu: MenuPlace }[] = [
  { kind: 'recent-exports', title: 'Recent Exports', menu: { in: 'file', group: 'export', order: 5 } },
];

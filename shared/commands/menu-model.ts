/**
 * The application menu as plain data: labels, accelerators (from the keymap) and the commands they
 * send. main/app/menu.ts turns it into Electron's template; tests check it without Electron.
 */
import type { MenuCommand } from '../ipc/channels';
import { acceleratorFor } from './keymap';

/** Electron menu roles the workbench uses (native behaviour: clipboard, zoom, window). */
export type MenuRole = 'appMenu' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'toggleDevTools' | 'quit' | 'close';

export type MenuItemModel =
  | { type: 'command'; label: string; command: MenuCommand; accelerator?: string }
  | { type: 'role'; role: MenuRole }
  | { type: 'separator' }
  /** The Recent Exports submenu; main fills it from its recent-exports list. */
  | { type: 'recent-exports'; label: string }
  /** Opens the error log (main does it itself; present only when main has a log to open). */
  | { type: 'error-log'; label: string };

export interface TopMenuModel {
  label: string;
  /** 'help' lets macOS add its search field; 'appMenu' is macOS's application menu. */
  role?: 'help' | 'appMenu';
  items: MenuItemModel[];
}

export interface MenuModelOptions {
  isMac: boolean;
  /** Whether main can open an error log (the Help item is omitted otherwise). */
  hasErrorLog: boolean;
  /** Development builds show Toggle Developer Tools. */
  withDevTools: boolean;
}

const item = (label: string, command: MenuCommand): MenuItemModel => {
  const accelerator = acceleratorFor(command);
  return accelerator ? { type: 'command', label, command, accelerator } : { type: 'command', label, command };
};
const separator: MenuItemModel = { type: 'separator' };
const role = (r: MenuRole): MenuItemModel => ({ type: 'role', role: r });

export function applicationMenuModel({ isMac, hasErrorLog, withDevTools }: MenuModelOptions): TopMenuModel[] {
  const file: TopMenuModel = {
    label: '&File',
    items: [
      item('Import Sources…', 'import'),
      item('Paste as Source…', 'paste-source'),
      separator,
      item('New Annotation from Selection', 'annotation:new'),
      item('New Threat', 'threat:new'),
      separator,
      item('Export Briefing…', 'briefing:export'),
      item('Export Register as CSV…', 'register:export-csv'),
      item('Export Register as STIX 2.1…', 'register:export-stix'),
      item('Export Annotations (W3C)…', 'annotations:export'),
      { type: 'recent-exports', label: 'Recent Exports' },
      separator,
      item('Back up…', 'workspace:backup'),
      item('Restore from backup…', 'workspace:restore'),
      item('Backups…', 'workspace:backups'),
      separator,
      role(isMac ? 'close' : 'quit'),
    ],
  };
  const edit: TopMenuModel = {
    label: '&Edit',
    items: [item('Undo', 'undo'), item('Redo', 'redo'), separator, role('cut'), role('copy'), role('paste'), role('selectAll')],
  };
  const view: TopMenuModel = {
    label: '&View',
    items: [
      item('Sources', 'navigate:sources'),
      item('Register', 'navigate:register'),
      item('Countries', 'navigate:countries'),
      item('Briefings', 'navigate:briefings'),
      item('Passages', 'navigate:passages'),
      item('Search', 'navigate:search'),
      item('Actors', 'navigate:actors'),
      separator,
      item('Go to Anything…', 'palette'),
      item('Search the Workspace…', 'search'),
      separator,
      item('Larger Reading Text', 'reader:larger'),
      item('Smaller Reading Text', 'reader:smaller'),
      separator,
      role('resetZoom'),
      role('zoomIn'),
      role('zoomOut'),
      separator,
      role('togglefullscreen'),
      ...(withDevTools ? [role('toggleDevTools')] : []),
    ],
  };
  const help: TopMenuModel = {
    label: '&Help',
    role: 'help',
    items: [item('Keyboard Shortcuts', 'shortcuts'), ...(hasErrorLog ? [{ type: 'error-log', label: 'Open Error Log' } as const] : []), separator, item('About Analyst Workbench', 'about')],
  };
  return [...(isMac ? [{ label: 'Analyst Workbench', role: 'appMenu' as const, items: [] }] : []), file, edit, view, help];
}

/** One line of the Recent Exports submenu. */
export interface RecentExportMenuEntry {
  id: string;
  /** The file's name, and (for the tooltip-less menu) its folder after a dash. */
  label: string;
}

/** Every command the menu model can send, whatever the options (for the dispatcher coverage test). */
export function commandsInMenu(model: TopMenuModel[]): MenuCommand[] {
  return model.flatMap((top) => top.items.flatMap((i) => (i.type === 'command' ? [i.command] : [])));
}

/** Menu labels use "&" for the Alt-key mnemonic on Windows and Linux; shown text has none. */
export function plainLabel(label: string): string {
  return label.replace(/&(?!&)/g, '');
}

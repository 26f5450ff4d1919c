import type { MenuCommand } from '../../../shared/ipc/channels';
import { useWorkbench, type View } from '../../stores';
import { leaveThen } from '../common/useUnsavedGuard';
import { deliverToView, hasViewHandler } from './command-bus';
import { openErrorLog } from '../../app/error-reporting';

/**
 * The renderer's answer to every menu command: the desktop menu (through onMenuCommand), the in-app
 * keys (useShortcuts) and the palette all run these, so a command does the same thing however it is
 * given. The workspace:* commands (backups) are answered by the backups feature, which registers them
 * with `registerMenuCommand`.
 */
export type OwnCommand = Exclude<MenuCommand, `workspace:${string}`>;

const state = () => useWorkbench.getState();

/** Goes to a view, first asking about unsaved typed input on screen. */
function go(view: View, then?: () => void) {
  return () =>
    leaveThen(() => {
      state().navigate(view);
      then?.();
    });
}

/** Goes to the view that owns the command and lets it act. */
function inView(view: View, command: MenuCommand) {
  return () => {
    if (state().view === view && hasViewHandler(command)) deliverToView(command);
    else go(view, () => deliverToView(command))();
  };
}

/** Whether the keyboard focus is in something that takes typing (where Undo means "undo typing"). */
function focusInTextField(): boolean {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly;
  if (el instanceof HTMLInputElement) return !el.readOnly && !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(el.type);
  // The reader is contentEditable only to give it a caret; it refuses every edit.
  return el.isContentEditable && !el.closest('article.reader');
}

function undoOrRedo(which: 'undo' | 'redo') {
  return () => {
    // In a text field the menu's Undo is the field's own, as everywhere else on the desktop.
    if (focusInTextField()) document.execCommand(which);
    else void state()[which]();
  };
}

export const MENU_COMMAND_HANDLERS: Record<OwnCommand, () => void> = {
  'navigate:sources': go('sources'),
  'navigate:register': go('register'),
  'navigate:countries': go('countries'),
  'navigate:briefings': go('briefings'),
  'navigate:passages': go('passages'),
  'navigate:search': go('search'),
  'navigate:actors': go('actors'),
  palette: () => state().setPaletteOpen(true),
  about: () => state().setAboutOpen(true),
  shortcuts: () => deliverToView('shortcuts'),
  import: inView('sources', 'import'),
  'paste-source': inView('sources', 'paste-source'),
  // The selection lives in the reader: going elsewhere first would lose it, so only the reader answers.
  'annotation:new': () => {
    if (hasViewHandler('annotation:new')) deliverToView('annotation:new');
    else state().notify('info', 'Open a source in Sources and select a passage in its text, then choose New Annotation (or press A).');
  },
  'threat:new': inView('register', 'threat:new'),
  'briefing:export': inView('briefings', 'briefing:export'),
  'register:export-csv': inView('register', 'register:export-csv'),
  'register:export-stix': inView('register', 'register:export-stix'),
  'annotations:export': inView('sources', 'annotations:export'),
  undo: undoOrRedo('undo'),
  redo: undoOrRedo('redo'),
  search: inView('search', 'search'),
  'reader:larger': () => state().setReaderFontSize(state().readerFontSize + 1),
  'reader:smaller': () => state().setReaderFontSize(state().readerFontSize - 1),
  'open-error-log': () => void openErrorLog(),
};

const extra = new Map<MenuCommand, () => void>();

/** Lets another feature answer a command (the backups feature answers workspace:*). */
export function registerMenuCommand(command: MenuCommand, handler: () => void): () => void {
  extra.set(command, handler);
  return () => {
    if (extra.get(command) === handler) extra.delete(command);
  };
}

export function menuCommandHandler(command: MenuCommand): (() => void) | undefined {
  return extra.get(command) ?? (MENU_COMMAND_HANDLERS as Partial<Record<MenuCommand, () => void>>)[command];
}

/** Runs a command; answers false when nothing in the renderer answers it (so a key is left alone). */
export function runMenuCommand(command: MenuCommand): boolean {
  const handler = menuCommandHandler(command);
  if (!handler) return false;
  handler();
  return true;
}

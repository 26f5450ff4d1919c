import type { CommandId } from '../../../shared/commands/registry';
import { READER_FONT_SIZES, useWorkbench, type View, type WorkbenchState } from '../../stores';
import { workspace } from '../index';
import { t } from '../../i18n';
import { leaveThen } from './leave-guard';

/**
 * What each command of the registry (shared/commands/registry.ts) does in the renderer, and when it is
 * enabled: one binding per id (the type makes a missing one a compile error). The dispatcher
 * (dispatcher.ts) runs them for the menu, the keys, the palette and toolbar buttons alike.
 *
 * Three kinds of binding:
 * - `run`: done right here, from the UI store (going to a view, opening the palette, undo, reading size);
 * - `in-view`: answered by a view, which binds its handler with useViewCommand while it is on screen and
 *   its data has loaded; from elsewhere the dispatcher goes to that view first, and the view runs the
 *   command as soon as it binds its handler (no waiting on a clock);
 * - `where-mounted`: answered by a component the app keeps mounted (the shortcut sheet, the backups
 *   feature, the app's error log) or by the one view that has what it needs (the reader's selection);
 *   there is no view to go to.
 */
export interface CommandContext {
  state: WorkbenchState;
  /** Whether a component on screen has bound a handler for the command. */
  answered: boolean;
  /** Whether the keyboard focus is in something that takes typing (where Undo means "undo typing"). */
  inTextField: boolean;
}

/** True when the command can run; otherwise the sentence saying why not (the palette shows it; choosing the command says it). */
export type Enabled = (context: CommandContext) => true | string;

interface BindingBase {
  enabled?: Enabled;
  /** For a setting turned on and off (the registry's `toggle`): whether it is on, for the menu's check mark. */
  checked?: (state: WorkbenchState) => boolean;
  /** A disabled command given by its key or the menu does nothing, without a word (Undo with nothing to undo). */
  quietWhenDisabled?: true;
}

export type Binding =
  | (BindingBase & { does: 'run'; run: () => void })
  | (BindingBase & { does: 'in-view'; view: View })
  | (BindingBase & { does: 'where-mounted' });

const state = () => useWorkbench.getState();

/** Goes to a view, first asking about unsaved typed input on screen (staying put leaves nothing behind). */
function go(view: View): Binding {
  return { does: 'run', run: () => (state().view === view ? undefined : leaveThen(() => state().navigate(view))) };
}

/** Whether the keyboard focus is in something that takes typing. */
export function focusInTextField(): boolean {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly;
  if (el instanceof HTMLInputElement)
    return !el.readOnly && !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(el.type);
  // The reader is contentEditable only to give it a caret; it refuses every edit.
  return el.isContentEditable && !el.closest('article.reader');
}

function history(which: 'undo' | 'redo'): Binding {
  return {
    does: 'run',
    // In a text field the menu's Undo is the field's own, as everywhere else on the desktop; elsewhere
    // it is the workspace's (its history of performed commands).
    run: () => (focusInTextField() ? void document.execCommand(which) : void workspace[which]()),
    enabled: ({ inTextField }) => {
      const can = which === 'undo' ? workspace.history().canUndo : workspace.history().canRedo;
      return (
        inTextField ||
        can ||
        t(which === 'undo' ? 'refusals.commands.nothingToUndo' : 'refusals.commands.nothingToRedo')
      );
    },
    quietWhenDisabled: true,
  };
}

const mounted: Binding = { does: 'where-mounted' };
const inView = (view: View): Binding => ({ does: 'in-view', view });

export const COMMAND_BINDINGS: Readonly<Record<CommandId, Binding>> = {
  'navigate:sources': go('sources'),
  'navigate:register': go('register'),
  'navigate:countries': go('countries'),
  'navigate:briefings': go('briefings'),
  'navigate:passages': go('passages'),
  'navigate:search': go('search'),
  'navigate:actors': go('actors'),
  palette: { does: 'run', run: () => state().setPaletteOpen(true) },
  about: { does: 'run', run: () => state().setAboutOpen(true) },
  settings: { does: 'run', run: () => state().openSettings() },
  // The sheet (features/desktop/ShortcutSheet.tsx), mounted once by the app.
  shortcuts: mounted,
  import: inView('sources'),
  'paste-source': inView('sources'),
  // The selection lives in the reader: going elsewhere first would lose it, so only the reader answers.
  'annotation:new': {
    does: 'where-mounted',
    enabled: ({ answered }) => answered || t('refusals.commands.selectPassageFirst'),
  },
  'threat:new': inView('register'),
  // The Briefings view says when there is no briefing to export.
  'briefing:export': inView('briefings'),
  'register:export-csv': inView('register'),
  'register:export-stix': inView('register'),
  'annotations:export': inView('sources'),
  undo: history('undo'),
  redo: history('redo'),
  search: inView('search'),
  'reader:larger': {
    does: 'run',
    run: () => state().setReaderFontSize(state().readerFontSize + 1),
    enabled: ({ state: s }) => s.readerFontSize < READER_FONT_SIZES.max || t('refusals.commands.readerLargest'),
  },
  'reader:smaller': {
    does: 'run',
    run: () => state().setReaderFontSize(state().readerFontSize - 1),
    enabled: ({ state: s }) => s.readerFontSize > READER_FONT_SIZES.min || t('refusals.commands.readerSmallest'),
  },
  'reader:whole-text': {
    does: 'run',
    checked: (s) => s.readerWholeText,
    run: () => {
      const whole = !state().readerWholeText;
      state().setReaderWholeText(whole);
      state().notify('info', t(whole ? 'sources.wholeTextOn' : 'sources.wholeTextOff'));
    },
  },
  // The app frame (App.tsx) answers it from the error reporting it owns.
  'open-error-log': mounted,
  // The backups feature (features/backup/useBackupCommands.ts), mounted once by the app.
  'workspace:backup': mounted,
  'workspace:restore': mounted,
  'workspace:backups': mounted,
  'workspace:backup-on-quit': mounted,
  // The interchange feature (features/interchange), mounted once by the app.
  'refi-qda:import': mounted,
  'refi-qda:export': mounted,
  'references:import': mounted,
  'references:export': mounted,
  'help:welcome': { does: 'run', run: () => state().openWelcome('intro') },
  'workspace:start-empty': { does: 'run', run: () => state().openWelcome('start-empty') },
};

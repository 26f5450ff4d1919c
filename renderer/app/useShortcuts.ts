import { useEffect } from 'react';
import { commandForKey } from '../../shared/commands/keymap';
import { isConnected, workbench } from '../platform/workbench';
import { runMenuCommand } from '../features/desktop/menu-commands';
import { isMac } from '../features/desktop/platform-keys';

/**
 * The app's global keys, read from the one keymap (shared/commands/keymap.ts) that also gives the
 * desktop menu its accelerators; a key runs the same handler as the menu item. The desktop menu's
 * commands arrive here too. In a browser tab (no menu) these keys are the way to every command.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const shortcut = commandForKey(event, isMac());
      if (!shortcut) return;
      // Holding Ctrl+Z steps back through the history; holding Ctrl+E must not export ten times.
      if (event.repeat && shortcut.command !== 'undo' && shortcut.command !== 'redo') return;
      const target = event.target as HTMLElement | null;
      const inField = Boolean(target?.closest('input, textarea, select, [contenteditable="true"]:not(article.reader)'));
      // Undo, redo and the like belong to the field the analyst is typing in.
      if (inField && !shortcut.inTextFields) return;
      if (runMenuCommand(shortcut.command)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = isConnected() ? workbench().onMenuCommand((command) => void runMenuCommand(command)) : () => undefined;
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, []);
}

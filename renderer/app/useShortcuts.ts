import { useEffect } from 'react';
import { USER_COMMANDS } from '../../shared/commands/registry';
import { commandForKey } from '../../shared/commands/shortcuts';
import { isConnected, workbench } from '../platform/workbench';
import { isMac, runCommand } from '../workspace/user-commands';

/**
 * The app's global keys and the desktop menu's commands, both handed to the one dispatcher
 * (renderer/workspace/user-commands). The keys are the registry's (shared/commands/registry.ts), the
 * same declarations main builds the menu's accelerators from. In a browser tab (no menu) these keys
 * are the way to every command.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const id = commandForKey(event, isMac());
      if (!id) return;
      const declared = USER_COMMANDS[id];
      // Holding Ctrl+Z steps back through the history; holding Ctrl+E must not export ten times.
      if (event.repeat && !declared.repeats) return;
      const target = event.target as HTMLElement | null;
      const inField = Boolean(target?.closest('input, textarea, select, [contenteditable="true"]:not(article.reader)'));
      // Undo, redo and the like belong to the field the analyst is typing in.
      if (inField && declared.inTextFields === false) return;
      if (runCommand(id)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = isConnected() ? workbench().onMenuCommand((id) => void runCommand(id)) : () => undefined;
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, []);
}

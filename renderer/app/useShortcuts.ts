import { useEffect } from 'react';
import { isConnected, workbench } from '../platform/workbench';
import { useWorkbench, VIEWS } from '../stores';
import { openErrorLog } from './error-reporting';

/** Ctrl/⌘+1…4 switch views; the desktop menu sends the same commands. */
export function useShortcuts(): void {
  const navigate = useWorkbench((s) => s.navigate);
  const setAboutOpen = useWorkbench((s) => s.setAboutOpen);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const inField = (event.target as HTMLElement | null)?.closest('input, textarea, select');
      // Undo and redo of workspace edits; inside a text field they belong to the field.
      if (key === 'z' && !inField) {
        event.preventDefault();
        void (event.shiftKey ? useWorkbench.getState().redo() : useWorkbench.getState().undo());
        return;
      }
      if (key === 'y' && !inField) {
        event.preventDefault();
        void useWorkbench.getState().redo();
        return;
      }
      if (key === 'k' && !event.shiftKey) {
        event.preventDefault();
        useWorkbench.getState().setPaletteOpen(true);
        return;
      }
      if (key === 'f' && event.shiftKey) {
        event.preventDefault();
        navigate('search');
        return;
      }
      if (key === 'o' && !event.shiftKey) {
        event.preventDefault();
        navigate('sources');
        // The file input lives in the Sources view; let it mount first.
        requestAnimationFrame(() => document.getElementById('import-files')?.click());
        return;
      }
      if (event.shiftKey) return;
      const index = Number(event.key) - 1;
      const view = VIEWS[index];
      if (view) {
        event.preventDefault();
        navigate(view);
      }
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = isConnected()
      ? workbench().onMenuCommand((command) => {
          if (command === 'about') setAboutOpen(true);
          else if (command === 'palette') useWorkbench.getState().setPaletteOpen(true);
          else if (command === 'open-error-log') void openErrorLog();
          else if (command.startsWith('navigate:')) navigate(command.slice('navigate:'.length) as (typeof VIEWS)[number]);
          // workspace:* commands belong to the backup feature (renderer/features/backup/useBackupCommands.ts).
        })
      : () => undefined;
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [navigate, setAboutOpen]);
}

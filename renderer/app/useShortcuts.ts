import { useEffect } from 'react';
import { isConnected, workbench } from '../platform/workbench';
import { useWorkbench, VIEWS } from '../stores';

/** Ctrl/⌘+1…4 switch views; the desktop menu sends the same commands. */
export function useShortcuts(): void {
  const navigate = useWorkbench((s) => s.navigate);
  const setAboutOpen = useWorkbench((s) => s.setAboutOpen);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
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
          else navigate(command.slice('navigate:'.length) as (typeof VIEWS)[number]);
        })
      : () => undefined;
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [navigate, setAboutOpen]);
}

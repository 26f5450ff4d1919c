import { useEffect } from 'react';
import { COMMAND_IDS, USER_COMMANDS } from '../../shared/commands/registry';
import { isConnected, workbench } from '../platform/workbench';
import { useWorkbench } from '../stores';
import { workspace } from '../workspace';
import { commandState, subscribeCommands } from '../workspace/user-commands';

/** The commands the application menu shows and the renderer answers (main answers the error log itself). */
const MENU_COMMANDS = COMMAND_IDS.filter((id) => USER_COMMANDS[id].menu && !USER_COMMANDS[id].menuAnsweredByMain);

/**
 * Keeps the desktop menu's items as enabled as the dispatcher says they are: Undo greyed out with nothing
 * to undo, New Passage without a selection in the reader, and so on. Whatever can change an answer —
 * a handler bound or unbound, the UI store, the workspace's history, the focus entering or leaving a
 * text field — schedules one recount; main hears only when the set of disabled commands changes.
 */
export function useMenuState(): void {
  useEffect(() => {
    if (!isConnected()) return;
    let sent: string | null = null;
    let timer: number | undefined;
    let stopped = false;
    const publish = () => {
      timer = undefined;
      if (stopped) return;
      const disabled = MENU_COMMANDS.filter((id) => !commandState(id).enabled);
      const key = disabled.join(' ');
      if (key === sent) return;
      sent = key;
      // A lost update is retried at the next change; the menu's own click still asks the dispatcher.
      workbench()
        .setMenuState({ disabled })
        .catch(() => {
          sent = null;
        });
    };
    const soon = () => {
      timer ??= window.setTimeout(publish, 50);
    };
    publish();
    const stops = [subscribeCommands(soon), useWorkbench.subscribe(soon), workspace.subscribe(soon)];
    window.addEventListener('focusin', soon);
    window.addEventListener('focusout', soon);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stops.forEach((stop) => stop());
      window.removeEventListener('focusin', soon);
      window.removeEventListener('focusout', soon);
    };
  }, []);
}

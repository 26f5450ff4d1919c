import { useEffect } from 'react';
import type { MenuWords } from '../../shared/commands/menu-model';
import { COMMAND_IDS, NATIVE_COMMANDS, USER_COMMANDS } from '../../shared/commands/registry';
import { commandTitle, i18n, t, words } from '../i18n';
import { isConnected, workbench } from '../platform/workbench';
import { useWorkbench } from '../stores';
import { workspace } from '../workspace';
import { commandChecked, commandState, subscribeCommands } from '../workspace/user-commands';
import { cancelIdle, whenIdle } from '../ui/idle';

/** The commands the application menu shows and the renderer answers (main answers the error log itself). */
const MENU_COMMANDS = COMMAND_IDS.filter((id) => USER_COMMANDS[id].menu && !USER_COMMANDS[id].menuAnsweredByMain);
/** The menu's settings turned on and off, whose items show a check mark while on. */
const MENU_TOGGLES = MENU_COMMANDS.filter((id) => USER_COMMANDS[id].toggle);

/** The top menus the renderer names (macOS's application menu is the app's name in every language). */
const NAMED_MENUS = ['file', 'edit', 'view', 'help'] as const;

/**
 * The menu's words in the interface language. Main builds the native menu before the window knows its
 * language and keeps no catalogue, so the renderer says them, once per language.
 */
export function menuWords(): MenuWords {
  return {
    menus: Object.fromEntries(NAMED_MENUS.map((top) => [top, t(`menuBar.${top}`)])),
    commands: Object.fromEntries(
      COMMAND_IDS.filter((id) => USER_COMMANDS[id].menu).map((id) => [id, commandTitle(id, USER_COMMANDS[id].title)]),
    ),
    roles: Object.fromEntries(NATIVE_COMMANDS.map((n) => [n.role, words(`keys.role:${n.role}`, n.title)])),
    recentExports: t('menuBar.recentExports'),
    noRecentExports: t('menuBar.noRecentExports'),
    clearRecent: t('menuBar.clearRecent'),
  };
}

/** How long the window stays still (no focus move, no store or history change) before the menu is recounted. */
const STILL_MS = 150;
const LONGEST_WAIT_MS = 1000;

/**
 * Keeps the desktop menu's items as enabled as the dispatcher says they are: Undo greyed out with nothing
 * to undo, New Passage without a selection in the reader, and so on; a setting's item (Whole Text on
 * the Page) checked while it is on; and the menu in the interface's language (its words sent once per
 * language: at the start and after a switch in Settings). Whatever can change an answer — a handler bound or unbound, the UI
 * store, the workspace's history, the focus entering or leaving a text field — schedules one recount;
 * main hears only when the set of disabled commands or checked settings changes.
 *
 * The recount waits until the window has been still for a moment and then for an idle period: one cell
 * edit alone moves the focus twice, the save status twice and the history once, and the menu needs the
 * state they leave, not each step — counted and sent (an IPC message; a request in the browser preview)
 * after the edit's frames, not among them. Nobody can reach the menu that fast, and a menu item or a key
 * still asks the dispatcher itself when used.
 */
export function useMenuState(): void {
  useEffect(() => {
    if (!isConnected()) return;
    let sent: string | null = null;
    // The language whose words main's menu was last given (none yet: main builds it in English).
    let wordsSent: string | null = null;
    let timer: number | undefined;
    let idle: number | undefined;
    let stopped = false;
    const publish = () => {
      idle = undefined;
      if (stopped) return;
      const disabled = MENU_COMMANDS.filter((id) => !commandState(id).enabled);
      const checked = MENU_TOGGLES.filter(commandChecked);
      const language = i18n.language;
      const key = `${disabled.join(' ')} | ${checked.join(' ')} | ${language}`;
      if (key === sent) return;
      sent = key;
      const newWords = language !== wordsSent;
      wordsSent = language;
      // A lost update is retried at the next change; the menu's own click still asks the dispatcher.
      workbench()
        .setMenuState({ disabled, checked, ...(newWords ? { words: menuWords() } : {}) })
        .catch(() => {
          sent = null;
          if (newWords) wordsSent = null;
        });
    };
    // The last change and the first one still waiting: a change only notes the time (it comes with
    // every store update and focus move), and the timer, when it fires, waits on until the window has
    // been still — or recounts anyway once a window that never stays still (a long import's progress)
    // has waited a second.
    let lastChange = 0;
    let waitingSince: number | undefined;
    const check = () => {
      const now = performance.now();
      const still = now - lastChange;
      if (still < STILL_MS && now - (waitingSince ?? now) < LONGEST_WAIT_MS) {
        timer = window.setTimeout(check, STILL_MS - still);
        return;
      }
      timer = undefined;
      waitingSince = undefined;
      idle ??= whenIdle(publish, LONGEST_WAIT_MS);
    };
    const soon = () => {
      lastChange = performance.now();
      waitingSince ??= lastChange;
      timer ??= window.setTimeout(check, STILL_MS);
    };
    publish();
    const stops = [subscribeCommands(soon), useWorkbench.subscribe(soon), workspace.subscribe(soon)];
    window.addEventListener('focusin', soon);
    window.addEventListener('focusout', soon);
    i18n.on('languageChanged', soon);
    return () => {
      i18n.off('languageChanged', soon);
      stopped = true;
      window.clearTimeout(timer);
      if (idle !== undefined) cancelIdle(idle);
      stops.forEach((stop) => stop());
      window.removeEventListener('focusin', soon);
      window.removeEventListener('focusout', soon);
    };
  }, []);
}

import { basename, dirname } from 'node:path';
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import {
  applicationMenuModel,
  plainLabel,
  type MenuItemModel,
  type MenuWords,
  type TopMenuModel,
} from '../../shared/commands/menu-model';
import type { CommandId } from '../../shared/commands/registry';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/ipc/channels';
import type { MenuStateValue } from '../../shared/ipc/contract';
import type { RecentExportEntry, RecentExports } from '../services/recent-exports';

export interface MenuOptions {
  getWindow: () => BrowserWindow | null;
  recentExports: RecentExports;
  /** Opens the error log; without it the Help menu has no "Open Error Log". */
  openErrorLog?: () => void;
}

export interface InstalledMenu {
  /** Rebuilds the menu with the recent-exports list (call it whenever the list changes). */
  rebuild: (recent: RecentExportEntry[]) => void;
  /**
   * Greys out the commands the renderer says cannot run now and enables the rest; checks the settings
   * it says are on and unchecks the others; rebuilds the menu in the words of the interface's language
   * when the renderer sends new ones.
   */
  setState: (state: MenuStateValue) => void;
}

/**
 * Builds Electron's application menu from the pure model in shared/commands, itself derived from the
 * command registry (labels, accelerators, places); every command goes to the renderer, whose one
 * dispatcher runs it as it runs the in-app keys and the palette, and which says which commands cannot
 * run now (their items are greyed out; a greyed item's key then reaches the page, which answers it).
 */
export function installMenu({ getWindow, recentExports, openErrorLog }: MenuOptions): InstalledMenu {
  let disabled = new Set<CommandId>();
  let checked = new Set<CommandId>();
  // The interface's words (English until the renderer says otherwise) and the recent exports last shown.
  let words: MenuWords = {};
  let shownRecent: RecentExportEntry[] = [];
  const send = (command: MenuCommand) => () => {
    const contents = getWindow()?.webContents;
    if (!contents) return;
    // A menu click is the analyst's gesture, but it happens outside the page: lend the page a user
    // activation first, or Chromium refuses to show the file chooser that Import Sources… opens.
    void contents.executeJavaScript('0', true).finally(() => contents.send(MENU_COMMAND_CHANNEL, command));
  };
  const tell = (message: string) => {
    const win = getWindow();
    const options = { type: 'warning' as const, message, buttons: ['OK'] };
    void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  };

  const recentSubmenu = (recent: RecentExportEntry[]): MenuItemConstructorOptions[] => [
    ...(recent.length === 0
      ? [{ label: words.noRecentExports ?? 'No recent exports', enabled: false }]
      : recent.map((entry) => ({
          label: `${basename(entry.path)} — ${dirname(entry.path)}`,
          click: () => void recentExports.open(entry.id).catch((error: Error) => tell(error.message)),
        }))),
    { type: 'separator' },
    {
      label: words.clearRecent ?? 'Clear Recent',
      enabled: recent.length > 0,
      click: () => void recentExports.clear().catch((error: Error) => tell(error.message)),
    },
  ];

  const toElectron = (entry: MenuItemModel, recent: RecentExportEntry[]): MenuItemConstructorOptions[] => {
    switch (entry.type) {
      case 'command':
        return [
          {
            id: entry.command,
            label: entry.label,
            enabled: !disabled.has(entry.command),
            ...(entry.toggle ? { type: 'checkbox' as const, checked: checked.has(entry.command) } : {}),
            ...(entry.accelerator ? { accelerator: entry.accelerator } : {}),
            click: (item) => {
              // Electron flips a checkbox item as it is clicked; it shows what the renderer says instead,
              // once the renderer has run the command (or refused it).
              if (entry.toggle) item.checked = checked.has(entry.command);
              send(entry.command)();
            },
          },
        ];
      case 'role':
        return [{ role: entry.role, ...(entry.label ? { label: entry.label } : {}) }];
      case 'separator':
        return [{ type: 'separator' }];
      case 'recent-exports':
        return [{ label: entry.label, submenu: recentSubmenu(recent) }];
      case 'error-log':
        return openErrorLog ? [{ label: entry.label, click: openErrorLog }] : [];
    }
  };

  const build = (recent: RecentExportEntry[]) => {
    shownRecent = recent;
    const model: TopMenuModel[] = applicationMenuModel({
      isMac: process.platform === 'darwin',
      hasErrorLog: Boolean(openErrorLog),
      withDevTools: !app.isPackaged,
      words,
    });
    const template: MenuItemConstructorOptions[] = model.map((top) =>
      top.role === 'appMenu'
        ? { role: 'appMenu' }
        : {
            label: process.platform === 'darwin' ? plainLabel(top.label) : top.label,
            ...(top.role ? { role: top.role } : {}),
            submenu: top.items.flatMap((i) => toElectron(i, recent)),
          },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const setState = (state: MenuStateValue) => {
    const nextDisabled = new Set(state.disabled);
    const nextChecked = new Set(state.checked);
    if (state.words && JSON.stringify(state.words) !== JSON.stringify(words)) {
      // A new language: the menu is built again in its words (with the state it had), then moved to the new state below.
      words = state.words;
      build(shownRecent);
    }
    const menu = Menu.getApplicationMenu();
    for (const id of new Set([...disabled, ...nextDisabled])) {
      const item = menu?.getMenuItemById(id);
      if (item) item.enabled = !nextDisabled.has(id);
    }
    // A checkbox item checks itself when clicked; the renderer's word is what the setting is.
    for (const id of new Set([...checked, ...nextChecked])) {
      const item = menu?.getMenuItemById(id);
      if (item && item.type === 'checkbox') item.checked = nextChecked.has(id);
    }
    disabled = nextDisabled;
    checked = nextChecked;
  };

  build([]);
  void recentExports.list().then(build, () => undefined);
  return { rebuild: build, setState };
}

/**
 * The application menu as plain data, derived from the registry: each command, role and extra item
 * declared with a menu place lands in its menu and group (separators between groups), ordered, with its
 * accelerator. main/app/menu.ts turns it into Electron's template; tests check it without Electron.
 */
import { acceleratorFor } from './shortcuts';
import {
  COMMAND_IDS,
  MENU_EXTRAS,
  MENU_LAYOUT,
  NATIVE_COMMANDS,
  TOP_MENUS,
  USER_COMMANDS,
  type CommandId,
  type MenuCondition,
  type MenuPlace,
  type NativeRole,
  type TopMenuId,
} from './registry';

/** Electron menu roles the workbench uses (native behaviour: clipboard, zoom, window). */
export type MenuRole = NativeRole;

export type MenuItemModel =
  /** `toggle`: a setting on or off, shown as a checkbox item (checked while the renderer says it is on). */
  | { type: 'command'; label: string; command: CommandId; accelerator?: string; toggle?: true }
  /** `label`: the role's name in the interface language; Electron's own (English) label when absent. */
  | { type: 'role'; role: MenuRole; label?: string }
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

/**
 * The menu's words in the interface language, as the renderer says them (main builds the menu before the
 * window has a language, and keeps no catalogue): each absent word stays the registry's English.
 */
export interface MenuWords {
  /** The top menus, with their "&" mnemonic ("&Файл"). */
  menus?: Partial<Record<TopMenuId, string>>;
  /** The commands' titles. */
  commands?: Partial<Record<CommandId, string>>;
  /** Native items' names (Cut, Zoom In, Quit …). */
  roles?: Partial<Record<MenuRole, string>>;
  recentExports?: string;
  /** The Recent Exports submenu's own items, which main fills. */
  noRecentExports?: string;
  clearRecent?: string;
}

export interface MenuModelOptions {
  isMac: boolean;
  /** The words of the interface language; English without them. */
  words?: MenuWords;
  /** Whether main can open an error log (the Help item is omitted otherwise). */
  hasErrorLog: boolean;
  /** Development builds show Toggle Developer Tools. */
  withDevTools: boolean;
}

/** Every item the registry places in the menu, with its place. */
function placedItems(isMac: boolean, words: MenuWords): { place: MenuPlace; item: MenuItemModel }[] {
  const commands = COMMAND_IDS.flatMap((id) => {
    const declared = USER_COMMANDS[id];
    if (!declared.menu) return [];
    const accelerator = acceleratorFor(id, isMac);
    const label = words.commands?.[id] ?? declared.title;
    const item: MenuItemModel = declared.menuAnsweredByMain
      ? { type: 'error-log', label }
      : {
          type: 'command',
          label,
          command: id,
          ...(accelerator ? { accelerator } : {}),
          ...(declared.toggle ? { toggle: true } : {}),
        };
    return [{ place: declared.menu, item }];
  });
  const roles = NATIVE_COMMANDS.map((n) => {
    const label = words.roles?.[n.role];
    return { place: n.menu, item: { type: 'role', role: n.role, ...(label ? { label } : {}) } as MenuItemModel };
  });
  const extras = MENU_EXTRAS.map((e) => ({
    place: e.menu,
    item: { type: e.kind, label: words.recentExports ?? e.title } as MenuItemModel,
  }));
  return [...commands, ...roles, ...extras];
}

export function applicationMenuModel({
  isMac,
  hasErrorLog,
  withDevTools,
  words = {},
}: MenuModelOptions): TopMenuModel[] {
  const holds: Record<MenuCondition, boolean> = {
    mac: isMac,
    'not-mac': !isMac,
    dev: withDevTools,
    'error-log': hasErrorLog,
  };
  const present = placedItems(isMac, words).filter(({ place }) => !place.only || holds[place.only]);
  return TOP_MENUS.flatMap((top): TopMenuModel[] => {
    const layout: { label: string; role?: 'help' | 'appMenu'; only?: MenuCondition; groups: readonly string[] } =
      MENU_LAYOUT[top];
    if (layout.only && !holds[layout.only]) return [];
    const groups = layout.groups
      .map((group) =>
        present
          .filter(({ place }) => place.in === top && place.group === group)
          .sort((a, b) => a.place.order - b.place.order)
          .map(({ item }) => item),
      )
      .filter((items) => items.length > 0);
    const items = groups.flatMap((items, i) => (i === 0 ? items : [{ type: 'separator' } as const, ...items]));
    return [{ label: words.menus?.[top] ?? layout.label, ...(layout.role ? { role: layout.role } : {}), items }];
  });
}

/** Every command the menu model can send, whatever the options (for the dispatcher coverage test). */
export function commandsInMenu(model: TopMenuModel[]): CommandId[] {
  return model.flatMap((top) => top.items.flatMap((i) => (i.type === 'command' ? [i.command] : [])));
}

/** Menu labels use "&" for the Alt-key mnemonic on Windows and Linux; shown text has none. */
export function plainLabel(label: string): string {
  return label.replace(/&(?!&)/g, '');
}

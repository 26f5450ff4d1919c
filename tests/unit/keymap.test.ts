import { describe, expect, it } from 'vitest';
import {
  chordId,
  formatAccelerator,
  matchesAccelerator,
  parseAccelerator,
  type KeyPress,
} from '../../shared/commands/keys';
import { applicationMenuModel, commandsInMenu, type TopMenuModel } from '../../shared/commands/menu-model';
import {
  COMMAND_IDS,
  commandKeys,
  isCommandId,
  LOCAL_KEYS,
  MENU_EXTRAS,
  NATIVE_COMMANDS,
  SHORTCUT_GROUPS,
  USER_COMMANDS,
  type CommandId,
} from '../../shared/commands/registry';
import { acceleratorFor, commandForKey, shortcuts } from '../../shared/commands/shortcuts';
import { isMenuCommand } from '../../shared/ipc/channels';

const press = (code: string, mods: Partial<KeyPress> = {}, key = ''): KeyPress => ({
  code,
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

/**
 * Keys a browser tab keeps for itself (a page never sees them) or that Chromium and Electron bind by
 * default; the same renderer runs in both, so the workbench must not want them.
 */
const RESERVED = [
  'CmdOrCtrl+N',
  'CmdOrCtrl+T',
  'CmdOrCtrl+W',
  'CmdOrCtrl+Shift+N',
  'CmdOrCtrl+Shift+T',
  'CmdOrCtrl+Shift+W',
  'CmdOrCtrl+Tab',
  'CmdOrCtrl+Shift+Tab',
  'CmdOrCtrl+R',
  'CmdOrCtrl+Shift+R',
  'F5',
  'F12',
  'CmdOrCtrl+Shift+I',
  'CmdOrCtrl+Shift+J',
  'CmdOrCtrl+Shift+C',
  'CmdOrCtrl+Shift+Delete',
  'CmdOrCtrl+M',
  'CmdOrCtrl+H',
  'CmdOrCtrl+Shift+Q',
];

const PLATFORMS = [
  ['Windows and Linux', false],
  ['macOS', true],
] as const;

describe.each(PLATFORMS)('the registry’s keys on %s', (_name, isMac) => {
  const all = shortcuts(isMac);

  it('gives no two entries of one scope the same key (commands and native roles share the global scope)', () => {
    const seen = new Map<string, string>();
    for (const s of all) {
      for (const key of s.keys) {
        const where = `${s.scope} ${chordId(key)}`;
        expect(seen.get(where), `${s.id} and ${seen.get(where)} both want ${key} in ${s.scope}`).toBeUndefined();
        seen.set(where, s.id);
      }
    }
  });

  it('keeps scoped keys (reader, grid, popover, dialogs) clear of every global key', () => {
    const global = new Set(all.filter((s) => s.scope === 'global').flatMap((s) => s.keys.map(chordId)));
    for (const s of all.filter((x) => x.scope !== 'global'))
      for (const k of s.keys) expect(global.has(chordId(k)), `${s.id}: ${k}`).toBe(false);
  });

  it('avoids keys Chromium or Electron keep, and Ctrl+Alt (AltGr on many keyboards)', () => {
    const reserved = new Set(RESERVED.map(chordId));
    for (const s of all) {
      for (const k of s.keys) {
        expect(reserved.has(chordId(k)), `${s.id} uses reserved ${k}`).toBe(false);
        const c = parseAccelerator(k);
        expect(c.mod && c.alt, `${s.id} uses Ctrl+Alt`).toBe(false);
      }
    }
  });

  it('lists every key of the registry in the shortcut sheet, once, in a group the sheet shows', () => {
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    for (const s of all) expect(SHORTCUT_GROUPS).toContain(s.group);
    const keyed = COMMAND_IDS.filter((id) => commandKeys(id, isMac).length > 0);
    expect(all.flatMap((s) => (s.kind === 'command' ? [s.command] : []))).toEqual(keyed);
    expect(all.filter((s) => s.kind === 'local').map((s) => s.id)).toEqual(LOCAL_KEYS.map((l) => l.id));
    expect(all.filter((s) => s.kind === 'native').map((s) => s.role)).toEqual(
      NATIVE_COMMANDS.filter((n) => n.keys.length > 0).map((n) => n.role),
    );
  });

  it('finds the command each of its keys runs, and no other', () => {
    for (const id of COMMAND_IDS) {
      for (const key of commandKeys(id, isMac)) {
        const c = parseAccelerator(key);
        const digit = /^Digit(\d)$/.exec(c.code)?.[1];
        const p = press(
          c.code,
          { [isMac ? 'metaKey' : 'ctrlKey']: c.mod, shiftKey: c.shift, altKey: c.alt },
          digit ?? '',
        );
        expect(commandForKey(p, isMac), `${id}: ${key}`).toBe(id);
      }
    }
  });
});

describe('the registry', () => {
  it('has a key for every main command the issue names', () => {
    const keyed = new Set(COMMAND_IDS.filter((id) => commandKeys(id, false).length > 0));
    for (const command of [
      'import',
      'annotation:new',
      'threat:new',
      'briefing:export',
      'workspace:backup',
      'search',
      'palette',
      'shortcuts',
      'undo',
      'redo',
    ] as const)
      expect(keyed.has(command), command).toBe(true);
    for (const view of COMMAND_IDS.filter((c) => c.startsWith('navigate:'))) expect(keyed.has(view), view).toBe(true);
  });

  it('gives every command a way in (menu, key or palette), except the one main sends at quit', () => {
    const hidden = COMMAND_IDS.filter((id) => {
      const d = USER_COMMANDS[id];
      return !d.menu && !d.keys && !d.palette;
    });
    expect(hidden).toEqual(['workspace:backup-on-quit']);
    expect(USER_COMMANDS['workspace:backup-on-quit'].internal).toBeTruthy();
  });

  it('is what the menu channel lets through: command ids, and nothing else', () => {
    for (const id of COMMAND_IDS) expect(isMenuCommand(id), id).toBe(true);
    for (const other of ['toString', '__proto__', 'constructor', 'navigate:nowhere', '', 42, null])
      expect(isMenuCommand(other), String(other)).toBe(false);
  });

  it('uses per-platform keys where they differ (⌘Y is not Redo on macOS)', () => {
    expect(commandKeys('redo', false)).toEqual(['CmdOrCtrl+Shift+Z', 'CmdOrCtrl+Y']);
    expect(commandKeys('redo', true)).toEqual(['CmdOrCtrl+Shift+Z']);
    expect(commandForKey(press('KeyY', { metaKey: true }), true)).toBeUndefined();
    expect(commandKeys('about', false)).toEqual([]);
  });
});

describe('keys', () => {
  it('match key presses by physical key, so shortcuts work on a Cyrillic layout too', () => {
    expect(matchesAccelerator(press('KeyK', { ctrlKey: true }, 'л'), 'CmdOrCtrl+K', false)).toBe(true);
    expect(matchesAccelerator(press('KeyK', { metaKey: true }, 'k'), 'CmdOrCtrl+K', true)).toBe(true);
    expect(matchesAccelerator(press('KeyK', { ctrlKey: true }, 'k'), 'CmdOrCtrl+K', true)).toBe(false);
    expect(matchesAccelerator(press('KeyK', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+K', false)).toBe(false);
    expect(matchesAccelerator(press('KeyK', { ctrlKey: true, altKey: true }), 'CmdOrCtrl+K', false)).toBe(false);
    expect(matchesAccelerator(press('Numpad3', { ctrlKey: true }, '3'), 'CmdOrCtrl+3', false)).toBe(true);
    expect(matchesAccelerator(press('F1'), 'F1', false)).toBe(true);
    expect(matchesAccelerator(press('Slash', { ctrlKey: true }, '/'), 'CmdOrCtrl+/', false)).toBe(true);
  });

  it('find the command a key runs', () => {
    expect(commandForKey(press('KeyE', { ctrlKey: true }), false)).toBe('briefing:export');
    expect(commandForKey(press('KeyZ', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(commandForKey(press('KeyY', { ctrlKey: true }), false)).toBe('redo');
    expect(commandForKey(press('Digit4', { ctrlKey: true }, '4'), false)).toBe('navigate:briefings');
    expect(commandForKey(press('KeyJ'), false)).toBeUndefined();
  });

  it('are written as each platform does', () => {
    expect(formatAccelerator('CmdOrCtrl+Shift+A', false)).toBe('Ctrl+Shift+A');
    expect(formatAccelerator('CmdOrCtrl+Shift+A', true)).toBe('⇧⌘A');
    expect(formatAccelerator('Shift+Up', false)).toBe('Shift+↑');
    expect(() => parseAccelerator('Hyper+K')).toThrow(/Unknown modifier/);
  });
});

describe('the application menu model', () => {
  const linux = applicationMenuModel({ isMac: false, hasErrorLog: true, withDevTools: false });
  const mac = applicationMenuModel({ isMac: true, hasErrorLog: false, withDevTools: true });
  const labels = (model: TopMenuModel[], i: number) =>
    model[i]!.items.map((x) =>
      x.type === 'command' || x.type === 'recent-exports' || x.type === 'error-log'
        ? x.label
        : x.type === 'role'
          ? `role:${x.role}`
          : '—',
    );

  it('has File, Edit, View and Help with the items the issue asks for, in their groups', () => {
    expect(linux.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(labels(linux, 0)).toEqual([
      'Import Sources…',
      'Paste as Source…',
      'Import REFI-QDA Project…',
      'Import References (Zotero)…',
      '—',
      'New Passage from Selection',
      'New Threat',
      '—',
      'Export Briefing…',
      'Export Register as CSV…',
      'Export Register as STIX 2.1…',
      'Export Annotations (W3C)…',
      'Export REFI-QDA Project…',
      'Export Sources for Zotero…',
      'Recent Exports',
      '—',
      'Back up…',
      'Restore from backup…',
      'Backups…',
      '—',
      'Settings…',
      'role:quit',
    ]);
    expect(labels(linux, 1)).toEqual(['Undo', 'Redo', '—', 'role:cut', 'role:copy', 'role:paste', 'role:selectAll']);
    expect(labels(linux, 2)).toEqual([
      'Sources',
      'Register',
      'Countries',
      'Briefings',
      'Passages',
      'Search',
      'Actors',
      '—',
      'Go to Anything…',
      'Search the Workspace…',
      '—',
      'Larger Reading Text',
      'Smaller Reading Text',
      'Whole Text on the Page',
      '—',
      'role:resetZoom',
      'role:zoomIn',
      'role:zoomOut',
      '—',
      'role:togglefullscreen',
    ]);
    expect(labels(linux, 3)).toEqual([
      'Welcome',
      'Keyboard Shortcuts',
      'Open Error Log',
      '—',
      'About Analyst Workbench',
    ]);
    expect(linux[3]).toMatchObject({ role: 'help' });
  });

  it('takes every label and accelerator from the registry', () => {
    for (const [model, isMac] of [
      [linux, false],
      [mac, true],
    ] as const) {
      for (const top of model) {
        for (const item of top.items) {
          if (item.type !== 'command') continue;
          expect(item.label).toBe(USER_COMMANDS[item.command].title);
          expect(item.accelerator).toBe(acceleratorFor(item.command, isMac));
        }
      }
    }
    const file = linux[0]!.items;
    expect(file.find((i) => i.type === 'command' && i.command === 'import')).toMatchObject({
      accelerator: 'CmdOrCtrl+O',
    });
    expect(file.find((i) => i.type === 'command' && i.command === 'briefing:export')).toMatchObject({
      accelerator: 'CmdOrCtrl+E',
    });
  });

  it('holds only what the registry declares: its commands, roles and extras, each from one place', () => {
    for (const model of [linux, mac]) {
      const sent = commandsInMenu(model);
      expect(new Set(sent).size).toBe(sent.length);
      for (const id of sent) expect(isCommandId(id), id).toBe(true);
      const roles = model.flatMap((t) => t.items.flatMap((i) => (i.type === 'role' ? [i.role] : [])));
      for (const role of roles) expect(NATIVE_COMMANDS.map((n) => n.role)).toContain(role);
      const extras = model.flatMap((t) => t.items.flatMap((i) => (i.type === 'recent-exports' ? [i.label] : [])));
      expect(extras).toEqual(MENU_EXTRAS.map((e) => e.title));
      // No separator first, last or twice in a row.
      for (const top of model)
        top.items.forEach(
          (item, i) =>
            item.type === 'separator' &&
            expect(i > 0 && i < top.items.length - 1 && top.items[i - 1]!.type !== 'separator').toBe(true),
        );
    }
  });

  it('sends every command the registry places in the menu, except the error log main opens itself', () => {
    const placed = COMMAND_IDS.filter((id) => USER_COMMANDS[id].menu && !USER_COMMANDS[id].menuAnsweredByMain);
    expect(commandsInMenu(linux).sort()).toEqual([...placed].sort());
    const notSent: CommandId[] = COMMAND_IDS.filter((c) => !commandsInMenu(linux).includes(c));
    // Starting an empty workspace is offered by the welcome and the palette, not the menu.
    expect(notSent).toEqual(['open-error-log', 'workspace:start-empty', 'workspace:backup-on-quit']);
  });

  it('omits Open Error Log without a log, adds the macOS app menu, and shows developer tools only in development', () => {
    expect(mac[0]).toMatchObject({ label: 'Analyst Workbench', role: 'appMenu', items: [] });
    expect(mac.find((m) => m.label === '&Help')!.items.some((i) => i.type === 'error-log')).toBe(false);
    expect(mac.find((m) => m.label === '&File')!.items.at(-1)).toEqual({ type: 'role', role: 'close' });
    expect(
      mac.find((m) => m.label === '&View')!.items.some((i) => i.type === 'role' && i.role === 'toggleDevTools'),
    ).toBe(true);
    expect(
      linux.find((m) => m.label === '&View')!.items.some((i) => i.type === 'role' && i.role === 'toggleDevTools'),
    ).toBe(false);
  });
});

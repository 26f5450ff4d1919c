import { describe, expect, it } from 'vitest';
import { commandForKey, COMMAND_SHORTCUTS, formatAccelerator, matchesAccelerator, parseAccelerator, SHORTCUTS, type KeyPress } from '../../shared/commands/keymap';
import { applicationMenuModel, commandsInMenu } from '../../shared/commands/menu-model';
import { MENU_COMMANDS } from '../../shared/ipc/channels';

const press = (code: string, mods: Partial<KeyPress> = {}, key = ''): KeyPress => ({ code, key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

/** A chord as a comparable string, per platform (CmdOrCtrl is ⌘ on macOS, Ctrl elsewhere). */
const chordKey = (accelerator: string) => {
  const c = parseAccelerator(accelerator);
  return `${c.mod ? 'Mod+' : ''}${c.alt ? 'Alt+' : ''}${c.shift || c.code === 'Equal' ? 'Shift?+' : ''}${c.code}`;
};

/**
 * Keys a browser tab keeps for itself (a page never sees them) or that Chromium and Electron bind by
 * default; the same renderer runs in both, so the workbench must not want them.
 */
const RESERVED = ['CmdOrCtrl+N', 'CmdOrCtrl+T', 'CmdOrCtrl+W', 'CmdOrCtrl+Shift+N', 'CmdOrCtrl+Shift+T', 'CmdOrCtrl+Shift+W', 'CmdOrCtrl+Tab', 'CmdOrCtrl+Shift+Tab', 'CmdOrCtrl+R', 'CmdOrCtrl+Shift+R', 'F5', 'F12', 'CmdOrCtrl+Shift+I', 'CmdOrCtrl+Shift+J', 'CmdOrCtrl+Shift+C', 'CmdOrCtrl+Shift+Delete', 'CmdOrCtrl+M', 'CmdOrCtrl+H', 'CmdOrCtrl+Shift+Q'];

describe('the keymap', () => {
  it('gives no two global keys the same chord (menu accelerators, in-app keys and native roles together)', () => {
    const global = SHORTCUTS.filter((s) => s.kind !== 'local').flatMap((s) => s.keys.map((k) => ({ id: s.id, chord: chordKey(k) })));
    const seen = new Map<string, string>();
    for (const { id, chord } of global) {
      expect(seen.get(chord), `${id} and ${seen.get(chord)} both want ${chord}`).toBeUndefined();
      seen.set(chord, id);
    }
  });

  it('keeps scoped keys (reader, grid, popover) clear of every global key', () => {
    const global = new Set(SHORTCUTS.filter((s) => s.kind !== 'local').flatMap((s) => s.keys.map(chordKey)));
    for (const s of SHORTCUTS.filter((x) => x.kind === 'local')) for (const k of s.keys) expect(global.has(chordKey(k)), `${s.id}: ${k}`).toBe(false);
  });

  it('avoids keys Chromium or Electron keep, and Ctrl+Alt (AltGr on many keyboards)', () => {
    const reserved = new Set(RESERVED.map(chordKey));
    for (const s of SHORTCUTS) {
      for (const k of s.keys) {
        expect(reserved.has(chordKey(k)), `${s.id} uses reserved ${k}`).toBe(false);
        const c = parseAccelerator(k);
        expect(c.mod && c.alt, `${s.id} uses Ctrl+Alt`).toBe(false);
      }
    }
  });

  it('has a key for every main command the issue names', () => {
    const keyed = new Set(COMMAND_SHORTCUTS.map((s) => s.command));
    for (const command of ['import', 'annotation:new', 'threat:new', 'briefing:export', 'workspace:backup', 'search', 'palette', 'shortcuts', 'undo', 'redo'] as const) expect(keyed.has(command), command).toBe(true);
    for (const view of MENU_COMMANDS.filter((c) => c.startsWith('navigate:'))) expect(keyed.has(view), view).toBe(true);
  });

  it('matches key presses by physical key, so shortcuts work on a Cyrillic layout too', () => {
    expect(matchesAccelerator(press('KeyK', { ctrlKey: true }, 'л'), 'CmdOrCtrl+K', false)).toBe(true);
    expect(matchesAccelerator(press('KeyK', { metaKey: true }, 'k'), 'CmdOrCtrl+K', true)).toBe(true);
    expect(matchesAccelerator(press('KeyK', { ctrlKey: true }, 'k'), 'CmdOrCtrl+K', true)).toBe(false);
    expect(matchesAccelerator(press('KeyK', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+K', false)).toBe(false);
    expect(matchesAccelerator(press('KeyK', { ctrlKey: true, altKey: true }), 'CmdOrCtrl+K', false)).toBe(false);
    expect(matchesAccelerator(press('Numpad3', { ctrlKey: true }, '3'), 'CmdOrCtrl+3', false)).toBe(true);
    expect(matchesAccelerator(press('F1'), 'F1', false)).toBe(true);
    expect(matchesAccelerator(press('Slash', { ctrlKey: true }, '/'), 'CmdOrCtrl+/', false)).toBe(true);
  });

  it('finds the command a key runs', () => {
    expect(commandForKey(press('KeyE', { ctrlKey: true }), false)?.command).toBe('briefing:export');
    expect(commandForKey(press('KeyZ', { ctrlKey: true, shiftKey: true }), false)?.command).toBe('redo');
    expect(commandForKey(press('KeyY', { ctrlKey: true }), false)?.command).toBe('redo');
    expect(commandForKey(press('Digit4', { ctrlKey: true }, '4'), false)?.command).toBe('navigate:briefings');
    expect(commandForKey(press('KeyJ'), false)).toBeUndefined();
  });

  it('writes keys as each platform does', () => {
    expect(formatAccelerator('CmdOrCtrl+Shift+A', false)).toBe('Ctrl+Shift+A');
    expect(formatAccelerator('CmdOrCtrl+Shift+A', true)).toBe('⇧⌘A');
    expect(formatAccelerator('Shift+Up', false)).toBe('Shift+↑');
    expect(() => parseAccelerator('Hyper+K')).toThrow(/Unknown modifier/);
  });
});

describe('the application menu model', () => {
  const linux = applicationMenuModel({ isMac: false, hasErrorLog: true, withDevTools: false });

  it('has File, Edit, View and Help with the items the issue asks for', () => {
    expect(linux.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const labels = (i: number) => linux[i]!.items.flatMap((x) => (x.type === 'command' || x.type === 'recent-exports' || x.type === 'error-log' ? [x.label] : x.type === 'role' ? [`role:${x.role}`] : []));
    expect(labels(0)).toEqual([
      'Import Sources…',
      'Paste as Source…',
      'New Annotation from Selection',
      'New Threat',
      'Export Briefing…',
      'Export Register as CSV…',
      'Export Register as STIX 2.1…',
      'Export Annotations (W3C)…',
      'Recent Exports',
      'Back up…',
      'Restore from backup…',
      'Backups…',
      'role:quit',
    ]);
    expect(labels(1)).toEqual(['Undo', 'Redo', 'role:cut', 'role:copy', 'role:paste', 'role:selectAll']);
    expect(labels(3)).toEqual(['Keyboard Shortcuts', 'Open Error Log', 'About Analyst Workbench']);
  });

  it('takes every accelerator from the keymap', () => {
    for (const top of linux) {
      for (const item of top.items) {
        if (item.type !== 'command') continue;
        expect(item.accelerator).toBe(COMMAND_SHORTCUTS.find((s) => s.command === item.command)?.keys[0]);
      }
    }
    const file = linux[0]!.items;
    expect(file.find((i) => i.type === 'command' && i.command === 'import')).toMatchObject({ accelerator: 'CmdOrCtrl+O' });
    expect(file.find((i) => i.type === 'command' && i.command === 'briefing:export')).toMatchObject({ accelerator: 'CmdOrCtrl+E' });
  });

  it('sends only known commands, each from one place, and reaches every command but the quit-time backup and the error log', () => {
    const sent = commandsInMenu(linux);
    expect(new Set(sent).size).toBe(sent.length);
    // Main opens the error log itself (Help › Open Error Log); the renderer's command serves the palette.
    expect([...MENU_COMMANDS].filter((c) => !sent.includes(c))).toEqual(['open-error-log', 'workspace:backup-on-quit']);
  });

  it('omits Open Error Log without a log, adds the macOS app menu, and shows developer tools only in development', () => {
    const mac = applicationMenuModel({ isMac: true, hasErrorLog: false, withDevTools: true });
    expect(mac[0]).toMatchObject({ role: 'appMenu' });
    expect(mac.find((m) => m.label === '&Help')!.items.some((i) => i.type === 'error-log')).toBe(false);
    expect(mac.find((m) => m.label === '&File')!.items.at(-1)).toEqual({ type: 'role', role: 'close' });
    expect(mac.find((m) => m.label === '&View')!.items.some((i) => i.type === 'role' && i.role === 'toggleDevTools')).toBe(true);
    expect(linux.find((m) => m.label === '&View')!.items.some((i) => i.type === 'role' && i.role === 'toggleDevTools')).toBe(false);
  });
});

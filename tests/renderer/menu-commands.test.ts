import { afterEach, describe, expect, it } from 'vitest';
import { applicationMenuModel, commandsInMenu } from '../../shared/commands/menu-model';
import { COMMAND_SHORTCUTS } from '../../shared/commands/keymap';
// eslint-disable-next-line no-restricted-imports -- the test holds the renderer to the full list of commands main can send
import { MENU_COMMANDS } from '../../shared/ipc/channels';
import { deliverToView, hasViewHandler } from '../../renderer/features/desktop/command-bus';
import { MENU_COMMAND_HANDLERS, menuCommandHandler, registerMenuCommand, runMenuCommand } from '../../renderer/features/desktop/menu-commands';
import { useWorkbench } from '../../renderer/stores';

const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  useWorkbench.setState({ view: 'sources', paletteOpen: false, aboutOpen: false, undoStack: [], redoStack: [], readerFontSize: 17 });
  document.body.innerHTML = '';
});

describe('the renderer answers every menu command', () => {
  it('has a handler for every command the menu or a key can send, except the backups feature’s workspace:* commands', () => {
    const ownedByBackups = MENU_COMMANDS.filter((c) => c.startsWith('workspace:'));
    expect(ownedByBackups).toEqual(['workspace:backup', 'workspace:restore', 'workspace:backups', 'workspace:backup-on-quit']);
    for (const command of MENU_COMMANDS) {
      if (ownedByBackups.includes(command)) continue;
      expect(typeof menuCommandHandler(command), command).toBe('function');
    }
    const sent = new Set([...commandsInMenu(applicationMenuModel({ isMac: false, hasErrorLog: true, withDevTools: true })), ...COMMAND_SHORTCUTS.map((s) => s.command)]);
    for (const command of sent) if (!command.startsWith('workspace:')) expect(Object.keys(MENU_COMMAND_HANDLERS), command).toContain(command);
  });

  it('lets the backups feature answer its commands, and leaves a key alone while nothing does', () => {
    expect(runMenuCommand('workspace:backup')).toBe(false);
    let ran = 0;
    const unregister = registerMenuCommand('workspace:backup', () => ran++);
    expect(runMenuCommand('workspace:backup')).toBe(true);
    unregister();
    expect(runMenuCommand('workspace:backup')).toBe(false);
    expect(ran).toBe(1);
  });

  it('switches views, opens the palette and About, and sizes the reading text', async () => {
    runMenuCommand('navigate:register');
    await settle();
    expect(useWorkbench.getState().view).toBe('register');
    runMenuCommand('palette');
    expect(useWorkbench.getState().paletteOpen).toBe(true);
    runMenuCommand('about');
    expect(useWorkbench.getState().aboutOpen).toBe(true);
    runMenuCommand('reader:larger');
    runMenuCommand('reader:larger');
    runMenuCommand('reader:smaller');
    expect(useWorkbench.getState().readerFontSize).toBe(18);
  });

  it('routes Undo to the workspace’s undo stack outside text fields, and to the field inside one', async () => {
    const done: string[] = [];
    useWorkbench.getState().recordUndo({ label: 'add a threat', undo: async () => void done.push('undo'), redo: async () => void done.push('redo') });
    runMenuCommand('undo');
    await settle();
    runMenuCommand('redo');
    await settle();
    expect(done).toEqual(['undo', 'redo']);

    const field = document.createElement('textarea');
    document.body.append(field);
    field.focus();
    const calls: string[] = [];
    const original = document.execCommand;
    document.execCommand = ((name: string) => (calls.push(name), true)) as typeof document.execCommand;
    try {
      runMenuCommand('undo');
      runMenuCommand('redo');
    } finally {
      document.execCommand = original;
    }
    await settle();
    expect(calls).toEqual(['undo', 'redo']);
    expect(done).toEqual(['undo', 'redo']);
  });

  it('goes to the view that owns a command and hands it over once the view is there', async () => {
    expect(hasViewHandler('threat:new')).toBe(false);
    runMenuCommand('threat:new');
    await settle();
    expect(useWorkbench.getState().view).toBe('register');
    // The register view mounting late still receives the command (see useViewCommand).
    const { renderHook } = await import('@testing-library/react');
    const { useViewCommand } = await import('../../renderer/features/desktop/command-bus');
    let created = 0;
    const view = renderHook(() => useViewCommand('threat:new', () => created++));
    await settle();
    expect(created).toBe(1);
    deliverToView('threat:new');
    expect(created).toBe(2);
    view.unmount();
    expect(hasViewHandler('threat:new')).toBe(false);
  });
});

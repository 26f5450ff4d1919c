import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applicationMenuModel, commandsInMenu } from '../../shared/commands/menu-model';
import { COMMAND_IDS, USER_COMMANDS, type CommandId } from '../../shared/commands/registry';
import { shortcuts } from '../../shared/commands/shortcuts';
import {
  bindCommandHandler,
  commandChecked,
  COMMAND_BINDINGS,
  commandState,
  isAnswered,
  pendingCommands,
  runCommand,
  setLeaveGuard,
  useViewCommand,
} from '../../renderer/workspace/user-commands';
import { useWorkbench } from '../../renderer/stores';
import { workspace } from '../../renderer/workspace';
import { db } from '../../renderer/db';
import { createTag } from '../../renderer/workspace/commands/codebook';

declare global {
  interface ImportMeta {
    /** Vite's glob import (here: every renderer source file's text, by path). */
    glob(pattern: string, options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>;
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const notices = () => useWorkbench.getState().notices.map((n) => n.message);

afterEach(() => {
  useWorkbench.setState({ view: 'sources', paletteOpen: false, aboutOpen: false, readerFontSize: 17, notices: [] });
  workspace.clearHistory();
  setLeaveGuard(() => Promise.resolve(true));
  document.body.innerHTML = '';
});

/** Where the renderer binds handlers: the command ids passed to useViewCommand or bindCommandHandler. */
function commandsBoundInSources(): Map<CommandId, string[]> {
  const sources = import.meta.glob('../../renderer/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });
  const bound = new Map<CommandId, string[]>();
  for (const [path, text] of Object.entries(sources)) {
    for (const match of text.matchAll(/\b(?:useViewCommand|bindCommandHandler)\(\s*'([^']+)'/g)) {
      const id = match[1] as CommandId;
      bound.set(id, [...(bound.get(id) ?? []), path.replace('../../', '')]);
    }
  }
  return bound;
}

describe('every command of the registry has its handler in the renderer', () => {
  it('binds every registry id, and nothing else', () => {
    expect(Object.keys(COMMAND_BINDINGS).sort()).toEqual([...COMMAND_IDS].sort());
  });

  it('has a component that answers each command the views or the app answer', () => {
    const bound = commandsBoundInSources();
    for (const id of COMMAND_IDS) {
      if (COMMAND_BINDINGS[id].does === 'run') continue;
      expect(bound.get(id), `nothing binds a handler for ${id}`).toBeDefined();
    }
    // …and binds handlers for registry commands only.
    for (const id of bound.keys()) expect(COMMAND_IDS, id).toContain(id);
    expect(bound.get('briefing:export')).toEqual(['renderer/features/briefings/BriefingsView.tsx']);
    expect(bound.get('workspace:backup')).toEqual(['renderer/features/backup/useBackupCommands.ts']);
  });

  it('knows every command the menu, the keys and the palette can give', () => {
    const fromMenu = commandsInMenu(applicationMenuModel({ isMac: false, hasErrorLog: true, withDevTools: true }));
    const fromKeys = [false, true].flatMap((isMac) =>
      shortcuts(isMac).flatMap((s) => (s.kind === 'command' ? [s.command] : [])),
    );
    const fromPalette = COMMAND_IDS.filter((id) => USER_COMMANDS[id].palette);
    for (const id of [...fromMenu, ...fromKeys, ...fromPalette]) expect(COMMAND_BINDINGS[id], id).toBeDefined();
  });
});

describe('the dispatcher', () => {
  it('switches views, opens the palette and About, and sizes the reading text within its limits', async () => {
    runCommand('navigate:register');
    await settle();
    expect(useWorkbench.getState().view).toBe('register');
    runCommand('palette');
    expect(useWorkbench.getState().paletteOpen).toBe(true);
    runCommand('about');
    expect(useWorkbench.getState().aboutOpen).toBe(true);
    runCommand('reader:larger');
    runCommand('reader:larger');
    runCommand('reader:smaller');
    expect(useWorkbench.getState().readerFontSize).toBe(18);
    useWorkbench.setState({ readerFontSize: 26 });
    expect(commandState('reader:larger')).toEqual({ enabled: false, reason: 'The reading text is at its largest.' });
    expect(runCommand('reader:larger')).toBe(true);
    expect(notices()).toEqual(['The reading text is at its largest.']);
  });

  it('says whether Whole Text is on, for the menu item’s check mark; other commands are never checked', () => {
    useWorkbench.setState({ readerWholeText: false });
    expect(commandChecked('reader:whole-text')).toBe(false);
    runCommand('reader:whole-text');
    expect(useWorkbench.getState().readerWholeText).toBe(true);
    expect(commandChecked('reader:whole-text')).toBe(true);
    runCommand('reader:whole-text');
    expect(commandChecked('reader:whole-text')).toBe(false);
    expect(commandChecked('reader:larger')).toBe(false);
    // The menu shows exactly the registry's settings as checkbox items.
    const toggles = applicationMenuModel({ isMac: false, hasErrorLog: false, withDevTools: false }).flatMap((top) =>
      top.items.flatMap((i) => (i.type === 'command' && i.toggle ? [i.command] : [])),
    );
    expect(toggles).toEqual(COMMAND_IDS.filter((id) => USER_COMMANDS[id].toggle && USER_COMMANDS[id].menu));
    expect(toggles).toContain('reader:whole-text');
  });

  it('asks about typed input before it leaves the view, and stays when the analyst keeps editing', async () => {
    setLeaveGuard(() => Promise.resolve(false));
    runCommand('navigate:countries');
    runCommand('threat:new');
    await settle();
    expect(useWorkbench.getState().view).toBe('sources');
    expect(pendingCommands()).toEqual([]);
  });

  it('routes Undo to the workspace’s history outside text fields, and to the field inside one', async () => {
    // Nothing to undo: the key does nothing, without a word; the palette says why.
    expect(commandState('undo')).toEqual({ enabled: false, reason: 'There is nothing to undo.' });
    expect(runCommand('undo')).toBe(true);
    expect(notices()).toEqual([]);

    const tag = await workspace.perform(createTag, { name: `Undo routing ${crypto.randomUUID()}` });
    expect(commandState('undo')).toEqual({ enabled: true });
    runCommand('undo');
    await settle();
    expect(await db.tags.get(tag.id)).toBeUndefined();
    runCommand('redo');
    await settle();
    expect(await db.tags.get(tag.id)).toEqual(tag);

    const field = document.createElement('textarea');
    document.body.append(field);
    field.focus();
    const calls: string[] = [];
    const original = document.execCommand;
    document.execCommand = ((name: string) => (calls.push(name), true)) as typeof document.execCommand;
    try {
      runCommand('undo');
      runCommand('redo');
    } finally {
      document.execCommand = original;
    }
    await settle();
    expect(calls).toEqual(['undo', 'redo']);
    // Inside a text field the keys undo typing, not the workspace.
    expect(await db.tags.get(tag.id)).toEqual(tag);
  });

  it('leaves a command alone while nothing on screen answers it, then runs the handler bound for it', () => {
    expect(runCommand('workspace:backup')).toBe(false);
    expect(commandState('workspace:backup')).toEqual({ enabled: false, reason: undefined });
    let ran = 0;
    const unbind = bindCommandHandler('workspace:backup', { run: () => ran++ });
    expect(runCommand('workspace:backup')).toBe(true);
    unbind();
    expect(runCommand('workspace:backup')).toBe(false);
    expect(ran).toBe(1);
  });

  it('says why New Passage cannot run until the reader answers it', () => {
    expect(runCommand('annotation:new')).toBe(true);
    expect(notices()).toEqual([
      'Open a source in Sources and select a passage in its text, then choose New Passage (or press A).',
    ]);
  });

  it('goes to the view that owns a command, which runs it as soon as it binds its handler — once', async () => {
    expect(isAnswered('threat:new')).toBe(false);
    runCommand('threat:new');
    await settle();
    expect(useWorkbench.getState().view).toBe('register');
    expect(pendingCommands()).toEqual(['threat:new']);
    // The register view, still loading: not ready, so nothing runs yet.
    let created = 0;
    const view = renderHook(({ ready }) => useViewCommand('threat:new', () => created++, ready), {
      initialProps: { ready: false },
    });
    expect(created).toBe(0);
    view.rerender({ ready: true });
    expect(created).toBe(1);
    expect(pendingCommands()).toEqual([]);
    // On the view, the command runs at once.
    runCommand('threat:new');
    expect(created).toBe(2);
    view.unmount();
    expect(isAnswered('threat:new')).toBe(false);
  });

  it('drops a command queued for a view once the analyst goes elsewhere', async () => {
    runCommand('briefing:export');
    await settle();
    expect(pendingCommands()).toEqual(['briefing:export']);
    act(() => useWorkbench.getState().navigate('countries'));
    expect(pendingCommands()).toEqual([]);
    let exported = 0;
    act(() => useWorkbench.getState().navigate('briefings'));
    const view = renderHook(() => useViewCommand('briefing:export', () => exported++));
    expect(exported).toBe(0);
    view.unmount();
  });

  it('asks the view whether what it holds lets the command run, and says why not', async () => {
    runCommand('briefing:export');
    await settle();
    let exported = 0;
    let briefings = 0;
    const view = renderHook(() =>
      useViewCommand(
        'briefing:export',
        () => exported++,
        true,
        () => (briefings > 0 ? true : 'There is no briefing to export yet.'),
      ),
    );
    // The queued command reached the view, which had nothing to export.
    expect(exported).toBe(0);
    expect(notices()).toEqual(['There is no briefing to export yet.']);
    expect(commandState('briefing:export')).toEqual({ enabled: false, reason: 'There is no briefing to export yet.' });
    briefings = 1;
    expect(commandState('briefing:export')).toEqual({ enabled: true });
    runCommand('briefing:export');
    expect(exported).toBe(1);
    view.unmount();
  });
});

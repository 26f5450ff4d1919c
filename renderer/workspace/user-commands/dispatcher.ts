import type { CommandId } from '../../../shared/commands/registry';
import { useWorkbench, type View } from '../../stores';
import { workspace } from '../index';
import { COMMAND_BINDINGS, focusInTextField } from './bindings';
import { leaveThen } from './leave-guard';

/**
 * The one dispatcher of the user's commands: the desktop menu (over IPC), the keys (app/useShortcuts),
 * the palette and toolbar buttons all call runCommand, so a command does the same thing however it is
 * given, and is refused (with the reason) the same way when it is not enabled.
 *
 * Components bind handlers for the commands they answer (bindCommandHandler, or useViewCommand in a
 * view); the latest bound handler answers. A command for a view that is not on screen is queued, the
 * dispatcher goes to the view, and the view runs it the moment it binds its handler — deterministic, no
 * timers. Leaving that view (or never reaching it) drops what was queued for it.
 */

/** A component's answer to a command, and (optionally) whether what it holds lets the command run now. */
export interface CommandHandler {
  run: () => void;
  enabled?: () => true | string;
}

const handlers = new Map<CommandId, CommandHandler[]>();
const listeners = new Set<() => void>();
let version = 0;
/** Commands given for a view that was not on screen (or not loaded) yet, in the order given. */
let pending: { id: CommandId; view: View }[] = [];

const state = () => useWorkbench.getState();

function changed() {
  version++;
  for (const listener of listeners) listener();
}

// Undo and Redo turn on and off with the workspace's history.
workspace.subscribe(changed);

// What was queued for a view is dropped once the analyst is somewhere else.
useWorkbench.subscribe((s, before) => {
  if (s.view !== before.view) pending = pending.filter((p) => p.view === s.view);
});

function answering(id: CommandId): CommandHandler | undefined {
  return handlers.get(id)?.at(-1);
}

/** Why the command cannot run now, or undefined when it can. */
function disabledReason(id: CommandId): string | undefined {
  const handler = answering(id);
  const own = COMMAND_BINDINGS[id].enabled?.({
    state: state(),
    answered: handler !== undefined,
    inTextField: focusInTextField(),
  });
  if (typeof own === 'string') return own;
  const held = handler?.enabled?.();
  return typeof held === 'string' ? held : undefined;
}

/** Runs a handler unless what it holds says no (then says why). */
function answer(handler: CommandHandler) {
  const held = handler.enabled?.();
  if (typeof held === 'string') state().notify('info', held);
  else handler.run();
}

/**
 * Binds `handler` to a command until the returned function is called. A command queued for this
 * handler's view runs now.
 */
export function bindCommandHandler(id: CommandId, handler: CommandHandler): () => void {
  const list = handlers.get(id) ?? [];
  list.push(handler);
  handlers.set(id, list);
  changed();
  const queued = pending.findIndex((p) => p.id === id);
  if (queued >= 0) {
    pending.splice(queued, 1);
    answer(handler);
  }
  return () => {
    const at = list.indexOf(handler);
    if (at < 0) return;
    list.splice(at, 1);
    changed();
  };
}

export type CommandState =
  { enabled: true } | { enabled: false; reason: string } | { enabled: false; reason: undefined };

/**
 * Whether a command can run now, and why not. `reason` is undefined when nothing on screen answers the
 * command yet (a component not mounted); such a command is left alone by its key.
 */
export function commandState(id: CommandId): CommandState {
  const binding = COMMAND_BINDINGS[id];
  const reason = disabledReason(id);
  if (reason !== undefined) return { enabled: false, reason };
  if (binding.does === 'where-mounted' && !answering(id)) return { enabled: false, reason: undefined };
  return { enabled: true };
}

/** Whether a setting turned on and off by the command is on now (false for every other command). */
export function commandChecked(id: CommandId): boolean {
  return COMMAND_BINDINGS[id].checked?.(state()) ?? false;
}

/**
 * Runs a command as the analyst gave it. Answers false when nothing in the renderer answers it (so a key
 * is left to the browser); a disabled command is answered by saying why (or, for Undo and the like, by
 * doing nothing).
 */
export function runCommand(id: CommandId): boolean {
  const binding = COMMAND_BINDINGS[id];
  const reason = disabledReason(id);
  if (reason !== undefined) {
    if (!binding.quietWhenDisabled) state().notify('info', reason);
    return true;
  }
  const handler = answering(id);
  switch (binding.does) {
    case 'run':
      binding.run();
      return true;
    case 'where-mounted':
      if (!handler) return false;
      answer(handler);
      return true;
    case 'in-view': {
      if (handler && state().view === binding.view) {
        answer(handler);
        return true;
      }
      const queue = () => {
        if (!pending.some((p) => p.id === id)) pending.push({ id, view: binding.view });
      };
      // On the view already (its data still loading): it runs the command once it binds its handler.
      if (state().view === binding.view) queue();
      else
        leaveThen(() => {
          queue();
          state().navigate(binding.view);
        });
      return true;
    }
  }
}

/** For hooks that re-render when handlers come and go or the history moves (so an enabled state is current). */
export function subscribeCommands(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function commandsVersion(): number {
  return version;
}

/** Whether a handler is bound for the command now (tests, and views that need to know). */
export function isAnswered(id: CommandId): boolean {
  return answering(id) !== undefined;
}

/** Commands queued for a view that has not bound its handler yet (tests). */
export function pendingCommands(): readonly CommandId[] {
  return pending.map((p) => p.id);
}

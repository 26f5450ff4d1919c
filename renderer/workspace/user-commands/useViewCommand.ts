import { useEffect, useRef, useSyncExternalStore } from 'react';
import { USER_COMMANDS, type CommandId } from '../../../shared/commands/registry';
import { commandTitle, useT } from '../../i18n';
import { useWorkbench } from '../../stores';
import { bindCommandHandler, commandState, runCommand, subscribeCommands, type CommandState } from './dispatcher';
import { ariaKeys, keyHint, keysOf } from './platform-keys';

/**
 * Answers `command` while the calling component is mounted and `ready` (its data has loaded); the
 * latest mounted handler answers. `enabled` says whether what the component holds lets the command run
 * (else the sentence saying why): the palette shows it, and choosing the command says it. A command
 * given from elsewhere before the component was there runs as soon as it is ready.
 */
export function useViewCommand(
  command: CommandId,
  handler: () => void,
  ready = true,
  enabled?: () => true | string,
): void {
  const latest = useRef({ handler, enabled });
  latest.current = { handler, enabled };
  const hasEnabled = enabled !== undefined;
  useEffect(
    () =>
      ready
        ? bindCommandHandler(command, {
            run: () => latest.current.handler(),
            ...(hasEnabled ? { enabled: () => latest.current.enabled?.() ?? true } : {}),
          })
        : undefined,
    [command, ready, hasEnabled],
  );
}

/** What a toolbar button needs for a command: its title and key (from the registry), its state, and how to run it. */
export interface UserCommandView {
  title: string;
  /** The first key as this platform writes it ("Ctrl+E"), if the command has one. */
  key: string | undefined;
  /** aria-keyshortcuts for every key of the command. */
  ariaKeyShortcuts: string | undefined;
  state: CommandState;
  run: () => void;
}

/** A command's state as one comparable value: enabled, or disabled with its reason. */
function stateKey(id: CommandId): string {
  const now = commandState(id);
  return now.enabled ? 'enabled' : `disabled:${now.reason ?? ''}`;
}

/** A command for a toolbar button: re-renders when its enabled state may have changed. */
export function useUserCommand(id: CommandId): UserCommandView {
  // A handler bound or unbound, or the history moving: re-render when, for this command, the state turns —
  // not at every change to the workspace (each edit moves the history, and a dozen buttons and rail items
  // re-rendered with it, their state unchanged).
  useSyncExternalStore(subscribeCommands, () => stateKey(id));
  // Titles follow the interface language: re-render when it changes.
  useT();
  // Enablement reads the UI store (undo stack, view, reading size): re-render when, for this command, it turns.
  useWorkbench(() => stateKey(id));
  const keys = keysOf(id);
  return {
    title: commandTitle(id, USER_COMMANDS[id].title),
    key: keyHint(id),
    ariaKeyShortcuts: keys.length > 0 ? ariaKeys(keys) : undefined,
    state: commandState(id),
    run: () => void runCommand(id),
  };
}

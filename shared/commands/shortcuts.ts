/**
 * The registry's keys, derived: the rows of the shortcut sheet, and the command a key press runs.
 */
import { matchesAccelerator, type KeyPress } from './keys';
import {
  COMMAND_IDS,
  commandKeys,
  LOCAL_KEYS,
  NATIVE_COMMANDS,
  USER_COMMANDS,
  type CommandId,
  type KeyScope,
  type NativeRole,
  type ShortcutGroup,
} from './registry';

/** One row of the shortcut sheet. */
export type Shortcut = {
  id: string;
  group: ShortcutGroup;
  scope: KeyScope;
  /** What the key does, as the sheet says it. */
  description: string;
  keys: readonly string[];
} & ({ kind: 'command'; command: CommandId } | { kind: 'native'; role: NativeRole } | { kind: 'local' });

/** Every key of the registry on this platform, in the sheet's order within each group. */
export function shortcuts(isMac: boolean): Shortcut[] {
  const commands = COMMAND_IDS.flatMap((id): Shortcut[] => {
    const keys = commandKeys(id, isMac);
    const declared = USER_COMMANDS[id];
    if (keys.length === 0) return [];
    return [
      {
        kind: 'command',
        id,
        command: id,
        group: declared.sheet ?? 'Global',
        scope: 'global',
        description: declared.description ?? declared.title,
        keys,
      },
    ];
  });
  const natives = NATIVE_COMMANDS.filter((n) => n.keys.length > 0).map((n): Shortcut => ({
    kind: 'native',
    id: `role:${n.role}`,
    role: n.role,
    group: 'Window',
    scope: 'global',
    description: n.title,
    keys: n.keys,
  }));
  const locals = LOCAL_KEYS.map((l): Shortcut => ({
    kind: 'local',
    id: l.id,
    group: l.group,
    scope: l.scope,
    description: l.description,
    keys: l.keys,
  }));
  return [...commands, ...locals, ...natives];
}

/** The command a key press runs, if any. */
export function commandForKey(press: KeyPress, isMac: boolean): CommandId | undefined {
  return COMMAND_IDS.find((id) => commandKeys(id, isMac).some((k) => matchesAccelerator(press, k, isMac)));
}

/** The accelerator the menu shows for a command (its first key on this platform), if it has one. */
export function acceleratorFor(id: CommandId, isMac: boolean): string | undefined {
  return commandKeys(id, isMac)[0];
}

import { ariaKeyShortcut, formatAccelerator } from '../../../shared/commands/keys';
import { commandKeys, type CommandId } from '../../../shared/commands/registry';

/** macOS names CmdOrCtrl ⌘; everywhere else it is Ctrl. */
export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}

/** An accelerator as this platform writes it ("Ctrl+Shift+A" or "⇧⌘A"). */
export function keyLabel(accelerator: string): string {
  return formatAccelerator(accelerator, isMac());
}

/** The value of aria-keyshortcuts for these accelerators. */
export function ariaKeys(accelerators: readonly string[]): string {
  return accelerators.map((a) => ariaKeyShortcut(a, isMac())).join(' ');
}

/** A command's keys on this platform, from the registry. */
export function keysOf(id: CommandId): readonly string[] {
  return commandKeys(id, isMac());
}

/** A command's first key as this platform writes it (a palette hint, a button's title), if it has one. */
export function keyHint(id: CommandId): string | undefined {
  const first = keysOf(id)[0];
  return first === undefined ? undefined : keyLabel(first);
}

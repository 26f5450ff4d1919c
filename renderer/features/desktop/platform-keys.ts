import { ariaKeyShortcut, formatAccelerator } from '../../../shared/commands/keymap';

/** macOS names CmdOrCtrl ⌘; everywhere else it is Ctrl. */
export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}

/** An accelerator as this platform writes it ("Ctrl+Shift+A" or "⇧⌘A"). */
export function keyLabel(accelerator: string): string {
  return formatAccelerator(accelerator, isMac());
}

export function ariaKeys(accelerators: readonly string[]): string {
  return accelerators.map((a) => ariaKeyShortcut(a, isMac())).join(' ');
}

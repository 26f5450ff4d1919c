import type { ReactNode } from 'react';
import type { CommandId } from '../../../shared/commands/registry';
import { useUserCommand } from '../../workspace/user-commands';

/**
 * A toolbar button for a registry command: it runs the command through the one dispatcher, so the
 * button, the menu item, the key and the palette entry do the same thing and are enabled alike. The
 * label may be shorter than the menu's title ("Import…" for "Import Sources…"); the tooltip gives the
 * title and the key. A disabled command keeps its button clickable: the click says why it cannot run.
 */
export function CommandButton({
  command,
  children,
  hint,
  className,
}: {
  command: CommandId;
  children?: ReactNode;
  /** More for the tooltip, after the title and key ("or drop files on the window"). */
  hint?: string;
  className?: string;
}) {
  const { title, key, ariaKeyShortcuts, state, run } = useUserCommand(command);
  const tooltip = [key ? `${title} (${key})` : title, hint, state.enabled ? undefined : state.reason]
    .filter(Boolean)
    .join(' — ');
  return (
    <button
      type="button"
      className={className}
      aria-keyshortcuts={ariaKeyShortcuts}
      aria-disabled={state.enabled ? undefined : true}
      title={tooltip}
      onClick={run}
    >
      {children ?? title}
    </button>
  );
}

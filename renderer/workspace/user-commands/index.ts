/**
 * The renderer's side of the user's commands: the binding of every registry command to what it does
 * (bindings.ts), the one dispatcher the menu, keys, palette and toolbar buttons use (dispatcher.ts), and
 * the hooks views and buttons call. The declarations themselves (titles, keys, menu places) are in
 * shared/commands/registry.ts, where main builds the menu from them too.
 */
export { COMMAND_BINDINGS, focusInTextField, type Binding, type CommandContext, type Enabled } from './bindings';
export {
  bindCommandHandler,
  commandChecked,
  commandState,
  isAnswered,
  pendingCommands,
  runCommand,
  subscribeCommands,
  commandsVersion,
  type CommandHandler,
  type CommandState,
} from './dispatcher';
export { setLeaveGuard } from './leave-guard';
export { ariaKeys, isMac, keyHint, keyLabel, keysOf } from './platform-keys';
export { useUserCommand, useViewCommand, type UserCommandView } from './useViewCommand';

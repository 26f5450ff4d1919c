import { useSyncExternalStore } from 'react';
import { db } from '../db';
import { useWorkbench } from '../stores';
import { Workspace, type HistoryState } from './workspace';

/**
 * The app's workspace: every view changes the workspace by `workspace.perform(command, args)` and
 * nothing else; tests build their own `Workspace` over a database of their own.
 */
export const workspace = new Workspace(db, {
  onSaving: () => useWorkbench.setState({ saveState: 'saving' }),
  onSaved: () => useWorkbench.setState({ saveState: 'saved' }),
  onFailed: (message) => {
    useWorkbench.setState({ saveState: 'failed' });
    useWorkbench.getState().notify('error', message);
  },
  onInfo: (message) => useWorkbench.getState().notify('info', message),
});

/** Whether there is a step to undo or redo, and what it is called; re-renders when that changes. */
export function useHistory(): HistoryState {
  return useSyncExternalStore(
    (listener) => workspace.subscribe(listener),
    () => workspace.history(),
  );
}

export {
  Workspace,
  defineCommand,
  CommandFailed,
  type Command,
  type HistoryState,
  type HistoryStep,
  type PerformOptions,
  type WorkspaceHooks,
} from './workspace';
export { ChangeSet, CommandRefusal, asWritten } from './change-set';

import type { WorkbenchDatabase } from '../../renderer/db/database';
import { Workspace, type Command } from '../../renderer/workspace/workspace';

const workspaces = new WeakMap<WorkbenchDatabase, Workspace>();

/** The workspace of a test's own database: one per database, so undo and redo follow its commands. */
export function workspaceOf(db: WorkbenchDatabase): Workspace {
  let found = workspaces.get(db);
  if (!found) {
    found = new Workspace(db);
    workspaces.set(db, found);
  }
  return found;
}

/** Runs a command on a test's database as the app runs it on its own. */
export function perform<Args, Result>(
  db: WorkbenchDatabase,
  command: Command<Args, Result>,
  args: NoInfer<Args>,
): Promise<Result> {
  return workspaceOf(db).perform(command, args);
}

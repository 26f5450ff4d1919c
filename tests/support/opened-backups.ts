import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dispatch } from '../../main/ipc/dispatch';
import { Backups } from '../../main/services/backups';
import { ensureDataFolder } from '../../main/services/data-folder';
import { OpenedBackupsInbox } from '../../main/services/launched-backups';
import { SourceStore } from '../../main/services/source-store';
import type { WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import type { WorkbenchApi } from '../../shared/ipc';
import { createApiClient } from '../../shared/ipc/client';
import { realHandlerTable } from './handler-table';

/**
 * A colleague's backup of `snapshot` as a real file: written by the Backups service into their own data
 * folder (`theirRoot`), then handed over as `<handOverFolder>/<name>`. Answers the handed-over path.
 */
export async function colleaguesBackupFile(
  snapshot: WorkspaceSnapshot,
  theirRoot: string,
  handOverFolder: string,
  name: string,
): Promise<string> {
  const theirs = await ensureDataFolder(theirRoot);
  const written = await new Backups({
    folder: theirs.backups,
    store: new SourceStore(theirs.sources),
    appVersion: '0.0.0-test',
  }).write({ snapshot, reason: 'manual', keep: 10 });
  const path = join(handOverFolder, name);
  await copyFile(written.path!, path);
  return path;
}

/** A file that only looks like a backup by its name. */
export async function notABackupFile(folder: string, name: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, 'not a backup');
  return path;
}

/**
 * `window.workbench` over the real handler table of `dataRoot`, as the desktop app serves it after the
 * system opened `paths` (a double-click on each): main has already checked them and taken them in.
 */
export async function workbenchAfterOpening(dataRoot: string, paths: readonly string[]): Promise<WorkbenchApi> {
  const inbox = new OpenedBackupsInbox((await ensureDataFolder(dataRoot)).backups);
  await inbox.adopt(paths);
  const table = await realHandlerTable(dataRoot, { openedBackups: inbox });
  return createApiClient(
    (_channel, key, args) => dispatch(table, key, args),
    () => () => undefined,
  );
}

import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { Backups } from '../../main/services/backups';
import { ensureDataFolder } from '../../main/services/data-folder';
import { adoptBackupFile, OpenedBackupsInbox } from '../../main/services/launched-backups';
import { SourceStore } from '../../main/services/source-store';
import { WORKSPACE_SCHEMA_VERSION } from '../../shared/interop/backup';
import { WORKSPACE_TABLES, type WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import { realHandlerTable } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();

/** A colleague's installation: a real backup of a small workspace, written by the Backups service into their own folder. */
async function colleaguesBackup(): Promise<{ path: string; bytes: Buffer }> {
  const theirs = await ensureDataFolder(await tempFolder());
  const tables = Object.fromEntries(WORKSPACE_TABLES.map((t) => [t, [] as unknown[]])) as WorkspaceSnapshot['tables'];
  tables.meta = [{ key: 'importLimitBytes', value: 52428800 }];
  const snapshot: WorkspaceSnapshot = {
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    replicaId: crypto.randomUUID(),
    createdAt: '2025-04-02T07:30:00.000Z',
    tables,
    mergeBases: {},
  };
  const written = await new Backups({
    folder: theirs.backups,
    store: new SourceStore(theirs.sources),
    appVersion: '1.2.3',
  }).write({ snapshot, reason: 'daily', keep: 10 });
  // As a colleague hands it over: renamed, somewhere outside any backups folder.
  const path = join(await tempFolder(), 'From Aigerim.awbackup');
  await copyFile(written.path!, path);
  return { path, bytes: await readFile(path) };
}

async function mine() {
  const folder = await ensureDataFolder(await tempFolder());
  return {
    folder,
    backups: new Backups({ folder: folder.backups, store: new SourceStore(folder.sources), appVersion: '1.2.3' }),
  };
}

describe('backup files opened from the system', () => {
  it('checks a sound file and copies it into the backups folder, listed as one that is never pruned', async () => {
    const { path, bytes } = await colleaguesBackup();
    const { folder, backups } = await mine();
    const id = await adoptBackupFile(folder.backups, path);
    expect(id).toMatch(/^Analyst Workbench \d{4}-\d{2}-\d{2} \d{4}\.awbackup$/);
    expect(await readFile(join(folder.backups, id))).toEqual(bytes);
    const [listed] = await backups.list();
    expect(listed).toMatchObject({ id, createdAt: '2025-04-02T07:30:00.000Z', reason: 'daily', problem: null });
    // It opens by id, as Restore… and Merge… in the list do.
    expect((await backups.open({ backupId: id })).snapshot.createdAt).toBe('2025-04-02T07:30:00.000Z');
  });

  it('refuses a damaged or foreign file with a sentence naming it, and copies nothing', async () => {
    const { path, bytes } = await colleaguesBackup();
    const { folder } = await mine();
    const cut = join(await tempFolder(), 'cut.awbackup');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const foreign = join(await tempFolder(), 'notes.awbackup');
    await writeFile(foreign, 'not a backup at all');
    const inbox = new OpenedBackupsInbox(folder.backups);
    expect(await inbox.adopt([cut, foreign, join(folder.root, 'gone.awbackup'), path])).toBe(true);
    const taken = inbox.take();
    expect(taken.adopted).toHaveLength(1);
    expect(taken.refused).toEqual([
      '“cut.awbackup” was not added to the backups. The backup file is damaged or incomplete — it may have been cut off while it was copied. Nothing was changed. Use another backup.',
      expect.stringMatching(
        /^“notes\.awbackup” was not added to the backups\. This file is not an Analyst Workbench backup/,
      ),
      '“gone.awbackup” could not be found, so it was not added to the backups. Check that the file is still where it was opened from.',
    ]);
    expect(await readdir(folder.backups)).toEqual(taken.adopted);
    // Handed out once.
    expect(inbox.take()).toEqual({ adopted: [], refused: [] });
  });

  it('does not duplicate a file already in the backups folder, or the same bytes opened twice', async () => {
    const { path } = await colleaguesBackup();
    const { folder } = await mine();
    const first = await adoptBackupFile(folder.backups, path);
    const copyElsewhere = join(await tempFolder(), 'Aigerim again.awbackup');
    await copyFile(path, copyElsewhere);
    expect(await adoptBackupFile(folder.backups, copyElsewhere)).toBe(first);
    expect(await adoptBackupFile(folder.backups, join(folder.backups, first))).toBe(first);
    expect(await readdir(folder.backups)).toEqual([first]);
    const inbox = new OpenedBackupsInbox(folder.backups);
    await inbox.adopt([path, copyElsewhere]);
    expect(inbox.take()).toEqual({ adopted: [first], refused: [] });
  });

  it('reaches the window through takeOpenedBackups; a host without opened files answers nothing', async () => {
    const { path } = await colleaguesBackup();
    const dataRoot = await tempFolder();
    const inbox = new OpenedBackupsInbox((await ensureDataFolder(dataRoot)).backups);
    await inbox.adopt([path]);
    const table = await realHandlerTable(dataRoot, { openedBackups: inbox });
    const answer = await dispatch(table, 'takeOpenedBackups', []);
    expect(answer).toMatchObject({ ok: true, value: { adopted: [expect.stringMatching(/\.awbackup$/)], refused: [] } });
    expect(await dispatch(table, 'takeOpenedBackups', [])).toEqual({ ok: true, value: { adopted: [], refused: [] } });
    expect(await dispatch(await realHandlerTable(await tempFolder()), 'takeOpenedBackups', [])).toEqual({
      ok: true,
      value: { adopted: [], refused: [] },
    });
  });
});

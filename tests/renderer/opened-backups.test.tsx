import { storeTextsThrough } from './source-text';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../renderer/db';
import { registerMergeHandler } from '../../renderer/features/backup/backup-actions';
import { Backups } from '../../renderer/features/backup/Backups';
import { useWorkbench } from '../../renderer/stores';
import { workspace } from '../../renderer/workspace';
import { readBackupSnapshot } from '../../renderer/workspace/commands/backup';
import { seedDemoWorkspaceOnce } from '../../renderer/workspace/commands/seed';
import type { WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import { colleaguesBackupFile, notABackupFile, workbenchAfterOpening } from '../support/opened-backups';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();

beforeEach(async () => {
  await db.transaction('rw', db.workspaceTables, () => Promise.all(db.workspaceTables.map((t) => t.clear())));
  const api = await realWorkbench(await tempFolder());
  await seedDemoWorkspaceOnce(storeTextsThrough(db, api), () => api.loadDemoWorkspace());
  useWorkbench.setState({ backupsOpen: false, openedBackupIds: [], notices: [] });
});
afterEach(() => {
  cleanup();
  Reflect.deleteProperty(window, 'workbench');
});

describe('backups opened from the system', () => {
  it('opens the Backups dialog on the adopted backup, says why another was refused, and merges it from the list', async () => {
    const snapshot = {
      ...(await readBackupSnapshot(workspace)),
      replicaId: crypto.randomUUID(),
      createdAt: '2025-04-02T07:30:00.000Z',
    };
    const good = await colleaguesBackupFile(snapshot, await tempFolder(), await tempFolder(), 'From Aigerim.awbackup');
    const bad = await notABackupFile(await tempFolder(), 'notes.awbackup');
    const dataRoot = await tempFolder();
    Object.defineProperty(window, 'workbench', {
      value: await workbenchAfterOpening(dataRoot, [good, bad]),
      configurable: true,
    });
    const merged: WorkspaceSnapshot[] = [];
    const files: (string | undefined)[] = [];
    const unregister = registerMergeHandler((snapshot, file) => {
      merged.push(snapshot);
      files.push(file);
    });

    render(<Backups dataFolder={dataRoot} />);
    const dialog = await screen.findByRole('dialog', { name: 'Backups' });
    await waitFor(() => expect(useWorkbench.getState().backupsOpen).toBe(true));
    const opened = await within(dialog).findByText('· opened from your files', { exact: false });
    const row = opened.closest('tr')!;
    expect(row.className).toBe('backups-opened');
    // Listed first, whatever else is in the folder (the daily backup written at start).
    expect(within(dialog).getAllByRole('row')[1]).toBe(row);
    expect(useWorkbench.getState().notices.map((n) => n.message)).toContainEqual(
      expect.stringMatching(
        /^“notes\.awbackup” was not added to the backups\. This file is not an Analyst Workbench backup/,
      ),
    );

    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: /^Merge the backup of/ }));
    });
    await waitFor(() => expect(merged).toHaveLength(1));
    expect(merged[0]!.createdAt).toBe('2025-04-02T07:30:00.000Z');
    // The file is named for the reason the merge records.
    expect(files[0]).toBe(row.getAttribute('title'));
    expect(useWorkbench.getState().backupsOpen).toBe(false);
    unregister();
  });
});

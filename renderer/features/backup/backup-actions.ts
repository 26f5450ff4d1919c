import type { BackupReason } from '../../../shared/interop/backup/format';
import type { WorkspaceSnapshot } from '../../../shared/interop/workspace-snapshot';
import type { OpenedBackup, WrittenBackup } from '../../../shared/ipc/contract';
import { db } from '../../db';
import { readWorkspaceSnapshot, replaceWorkspace } from '../../db/backup';
import { backupKeepCount } from '../../db/settings';
import { workbench } from '../../platform/workbench';
import { useWorkbench } from '../../stores';

/** Writes a backup of the whole workspace now; rolling ones keep the analyst's keep-count. */
export async function backUpWorkspace(reason: BackupReason): Promise<WrittenBackup> {
  const snapshot = await readWorkspaceSnapshot(db);
  const written = await workbench().writeBackup({ snapshot, reason, keep: await backupKeepCount(db) });
  if (written.path) useWorkbench.getState().setLastBackupAt(written.createdAt);
  return written;
}

/**
 * Opens a backup — one in the backups folder by its id, or the bytes of a file the analyst picked —
 * and answers its workspace once main has checked every part of it (format, versions, checksums, every
 * record). Nothing in this workspace changes. For restoring here, and for merging a colleague's backup.
 */
export function openBackupSnapshot(source: { backupId: string } | { bytes: Uint8Array }): Promise<OpenedBackup> {
  return workbench().openBackup(source);
}

/**
 * Takes the backups the system opened since last asked (main has checked them and copied them into the
 * backups folder): says why any was refused, and opens the Backups dialog on the others.
 */
export async function collectOpenedBackups(): Promise<void> {
  const { adopted, refused } = await workbench().takeOpenedBackups();
  const state = useWorkbench.getState();
  for (const sentence of refused) state.notify('error', sentence);
  if (adopted.length === 0) return;
  state.addOpenedBackups(adopted);
  state.setBackupsOpen(true);
}

/** Where the sentence for the analyst waits across the reload that follows a restore. */
const RESTORED_KEY = 'analyst-workbench:restored';

export type RestoreStep = 'backing-up' | 'replacing';

/**
 * Replaces the workspace with a checked backup: first a 'before-restore' backup of the workspace as it
 * is (if that fails, nothing is replaced), then every table in one transaction. The caller reloads the
 * window afterwards, so that every view, cache, search index and undo stack starts from the restored data.
 */
export async function restoreWorkspace(opened: OpenedBackup, label: string, onStep: (step: RestoreStep) => void = () => undefined): Promise<void> {
  onStep('backing-up');
  try {
    await backUpWorkspace('before-restore');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The restore was stopped because the workspace could not be backed up first (${reason.replace(/\.$/, '')}). The workspace is unchanged.`, { cause: error });
  }
  onStep('replacing');
  await replaceWorkspace(db, opened.snapshot);
  sessionStorage.setItem(RESTORED_KEY, `The workspace was restored from ${label}. The workspace as it was before is kept as a “Before a restore” backup.`);
}

/** The sentence a restore left for the analyst before the window reloaded (read once). */
export function takeRestoredMessage(): string | null {
  const message = sessionStorage.getItem(RESTORED_KEY);
  if (message !== null) sessionStorage.removeItem(RESTORED_KEY);
  return message;
}

/**
 * The merge of a colleague's backup is its own feature; it registers here what to do with a checked
 * backup's workspace, and the Backups dialog offers "Merge a colleague's backup…" only once it has.
 */
export type MergeHandler = (snapshot: WorkspaceSnapshot) => void;
let mergeHandler: MergeHandler | null = null;

export function registerMergeHandler(handler: MergeHandler): () => void {
  mergeHandler = handler;
  return () => {
    if (mergeHandler === handler) mergeHandler = null;
  };
}

export function currentMergeHandler(): MergeHandler | null {
  return mergeHandler;
}

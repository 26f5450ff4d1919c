import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkbenchApi } from '../../shared/ipc';

/** The bytes of a backup in a data folder's backups/, as an analyst carries the file to another machine. */
export async function readBackupFile(dataFolder: string, id: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(dataFolder, 'backups', id)));
}

/** Opens a backup as the app does (backup-actions openBackupSnapshot): large tables come part by part after the answer. */
export async function openBackupWhole(api: WorkbenchApi, source: Parameters<WorkbenchApi['openBackup']>[0]) {
  const { handoff, ...opened } = await api.openBackup(source);
  if (!handoff) return opened;
  const tables = { ...opened.snapshot.tables };
  for (const { table, parts } of handoff.tables) {
    const records: unknown[] = [];
    for (let index = 0; index < parts; index++)
      records.push(...(await api.takeBackupPart({ handoffId: handoff.id, table, index })).records);
    tables[table] = records;
  }
  return { ...opened, snapshot: { ...opened.snapshot, tables } };
}

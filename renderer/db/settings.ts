import { DEFAULT_IMPORT_LIMIT_BYTES, MAX_SOURCE_FILE_BYTES } from '../../shared/domain/limits';
import type { WorkbenchDatabase } from './database';
import { DEFAULT_BACKUP_KEEP, MAX_BACKUP_KEEP, MIN_BACKUP_KEEP } from '../../shared/interop/backup/naming';

const IMPORT_LIMIT_KEY = 'importLimitBytes';

export async function importLimit(db: WorkbenchDatabase): Promise<number> {
  const entry = await db.meta.get(IMPORT_LIMIT_KEY);
  return typeof entry?.value === 'number' ? entry.value : DEFAULT_IMPORT_LIMIT_BYTES;
}

export async function setImportLimit(db: WorkbenchDatabase, bytes: number): Promise<void> {
  if (!Number.isInteger(bytes) || bytes < 1024 * 1024 || bytes > MAX_SOURCE_FILE_BYTES) {
    throw new Error(`The import limit must be between 1 and ${MAX_SOURCE_FILE_BYTES / 1024 / 1024} MB.`);
  }
  await db.meta.put({ key: IMPORT_LIMIT_KEY, value: bytes });
}

/** How many rolling backups of each kind (daily, on quitting, before a restore) this installation keeps. */
export const BACKUP_KEEP_KEY = 'backupKeepCount';

export async function backupKeepCount(db: WorkbenchDatabase): Promise<number> {
  const entry = await db.meta.get(BACKUP_KEEP_KEY);
  return typeof entry?.value === 'number' ? entry.value : DEFAULT_BACKUP_KEEP;
}

export async function setBackupKeepCount(db: WorkbenchDatabase, count: number): Promise<void> {
  if (!Number.isInteger(count) || count < MIN_BACKUP_KEEP || count > MAX_BACKUP_KEEP) {
    throw new Error(`Keep between ${MIN_BACKUP_KEEP} and ${MAX_BACKUP_KEEP} backups of each kind.`);
  }
  await db.meta.put({ key: BACKUP_KEEP_KEY, value: count });
}

import { DEFAULT_IMPORT_LIMIT_BYTES, MAX_SOURCE_FILE_BYTES } from '../../shared/domain/limits';
import type { WorkbenchDatabase } from './database';

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

import { MAX_SOURCE_FILE_BYTES } from '../../../shared/domain/limits';
import { MAX_BACKUP_KEEP, MIN_BACKUP_KEEP } from '../../../shared/interop/backup/naming';
import { BACKUP_KEEP_KEY, IMPORT_LIMIT_KEY } from '../../db/settings';
import { CommandRefusal } from '../change-set';
import { defineCommand } from '../workspace';

const MB = 1024 * 1024;

/** What is wrong with an import limit (in bytes), or `null` when it can be set. */
export function importLimitProblem(bytes: number): string | null {
  return Number.isInteger(bytes) && bytes >= MB && bytes <= MAX_SOURCE_FILE_BYTES
    ? null
    : `The import limit must be between 1 and ${MAX_SOURCE_FILE_BYTES / MB} MB.`;
}

/** What is wrong with a keep-count of rolling backups, or `null` when it can be set. */
export function backupKeepProblem(count: number): string | null {
  return Number.isInteger(count) && count >= MIN_BACKUP_KEEP && count <= MAX_BACKUP_KEEP
    ? null
    : `Keep between ${MIN_BACKUP_KEEP} and ${MAX_BACKUP_KEEP} backups of each kind.`;
}

/** The largest file an import takes, in bytes. A setting: recorded in the history, not a step for Ctrl+Z. */
export const setImportLimit = defineCommand({
  id: 'settings.setImportLimit',
  label: (bytes: number) => `set the import limit to ${Math.round(bytes / MB)} MB`,
  undoable: false,
  run: async (changes, bytes: number): Promise<void> => {
    const problem = importLimitProblem(bytes);
    if (problem) throw new CommandRefusal(problem);
    await changes.put('meta', { key: IMPORT_LIMIT_KEY, value: bytes });
  },
});

/** How many rolling backups of each kind (daily, on quitting, before a restore) are kept. A setting, as above. */
export const setBackupKeepCount = defineCommand({
  id: 'settings.setBackupKeepCount',
  label: (count: number) => `keep ${count} automatic backups of each kind`,
  undoable: false,
  run: async (changes, count: number): Promise<void> => {
    const problem = backupKeepProblem(count);
    if (problem) throw new CommandRefusal(problem);
    await changes.put('meta', { key: BACKUP_KEEP_KEY, value: count });
  },
});

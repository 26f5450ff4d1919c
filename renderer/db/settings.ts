import { AuthorIdentity } from '../../shared/domain/author';
import { DEFAULT_IMPORT_LIMIT_BYTES } from '../../shared/domain/limits';
import type { WorkbenchDatabase } from './database';
import { DEFAULT_BACKUP_KEEP } from '../../shared/interop/backup/naming';

/** The largest source file an import takes, in bytes (changed by settings.setImportLimit). */
export const IMPORT_LIMIT_KEY = 'importLimitBytes';

export async function importLimit(db: WorkbenchDatabase): Promise<number> {
  const entry = await db.meta.get(IMPORT_LIMIT_KEY);
  return typeof entry?.value === 'number' ? entry.value : DEFAULT_IMPORT_LIMIT_BYTES;
}

/** How many rolling backups of each kind (daily, on quitting, before a restore) this installation keeps (settings.setBackupKeepCount). */
export const BACKUP_KEEP_KEY = 'backupKeepCount';

export async function backupKeepCount(db: WorkbenchDatabase): Promise<number> {
  const entry = await db.meta.get(BACKUP_KEEP_KEY);
  return typeof entry?.value === 'number' ? entry.value : DEFAULT_BACKUP_KEEP;
}

/** Who exports (settings.setAuthorIdentity): the STIX author identity and the Web Annotation creator. */
export const AUTHOR_KEY = 'exportAuthor';

/** The author set on this installation, or null when none was set (or what is stored no longer parses). */
export async function exportAuthor(db: WorkbenchDatabase): Promise<AuthorIdentity | null> {
  const parsed = AuthorIdentity.safeParse((await db.meta.get(AUTHOR_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

/** The interface language chosen on this installation (settings.setLanguage); absent: follow the system. */
export const LANGUAGE_KEY = 'uiLanguage';

/** The chosen interface language code ('en', 'ru', 'kk'), or null to follow the system's. */
export async function chosenLanguage(db: WorkbenchDatabase): Promise<string | null> {
  const value = (await db.meta.get(LANGUAGE_KEY))?.value;
  return typeof value === 'string' ? value : null;
}

import { MAX_SOURCE_FILE_BYTES } from '../../../shared/domain/limits';
import { MAX_BACKUP_KEEP, MIN_BACKUP_KEEP } from '../../../shared/interop/backup/naming';
import { AuthorIdentity, type AuthorDetails, authorIssue, type AuthorIssue } from '../../../shared/domain/author';
import { AUTHOR_KEY, BACKUP_KEEP_KEY, IMPORT_LIMIT_KEY, LANGUAGE_KEY } from '../../db/settings';
import { isUiLanguage, LANGUAGE_NAMES, type UiLanguage } from '../../i18n/languages';
import { t as translate } from '../../i18n';
import { CommandRefusal } from '../change-set';
import { defineCommand } from '../workspace';

const MB = 1024 * 1024;

/** What is wrong with an import limit (in bytes), in the interface language, or `null` when it can be set. */
export function importLimitProblem(bytes: number): string | null {
  return Number.isInteger(bytes) && bytes >= MB && bytes <= MAX_SOURCE_FILE_BYTES
    ? null
    : translate('refusals.settings.importLimit', { max: MAX_SOURCE_FILE_BYTES / MB });
}

/** What is wrong with a keep-count of rolling backups, in the interface language, or `null` when it can be set. */
export function backupKeepProblem(count: number): string | null {
  return Number.isInteger(count) && count >= MIN_BACKUP_KEEP && count <= MAX_BACKUP_KEEP
    ? null
    : translate('refusals.settings.backupKeep', { min: MIN_BACKUP_KEEP, max: MAX_BACKUP_KEEP });
}

/** What is wrong with author details, as a sentence in the interface language (the command's refusal, the form's note). */
export function authorRefusal(issue: AuthorIssue): string {
  switch (issue.code) {
    case 'unnamed':
      return translate('refusals.settings.authorUnnamed');
    case 'organisation-unnamed':
      return translate('refusals.settings.organisationUnnamed');
    case 'too-long':
      return translate('refusals.settings.authorTooLong', { limit: issue.limit });
  }
}

/** The largest file an import takes, in bytes. A setting: recorded in the history, not a step for Ctrl+Z. */
export const setImportLimit = defineCommand({
  id: 'settings.setImportLimit',
  label: (bytes: number) => translate('labels.setImportLimit', { mb: Math.round(bytes / MB) }),
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
  label: (count: number) => translate('labels.setBackupKeep', { count }),
  undoable: false,
  run: async (changes, count: number): Promise<void> => {
    const problem = backupKeepProblem(count);
    if (problem) throw new CommandRefusal(problem);
    await changes.put('meta', { key: BACKUP_KEEP_KEY, value: count });
  },
});

/** Who the exports name as their author (STIX identity, Web Annotation creator). A setting, as above. */
export const setAuthorIdentity = defineCommand({
  id: 'settings.setAuthorIdentity',
  label: (author: AuthorDetails) =>
    translate('labels.setAuthor', { name: author.name.trim() || author.organisation.trim() }),
  undoable: false,
  run: async (changes, author: AuthorDetails): Promise<void> => {
    const issue = authorIssue(author);
    if (issue) throw new CommandRefusal(authorRefusal(issue));
    const parsed = AuthorIdentity.safeParse({ ...author, updatedAt: new Date().toISOString() });
    if (!parsed.success) throw new CommandRefusal(translate('refusals.settings.authorInvalid'));
    await changes.put('meta', { key: AUTHOR_KEY, value: parsed.data });
  },
});

/**
 * The interface language of this installation, or null to follow the system's. A setting of this
 * computer (never taken from a colleague's backup), recorded in the history like the others.
 */
export const setLanguage = defineCommand({
  id: 'settings.setLanguage',
  label: (language: UiLanguage | null) =>
    language
      ? translate('labels.setLanguage', { language: LANGUAGE_NAMES[language] })
      : translate('labels.followSystemLanguage'),
  undoable: false,
  run: async (changes, language: UiLanguage | null): Promise<void> => {
    if (language === null) {
      await changes.delete('meta', LANGUAGE_KEY);
      return;
    }
    if (!isUiLanguage(language)) throw new CommandRefusal(translate('refusals.settings.unknownLanguage'));
    await changes.put('meta', { key: LANGUAGE_KEY, value: language });
  },
});

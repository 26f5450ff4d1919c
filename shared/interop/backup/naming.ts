import { BACKUP_EXTENSION, ROLLING_REASONS, type BackupReason, type RollingReason } from './format';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2025-03-14 0915": local time, as the analyst reads a clock; sorts in time order. */
function stamp(at: Date, seconds: boolean): string {
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${seconds ? pad(at.getSeconds()) : ''}`;
  return `${date} ${time}`;
}

/**
 * The file name a backup is suggested or written under: `Analyst Workbench 2025-03-14 0915.awbackup`
 * for one made by hand, `Analyst Workbench 2025-03-14 091502 daily.awbackup` for the rolling ones
 * (their reason in the name is what retention prunes by).
 */
export function backupFileName(reason: BackupReason, at: Date): string {
  if (reason === 'manual') return `Analyst Workbench ${stamp(at, false)}${BACKUP_EXTENSION}`;
  return `Analyst Workbench ${stamp(at, true)} ${reason}${BACKUP_EXTENSION}`;
}

/**
 * A backup id is a file name in the backups folder as the workbench writes them, optionally with the
 * " (2)" a clash adds, and nothing else: no folders, no dots beyond the extension.
 */
const BACKUP_ID =
  /^Analyst Workbench \d{4}-\d{2}-\d{2} \d{4}(?:\d{2})?(?: (daily|quit|before-restore))?(?: \(\d{1,4}\))?\.awbackup$/;

export function isBackupId(value: string): boolean {
  return BACKUP_ID.test(value);
}

/** The rolling reason a backup's name carries, or null for one made by hand. */
export function rollingReasonOf(id: string): RollingReason | null {
  const reason = BACKUP_ID.exec(id)?.[1];
  return reason && (ROLLING_REASONS as readonly string[]).includes(reason) ? (reason as RollingReason) : null;
}

/** How many rolling backups of each reason the workbench keeps unless the analyst says otherwise. */
export const DEFAULT_BACKUP_KEEP = 10;
export const MIN_BACKUP_KEEP = 1;
export const MAX_BACKUP_KEEP = 100;

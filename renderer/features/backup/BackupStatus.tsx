import { useT } from '../../i18n';
import { useWorkbench } from '../../stores';
import { formatDateTime } from '../../ui/format';
import { cancelManualBackup } from './backup-actions';
import { backupProgressText } from './BackupsDialog';
import './backups.css';

/** The status bar's word on backups; opens the Backups dialog. A manual backup shows its progress here, with Cancel. */
export function BackupStatus() {
  const lastBackupAt = useWorkbench((s) => s.lastBackupAt);
  const progress = useWorkbench((s) => s.backupProgress);
  const setOpen = useWorkbench((s) => s.setBackupsOpen);
  const t = useT();
  if (progress) {
    return (
      <span className="backup-status-progress" role="status" aria-label={t('backup.progress')}>
        <progress
          aria-label={t('backup.backingUp')}
          max={progress.total}
          value={progress.total ? progress.done : undefined}
        />
        <span>{backupProgressText(progress)}</span>
        <button
          type="button"
          className="link"
          disabled={progress.cancel !== 'no'}
          onClick={() => void cancelManualBackup()}
        >
          {t('backup.cancel')}
        </button>
      </span>
    );
  }
  return (
    <button type="button" className="backup-status" title={t('backup.statusTitle')} onClick={() => setOpen(true)}>
      {lastBackupAt ? t('backup.backedUp', { when: formatDateTime(lastBackupAt) }) : t('backup.backups')}
    </button>
  );
}

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
  if (progress) {
    return (
      <span className="backup-status-progress" role="status" aria-label="Backup progress">
        <progress aria-label="Backing up" max={progress.total} value={progress.total ? progress.done : undefined} />
        <span>{backupProgressText(progress)}</span>
        <button
          type="button"
          className="link"
          disabled={progress.cancel !== 'no'}
          onClick={() => void cancelManualBackup()}
        >
          Cancel backup
        </button>
      </span>
    );
  }
  return (
    <button
      type="button"
      className="backup-status"
      title="Back up, restore, and choose how many automatic backups to keep"
      onClick={() => setOpen(true)}
    >
      {lastBackupAt ? `Backed up ${formatDateTime(lastBackupAt)}` : 'Backups…'}
    </button>
  );
}

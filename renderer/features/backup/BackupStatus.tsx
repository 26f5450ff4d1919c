import { useWorkbench } from '../../stores';
import { formatDateTime } from '../common/format';
import './backups.css';

/** The status bar's word on backups; opens the Backups dialog. */
export function BackupStatus() {
  const lastBackupAt = useWorkbench((s) => s.lastBackupAt);
  const setOpen = useWorkbench((s) => s.setBackupsOpen);
  return (
    <button type="button" className="backup-status" title="Back up, restore, and choose how many automatic backups to keep" onClick={() => setOpen(true)}>
      {lastBackupAt ? `Backed up ${formatDateTime(lastBackupAt)}` : 'Backups…'}
    </button>
  );
}

import { BackupStatus } from '../features/backup';
import { TeamStatus } from '../features/team';
import type { AppInfo } from '../platform/workbench';
import { useWorkbench } from '../stores';

const SAVE_TEXT = {
  idle: 'All changes are saved',
  saving: 'Saving…',
  saved: 'All changes are saved',
  failed: 'The last change was not saved',
} as const;

export function StatusBar({ info }: { info: AppInfo }) {
  const saveState = useWorkbench((s) => s.saveState);
  return (
    <footer className="status-bar">
      <span className={`save-state save-${saveState}`} role="status" aria-live="polite">
        {SAVE_TEXT[saveState]}
      </span>
      <BackupStatus />
      <TeamStatus />
      <span className="data-folder" title="Where the workbench keeps source files, exports, backups and logs">
        Data folder: <span className="mono">{info.dataFolder}</span>
      </span>
      <span>
        {info.name} {info.version}
        {info.host === 'bridge' ? ' · browser preview' : ''}
      </span>
    </footer>
  );
}

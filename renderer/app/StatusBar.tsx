import { BackupStatus } from '../features/backup';
import { TeamStatus } from '../features/team';
import type { AppInfo } from '../platform/workbench';
import { useWorkbench } from '../stores';
import { useT } from '../i18n';

/**
 * "Saving…", "Saved", "not saved": the only part of the bar that follows every change. On its own, so a
 * cell edit's two save states render these words, not the backup's date and the team's word beside them.
 */
function SaveState() {
  const saveState = useWorkbench((s) => s.saveState);
  const t = useT();
  return (
    <span className={`save-state save-${saveState}`} role="status" aria-live="polite">
      {t(`status.${saveState}`)}
    </span>
  );
}

export function StatusBar({ info }: { info: AppInfo }) {
  const t = useT();
  return (
    <footer className="status-bar">
      <SaveState />
      <BackupStatus />
      <TeamStatus />
      <span className="data-folder" title={t('status.dataFolderTitle')}>
        {t('status.dataFolder')} <span className="mono">{info.dataFolder}</span>
      </span>
      <span>
        {info.name} {info.version}
        {info.host === 'bridge' ? t('status.preview') : ''}
      </span>
    </footer>
  );
}

import { BackupStatus } from '../features/backup';
import { TeamStatus } from '../features/team';
import type { AppInfo } from '../platform/workbench';
import { useWorkbench } from '../stores';
import { useT } from '../i18n';

export function StatusBar({ info }: { info: AppInfo }) {
  const saveState = useWorkbench((s) => s.saveState);
  const t = useT();
  return (
    <footer className="status-bar">
      <span className={`save-state save-${saveState}`} role="status" aria-live="polite">
        {t(`status.${saveState}`)}
      </span>
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

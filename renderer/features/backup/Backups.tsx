import { BackupsDialog } from './BackupsDialog';
import { useBackupCommands } from './useBackupCommands';

/** Mounted once the workspace is open: the automatic backups, the menu's backup commands and the dialog. */
export function Backups({ dataFolder }: { dataFolder: string }) {
  useBackupCommands();
  return <BackupsDialog dataFolder={dataFolder} />;
}

export { Backups } from './Backups';
export { BackupStatus } from './BackupStatus';
export { registerMergeHandler } from './backup-actions';

import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './index';

/** The manual backup that is running: what it is doing, and whether Cancel was pressed. */
export interface BackupProgress {
  text: string;
  done?: number;
  total?: number;
  /** 'asked': Cancel was pressed; 'too-late': main was already writing the file, which is kept. */
  cancel: 'no' | 'asked' | 'too-late';
}

export interface BackupsSlice {
  backupProgress: BackupProgress | null;
  setBackupProgress: (progress: BackupProgress | null) => void;
  backupsOpen: boolean;
  /** What the Backups dialog puts the focus on when it opens: backing up, or restoring from a file. */
  backupsFocus: 'back-up' | 'restore-file';
  /** When the newest backup was written (ISO instant), as far as this window knows; null when none. */
  lastBackupAt: string | null;
  /** Backups the system opened (a double-click on a .awbackup), now in the backups folder: pointed out in the list. */
  openedBackupIds: string[];
  setBackupsOpen: (open: boolean, focus?: BackupsSlice['backupsFocus']) => void;
  setLastBackupAt: (at: string | null) => void;
  addOpenedBackups: (ids: readonly string[]) => void;
}

export const createBackupsSlice: StateCreator<WorkbenchState, [], [], BackupsSlice> = (set) => ({
  backupProgress: null,
  setBackupProgress: (backupProgress) => set({ backupProgress }),
  backupsOpen: false,
  backupsFocus: 'back-up',
  lastBackupAt: null,
  openedBackupIds: [],
  setBackupsOpen: (backupsOpen, backupsFocus = 'back-up') => set({ backupsOpen, backupsFocus }),
  setLastBackupAt: (lastBackupAt) => set({ lastBackupAt }),
  addOpenedBackups: (ids) => set((s) => ({ openedBackupIds: [...new Set([...ids, ...s.openedBackupIds])] })),
});

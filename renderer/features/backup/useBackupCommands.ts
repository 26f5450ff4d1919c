import { useEffect } from 'react';
import { t } from '../../i18n';
import { workbench } from '../../platform/workbench';
import { bindCommandHandler } from '../../workspace/user-commands';
import { useWorkbench, writeKeptUiState } from '../../stores';
import {
  backUpWorkspace,
  collectOpenedBackups,
  isBackupCancelled,
  runManualBackup,
  takeRestoredMessage,
} from './backup-actions';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A backup made by hand: through the save dialog on the desktop, into the backups folder in the browser.
 * Its progress, with Cancel, shows in the status bar (and in the Backups dialog when that is open).
 */
export async function backUpNow(): Promise<void> {
  const { notify } = useWorkbench.getState();
  try {
    const written = await runManualBackup();
    if (written.path) notify('info', t('backups.backedUpTo', { path: written.path }));
  } catch (error) {
    if (isBackupCancelled(error)) notify('info', t('backups.backupCancelled'));
    else notify('error', t('backups.notBackedUp', { reason: message(error) }));
  }
}

/** Writes the daily backup when the newest one is a day old or there is none yet. */
async function dailyBackupIfDue(now: number = Date.now()): Promise<void> {
  const backups = await workbench().listBackups();
  const newest = backups.find((b) => b.createdAt !== null);
  useWorkbench.getState().setLastBackupAt(newest?.createdAt ?? null);
  const daily = backups.find((b) => b.reason === 'daily' && b.createdAt !== null);
  if (daily && now - Date.parse(daily.createdAt!) < DAY) return;
  await backUpWorkspace('daily');
}

/**
 * The backup side of the app frame: the File menu's backup commands, the daily backup (at start and
 * while the app stays open), the quit backup main asks for, and the sentence a restore left behind.
 */
export function useBackupCommands(): void {
  useEffect(() => {
    const restored = takeRestoredMessage();
    if (restored) useWorkbench.getState().notify('info', restored);

    const daily = () =>
      dailyBackupIfDue().catch((error: unknown) =>
        useWorkbench.getState().notify('error', t('backups.dailyFailed', { reason: message(error) })),
      );
    void daily();
    // Checked hourly, so a laptop that slept through the day still gets its backup soon after it wakes.
    const timer = setInterval(() => void daily(), HOUR);

    // Backups the system opened: main sends 'workspace:backups' once it has taken them in; those that
    // arrived while this window was loading are collected here.
    const collect = () =>
      collectOpenedBackups().catch((error: unknown) =>
        useWorkbench.getState().notify('error', t('backups.openedFailed', { reason: message(error) })),
      );

    // The menu, the in-app keys and the palette all reach these through the one dispatcher.
    const state = useWorkbench.getState;
    const unregister = [
      bindCommandHandler('workspace:backup', { run: () => void backUpNow() }),
      bindCommandHandler('workspace:restore', { run: () => state().setBackupsOpen(true, 'restore-file') }),
      bindCommandHandler('workspace:backups', {
        run: () => {
          state().setBackupsOpen(true);
          void collect();
        },
      }),
      // Main waits for this write (or its failure) before it lets the app quit.
      bindCommandHandler('workspace:backup-on-quit', {
        run: () => {
          // Where the analyst was is written now: the window may close before the page is idle again.
          writeKeptUiState();
          void backUpWorkspace('quit').catch(() => undefined);
        },
      }),
    ];
    void collect();
    return () => {
      clearInterval(timer);
      for (const off of unregister) off();
    };
  }, []);
}

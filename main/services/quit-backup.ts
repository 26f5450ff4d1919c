/**
 * The backup written when the app quits. Main cannot read the workspace (it lives in the renderer's
 * IndexedDB), so it asks the window to write a backup and waits — until that backup has been written
 * or has failed, or until the wait runs out — before it lets the app quit. Plain Node, so the waiting
 * is tested without Electron; main/app only wires it to `before-quit` and the window's `close`.
 */
export type QuitBackupOutcome = 'written' | 'failed' | 'timed-out' | 'no-window';

export const QUIT_BACKUP_TIMEOUT_MS = 15_000;

export class QuitBackupGate {
  private waiting: ((outcome: QuitBackupOutcome) => void) | null = null;
  private running: Promise<QuitBackupOutcome> | null = null;
  private done = false;

  /** True once the quit backup has been tried; quitting then goes ahead without asking again. */
  get finished(): boolean {
    return this.done;
  }

  /** Told by the handler table when a backup of reason 'quit' was written or failed. */
  settle(outcome: 'written' | 'failed'): void {
    this.waiting?.(outcome);
  }

  /**
   * Asks the window for the quit backup (`ask` answers false when there is no window to ask) and
   * resolves when it is written, has failed, or `timeoutMs` passed. Calls while one runs share it.
   */
  run(ask: () => boolean, timeoutMs = QUIT_BACKUP_TIMEOUT_MS): Promise<QuitBackupOutcome> {
    if (this.done) return Promise.resolve('no-window');
    this.running ??= new Promise<QuitBackupOutcome>((resolve) => {
      const timer = setTimeout(() => finish('timed-out'), timeoutMs);
      const finish = (outcome: QuitBackupOutcome) => {
        clearTimeout(timer);
        this.waiting = null;
        this.done = true;
        resolve(outcome);
      };
      this.waiting = finish;
      if (!ask()) finish('no-window');
    });
    return this.running;
  }
}

/**
 * Backup files the operating system asked the app to open: a double-click on a `.awbackup` file (the
 * installers register the type — see electron-builder.yml fileAssociations), "Open with", or a file
 * dropped on the dock icon. main/app/main.ts feeds this from the launch arguments, from a second launch
 * while the app runs (Windows, Linux), and from macOS's `open-file` event.
 *
 * The paths stay in main: the renderer never names a file to read. The backup feature consumes them —
 * `take()` the ones waiting when its window is ready, and `onOpened()` for those that arrive later —
 * and offers to restore (or merge) each through its own validated channel.
 */
import { extname, resolve } from 'node:path';

export const BACKUP_EXTENSION = '.awbackup';
export const BACKUP_MIME_TYPE = 'application/x-analyst-workbench-backup';

/**
 * The backup files named in a command line, made absolute against the folder it was run in. Switches
 * (Chromium's and Electron's own, e.g. --no-sandbox) and every other argument are ignored.
 */
export function backupPathsIn(argv: readonly string[], workingDirectory: string): string[] {
  const paths = argv
    .filter((arg) => !arg.startsWith('-') && extname(arg).toLowerCase() === BACKUP_EXTENSION)
    .map((arg) => resolve(workingDirectory, arg));
  return [...new Set(paths)];
}

export type BackupOpenedListener = (path: string) => void;

export class LaunchedBackups {
  private waiting: string[] = [];
  private readonly listeners = new Set<BackupOpenedListener>();

  /** Passes each path to the listeners, or keeps it until one subscribes or `take()` is called. */
  add(paths: readonly string[]): void {
    for (const path of paths) {
      if (this.listeners.size === 0) {
        if (!this.waiting.includes(path)) this.waiting.push(path);
        continue;
      }
      for (const listener of this.listeners) listener(path);
    }
  }

  /** The paths that arrived before anyone listened, oldest first; they are handed out once. */
  take(): string[] {
    const taken = this.waiting;
    this.waiting = [];
    return taken;
  }

  /** Calls `listener` for every backup opened from now on; answers the unsubscribe function. */
  onOpened(listener: BackupOpenedListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

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
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { BACKUP_EXTENSION, backupFileName, isBackupId } from '../../shared/interop/backup';
import type { OpenedBackups } from '../../shared/ipc/contract';
import { writeFileAtomically } from './atomic-file';
import { decodeBackup } from './backup-zip';
import { ServiceError } from './errors';
import { freshPath } from './exports';
import { sha256Of } from './source-store';

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

/** The largest file taken in from the system (as for a file the analyst picks in the Backups dialog). */
const MAX_ADOPTED_BYTES = 1024 * 1024 * 1024;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The id of a backup in `folder` holding exactly `bytes`, if there is one. */
async function sameBackupIn(folder: string, bytes: Uint8Array): Promise<string | null> {
  const names = (await readdir(folder).catch(() => [] as string[])).filter(isBackupId);
  let hash: string | null = null;
  for (const name of names) {
    const info = await stat(join(folder, name)).catch(() => null);
    if (!info?.isFile() || info.size !== bytes.byteLength) continue;
    hash ??= sha256Of(bytes);
    if (sha256Of(new Uint8Array(await readFile(join(folder, name)))) === hash) return name;
  }
  return null;
}

/**
 * Takes a backup file the system opened into the backups folder, so the Backups dialog lists it and it
 * can be restored or merged by id (the renderer never names a path). The whole file is checked first
 * (format, versions, checksums, every record); one that fails is not copied. A file already in the
 * folder, or one whose exact bytes are, is not copied again. Answers the backup's id.
 */
export async function adoptBackupFile(folder: string, path: string): Promise<string> {
  const name = basename(path);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile())
    throw new ServiceError(
      `“${name}” could not be found, so it was not added to the backups. Check that the file is still where it was opened from.`,
    );
  if (info.size > MAX_ADOPTED_BYTES)
    throw new ServiceError(
      `“${name}” is larger than 1 GB, more than any workspace backup, so it was not added to the backups.`,
    );
  if (resolve(dirname(path)) === resolve(folder) && isBackupId(name)) {
    await decodeBackup(new Uint8Array(await readFile(path)));
    return name;
  }
  const bytes = new Uint8Array(await readFile(path));
  const contents = await decodeBackup(bytes);
  const existing = await sameBackupIn(folder, bytes);
  if (existing) return existing;
  // Named as one made by hand, so the rolling backups' pruning never removes it.
  const target = await freshPath(folder, backupFileName('manual', new Date(contents.manifest.createdAt)));
  await writeFileAtomically(target, bytes);
  return basename(target);
}

/**
 * What became of the backups the system opened since the window last asked: the ids of those now in
 * the backups folder, and a sentence for each that was refused. Main fills it; the renderer takes it.
 */
export class OpenedBackupsInbox {
  private adopted: string[] = [];
  private refused: string[] = [];

  constructor(private readonly folder: string) {}

  /** Adopts each file in turn; answers whether there is anything for the analyst to see. */
  async adopt(paths: readonly string[]): Promise<boolean> {
    for (const path of paths) {
      try {
        const id = await adoptBackupFile(this.folder, path);
        if (!this.adopted.includes(id)) this.adopted.push(id);
      } catch (error) {
        const sentence = messageOf(error);
        this.refused.push(
          sentence.startsWith(`“${basename(path)}”`)
            ? sentence
            : `“${basename(path)}” was not added to the backups. ${sentence}`,
        );
      }
    }
    return this.adopted.length > 0 || this.refused.length > 0;
  }

  /** Hands out what arrived so far, once. */
  take(): OpenedBackups {
    const taken = { adopted: this.adopted, refused: this.refused };
    this.adopted = [];
    this.refused = [];
    return taken;
  }
}

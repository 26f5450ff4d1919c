// eslint-disable-next-line no-restricted-imports -- `open` is used read-only ('r') to read the manifest at the start of a large file.
import { open as openFile, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  BACKUP_EXTENSION,
  BACKUP_FORMAT,
  BackupManifest,
  backupFileName,
  isBackupId,
  referencedFiles,
  rollingReasonOf,
  tableProblems,
  versionProblem,
  WORKSPACE_SCHEMA_VERSION,
  type BackupReason,
  type BackupSummary,
} from '../../shared/interop/backup';
import type { WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import { writeFileAtomically } from './atomic-file';
import { decodeBackup, encodeBackup, manifestFromHead } from './backup-zip';
import { ServiceError } from './errors';
import { freshPath, type ChooseSavePath } from './exports';
import type { SourceStore } from './source-store';
import { TaskCancelled, type Task } from './tasks';

export interface BackupsOptions {
  /** The data folder's backups/: rolling backups, and manual ones where there is no save dialog. */
  folder: string;
  store: SourceStore;
  appVersion: string;
  /** The desktop app's native save dialog for backups made by hand. */
  chooseSavePath?: ChooseSavePath;
}

export interface WriteBackupRequest {
  snapshot: WorkspaceSnapshot;
  reason: BackupReason;
  /** How many backups of a rolling reason to keep (the analyst's setting). */
  keep: number;
}

export interface WrittenBackup {
  /** The backup's id when it is in the backups folder; null when it was saved elsewhere or cancelled. */
  id: string | null;
  /** Where it was written, or null when the analyst cancelled the save dialog. */
  path: string | null;
  bytes: number;
  createdAt: string;
  /** Older rolling backups removed to keep the newest `keep`. */
  pruned: string[];
}

export interface OpenedBackup {
  snapshot: WorkspaceSnapshot;
  reason: BackupReason;
  appVersion: string;
  /** How many stored originals came with it (now in the data folder's store). */
  files: number;
}

const NOT_AN_ID = 'That is not the name of a backup in the backups folder. Nothing was read or changed.';

/** The summary a listing shows, from a manifest's JSON (or why it cannot be restored). */
function summarize(id: string, bytes: number, raw: unknown): BackupSummary {
  const unreadable = { id, bytes, createdAt: null, reason: null, appVersion: null, counts: {} };
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== BACKUP_FORMAT) {
    return {
      ...unreadable,
      problem: 'This file is not a readable backup: it is damaged or not an Analyst Workbench backup.',
    };
  }
  const { formatVersion, schemaVersion } = raw as { formatVersion?: unknown; schemaVersion?: unknown };
  const tooNew =
    typeof formatVersion === 'number' && typeof schemaVersion === 'number'
      ? versionProblem(formatVersion, schemaVersion)
      : null;
  const parsed = BackupManifest.safeParse(raw);
  if (!parsed.success)
    return { ...unreadable, problem: tooNew ?? 'This backup’s manifest is not valid; the file is damaged.' };
  const m = parsed.data;
  return {
    id,
    bytes,
    createdAt: m.createdAt,
    reason: m.reason,
    appVersion: m.appVersion,
    counts: m.counts,
    problem: tooNew,
  };
}

/** Reads just enough of the file's start to find its manifest. */
async function readManifestJson(path: string): Promise<unknown> {
  const handle = await openFile(path, 'r');
  try {
    let length = 64 * 1024;
    for (let attempt = 0; attempt < 2; attempt++) {
      const buffer = new Uint8Array(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      const { raw, needBytes } = manifestFromHead(buffer.subarray(0, bytesRead));
      if (needBytes === 0 || needBytes <= bytesRead) return raw;
      length = needBytes;
    }
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * Backups of the whole workspace: written atomically as one `.awbackup` file, listed from the backups
 * folder, opened only after every part is checked, and pruned to the newest few per rolling reason.
 * Backups made by hand are never pruned, wherever they are.
 */
export class Backups {
  constructor(private readonly options: BackupsOptions) {}

  private pathOf(id: string): string {
    // The id is only ever a file name the workbench itself writes; never a path.
    if (!isBackupId(id)) throw new ServiceError(NOT_AN_ID);
    return join(this.options.folder, id);
  }

  /**
   * Writes the backup; `task` (a manual backup the analyst may cancel) is checked between the stored
   * originals and before the file is written, and the write itself is atomic: a cancelled backup
   * leaves no file, whole or partial.
   */
  async write({ snapshot, reason, keep }: WriteBackupRequest, task?: Task): Promise<WrittenBackup> {
    const cancelled = () =>
      new TaskCancelled('The backup was cancelled; no backup file was written. Back up again when you are ready.');
    if (snapshot.schemaVersion !== WORKSPACE_SCHEMA_VERSION) {
      throw new ServiceError({
        en: 'The window and the workbench service are of different versions, so no backup was written. Restart the app and try again.',
        ru: 'Окно и служба приложения разных версий, поэтому резервная копия не записана. Перезапустите приложение и попробуйте снова.',
      });
    }
    const problems = tableProblems(snapshot.tables, 'workspace');
    if (problems.length > 0)
      throw new ServiceError({
        en: `The workspace could not be backed up. ${problems.join(' ')} Nothing was written.`,
        ru: `Не удалось создать резервную копию рабочего пространства. ${problems.join(' ')} Ничего не записано.`,
      });

    const files = new Map<string, Uint8Array>();
    const missing: string[] = [];
    const referenced = [...referencedFiles(snapshot.tables)];
    for (const [i, sha256] of referenced.entries()) {
      task?.check(cancelled);
      task?.step('collecting', i, referenced.length);
      // A source whose original has gone from the data folder must not stop the rest from being backed up.
      if (await this.options.store.has(sha256)) files.set(sha256, await this.options.store.read(sha256));
      else missing.push(sha256);
    }
    task?.check(cancelled);
    task?.step('compressing');
    const bytes = await encodeBackup(snapshot, reason, this.options.appVersion, files, missing);
    task?.check(cancelled);

    const name = backupFileName(reason, new Date(snapshot.createdAt));
    const suggested = await freshPath(this.options.folder, name);
    let path: string | null = suggested;
    if (reason === 'manual' && this.options.chooseSavePath) {
      const chosen = await this.options.chooseSavePath(suggested);
      path = chosen && extname(chosen).toLowerCase() !== BACKUP_EXTENSION ? `${chosen}${BACKUP_EXTENSION}` : chosen;
    }
    if (!path) return { id: null, path: null, bytes: bytes.byteLength, createdAt: snapshot.createdAt, pruned: [] };
    task?.commit(cancelled);
    task?.step('writing');
    await writeFileAtomically(path, bytes);
    const inFolder = resolve(dirname(path)) === resolve(this.options.folder) && isBackupId(basename(path));
    const pruned = reason === 'manual' ? [] : await this.prune(reason, keep, inFolder ? basename(path) : null);
    return {
      id: inFolder ? basename(path) : null,
      path,
      bytes: bytes.byteLength,
      createdAt: snapshot.createdAt,
      pruned,
    };
  }

  /** Every backup in the backups folder, newest first; an unreadable one is listed with its problem. */
  async list(): Promise<BackupSummary[]> {
    const names = await readdir(this.options.folder).catch(() => [] as string[]);
    const summaries: (BackupSummary & { mtimeMs: number })[] = [];
    for (const name of names.filter(isBackupId)) {
      const path = join(this.options.folder, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      const raw = await readManifestJson(path).catch(() => null);
      summaries.push({ ...summarize(name, info.size, raw), mtimeMs: info.mtimeMs });
    }
    const when = (s: (typeof summaries)[number]) => (s.createdAt ? Date.parse(s.createdAt) : s.mtimeMs);
    return summaries
      .sort((a, b) => when(b) - when(a) || b.id.localeCompare(a.id))
      .map(({ mtimeMs: _mtime, ...summary }) => summary);
  }

  /** Keeps the newest `keep` rolling backups of `reason` (the one just written always among them). */
  private async prune(reason: BackupReason, keep: number, justWritten: string | null): Promise<string[]> {
    const sameReason = (await this.list()).filter((s) => rollingReasonOf(s.id) === reason);
    const kept = new Set(sameReason.slice(0, Math.max(1, keep)).map((s) => s.id));
    if (justWritten) kept.add(justWritten);
    const pruned: string[] = [];
    for (const summary of sameReason) {
      if (kept.has(summary.id)) continue;
      await rm(this.pathOf(summary.id), { force: true });
      pruned.push(summary.id);
    }
    return pruned;
  }

  /**
   * Reads and checks a backup — from the backups folder by id, or bytes the analyst chose — and, only
   * when every part of it is sound, puts its originals into the store (content-addressed, so this
   * changes nothing the workspace sees) and answers its snapshot.
   */
  async open(source: { backupId: string } | { bytes: Uint8Array }): Promise<OpenedBackup> {
    let bytes: Uint8Array;
    if ('backupId' in source) {
      const path = this.pathOf(source.backupId);
      try {
        bytes = new Uint8Array(await readFile(path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw new ServiceError({
            en: `The backup “${source.backupId}” is no longer in the backups folder. Nothing was changed.`,
            ru: `Резервной копии «${source.backupId}» больше нет в папке копий. Ничего не изменено.`,
          });
        throw error;
      }
    } else {
      bytes = source.bytes;
    }
    const contents = await decodeBackup(bytes);
    for (const data of contents.files.values()) await this.options.store.put(data);
    return {
      snapshot: contents.snapshot,
      reason: contents.reason,
      appVersion: contents.manifest.appVersion,
      files: contents.files.size,
    };
  }

  async delete(id: string): Promise<boolean> {
    const path = this.pathOf(id);
    const existed = (await stat(path).catch(() => null)) !== null;
    await rm(path, { force: true });
    return existed;
  }
}

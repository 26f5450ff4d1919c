import type { BackupReason } from '../../../shared/interop/backup/format';
import { backupParts } from '../../../shared/interop/backup/parts';
import { WORKSPACE_TABLES, type WorkspaceSnapshot } from '../../../shared/interop/workspace-snapshot';
import type { OpenedBackup, WrittenBackup } from '../../../shared/ipc/contract';
import { db } from '../../db';
import { backupKeepCount } from '../../db/settings';
import { cancelTask, newTaskId, watchTask, type TaskProgress } from '../../platform/tasks';
import { workbench } from '../../platform/workbench';
import { t as translate } from '../../i18n';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { readBackupSnapshot, replaceWorkspace } from '../../workspace/commands/backup';

/** What a backup is doing, for a progress bar: `done` of `total` when it can be counted. */
export interface BackupStep {
  text: string;
  done?: number;
  total?: number;
}

/**
 * Main's sentence for a backup the analyst cancelled (main/services/backups.ts): English, as main writes
 * it, and matched only to recognise the cancel; the analyst reads `backups.backupCancelled` instead.
 */
export const BACKUP_CANCELLED =
  'The backup was cancelled; no backup file was written. Back up again when you are ready.';

/** A backup stopped by the analyst (in the window, or in main through cancelTask). */
export class BackupCancelled extends Error {
  override name = 'BackupCancelled';
  constructor(message = translate('backups.backupCancelled')) {
    super(message);
  }
}

export function isBackupCancelled(error: unknown): boolean {
  return error instanceof BackupCancelled || (error instanceof Error && error.message === BACKUP_CANCELLED);
}

export interface BackupOptions {
  /** Aborted: the backup stops between table reads (nothing is sent to main). */
  signal?: AbortSignal;
  /** Names the write in main, for cancelTask and taskProgress. */
  taskId?: string;
  onStep?: (step: BackupStep) => void;
}

function mainStep(progress: TaskProgress): BackupStep | null {
  if (progress.state !== 'running') return null;
  switch (progress.step) {
    case 'collecting':
      return {
        text: translate('backups.step.originals', { done: (progress.done ?? 0) + 1, total: progress.total ?? 0 }),
        done: progress.done,
        total: progress.total,
      };
    case 'compressing':
      return { text: translate('backups.step.compressing') };
    case 'writing':
      return { text: translate('backups.step.writing') };
    default:
      return null;
  }
}

/**
 * Parts kept in flight at once between this window and main. One at a time, each part waited for the
 * other side in turn (the window encoding, then main decoding and checking); with a few in flight the
 * two sides work at the same time, on the machine's two cores, and no round trip waits idle.
 */
const PARTS_IN_FLIGHT = 3;

/** Runs `jobs` with at most `limit` running at once; rejects with the first failure (no further job starts). */
async function runInFlight(jobs: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < jobs.length) {
      const job = jobs[next++]!;
      try {
        await job();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, lane));
}

/**
 * Sends every table bigger than one part to main ahead of the write, part by part (stageBackupRecords),
 * and answers the snapshot left to send with the request itself. One request carrying tens of MB is a
 * single long task on this thread (structured clone on the desktop, JSON through the browser bridge),
 * during which the analyst's typing waits; each part takes a few dozen ms, and the thread is free
 * between them — which matters most for the daily backup, made while the analyst works. Parts go a few
 * at a time (PARTS_IN_FLIGHT), numbered so that main keeps each table in order.
 */
async function stageLargeTables(
  snapshot: WorkspaceSnapshot,
  taskId: string,
  signal: AbortSignal | undefined,
  onStep: (step: BackupStep) => void,
): Promise<WorkspaceSnapshot> {
  const tables = { ...snapshot.tables };
  const plan = WORKSPACE_TABLES.map((table) => ({ table, parts: backupParts(tables[table] as unknown[]) })).filter(
    (p) => p.parts.length > 1,
  );
  const total = plan.reduce((n, p) => n + p.parts.length, 0);
  let sent = 0;
  const jobs = plan.flatMap(({ table, parts }) =>
    parts.map((records, part) => async () => {
      if (signal?.aborted) throw new BackupCancelled();
      onStep({ text: translate('backups.step.sending', { part: sent + 1, total }), done: sent, total });
      await workbench().stageBackupRecords({ taskId, table, part, records: records as Record<string, unknown>[] });
      sent++;
    }),
  );
  await runInFlight(jobs, PARTS_IN_FLIGHT);
  for (const { table } of plan) (tables as Record<string, unknown[]>)[table] = [];
  return { ...snapshot, tables };
}

/**
 * Writes a backup of the whole workspace now; rolling ones keep the analyst's keep-count.
 *
 * The snapshot is read table by table (asynchronous IndexedDB reads) and sent to main in parts of about
 * a megabyte (stageLargeTables), so no single message keeps this thread busy. The daily and quit
 * backups have no cancel; they run in the background like this one.
 */
export async function backUpWorkspace(reason: BackupReason, options: BackupOptions = {}): Promise<WrittenBackup> {
  const { signal, onStep = () => undefined } = options;
  // Every backup has a task id: it names the parts sent ahead of the write.
  const taskId = options.taskId ?? newTaskId();
  let snapshot: WorkspaceSnapshot;
  try {
    snapshot = await readBackupSnapshot(workspace, new Date(), {
      signal,
      onTable: (index, count) =>
        onStep({
          text: translate('backups.step.reading', { table: index, total: count }),
          done: index - 1,
          total: count,
        }),
    });
  } catch (error) {
    if (signal?.aborted) throw new BackupCancelled();
    throw error;
  }
  const keep = await backupKeepCount(db);
  if (signal?.aborted) throw new BackupCancelled();
  let rest: WorkspaceSnapshot;
  try {
    rest = await stageLargeTables(snapshot, taskId, signal, onStep);
  } catch (error) {
    // Whatever main holds of this backup goes too.
    void cancelTask(taskId).catch(() => undefined);
    if (isBackupCancelled(error) || signal?.aborted) throw new BackupCancelled();
    throw error;
  }
  onStep({ text: translate('backups.step.toService') });
  const stop = options.taskId
    ? watchTask(taskId, (progress) => void (mainStep(progress) && onStep(mainStep(progress)!)))
    : () => undefined;
  let written: WrittenBackup;
  try {
    written = await workbench().writeBackup({ snapshot: rest, reason, keep, taskId });
  } catch (error) {
    if (isBackupCancelled(error)) throw new BackupCancelled();
    throw error;
  } finally {
    stop();
  }
  if (written.path) useWorkbench.getState().setLastBackupAt(written.createdAt);
  return written;
}

/** A backup the analyst can cancel: stopped in the window between table reads, or in main before it writes. */
export interface CancellableBackup {
  /** Settles with the backup, or rejects with BackupCancelled (or the failure's sentence). */
  done: Promise<WrittenBackup>;
  /** Answers false when main was already writing the file (it completes and is kept). */
  cancel: () => Promise<boolean>;
}

export function startBackup(reason: BackupReason, onStep: (step: BackupStep) => void): CancellableBackup {
  const controller = new AbortController();
  const taskId = newTaskId();
  const done = backUpWorkspace(reason, { signal: controller.signal, taskId, onStep });
  return {
    done,
    cancel: async () => {
      controller.abort();
      // Main may have the snapshot already; a cancel for a task it has not seen yet is remembered there.
      return cancelTask(taskId).catch(() => true);
    },
  };
}

/** The backup made by hand that is running now (File › Back up…, or Back up now in the Backups dialog). */
let manualBackup: CancellableBackup | null = null;

/**
 * Backs the workspace up by hand, with its progress in the store (the Backups dialog and the status bar
 * show it, with Cancel). A second request while one runs joins it.
 */
export function runManualBackup(): Promise<WrittenBackup> {
  if (manualBackup) return manualBackup.done;
  const state = useWorkbench.getState;
  state().setBackupProgress({ text: translate('backups.step.starting'), cancel: 'no' });
  const run = startBackup('manual', (step) => {
    const current = state().backupProgress;
    if (current) state().setBackupProgress({ ...step, cancel: current.cancel });
  });
  manualBackup = run;
  void run.done
    .then(
      () => undefined,
      () => undefined,
    )
    .finally(() => {
      manualBackup = null;
      state().setBackupProgress(null);
    });
  return run.done;
}

/** Cancels the manual backup that is running, if any. */
export async function cancelManualBackup(): Promise<void> {
  const run = manualBackup;
  const state = useWorkbench.getState;
  const current = state().backupProgress;
  if (!run || !current || current.cancel !== 'no') return;
  state().setBackupProgress({ ...current, cancel: 'asked' });
  const cancelled = await run.cancel();
  const now = state().backupProgress;
  if (!cancelled && now && manualBackup === run) state().setBackupProgress({ ...now, cancel: 'too-late' });
}

/**
 * Opens a backup — one in the backups folder by its id, or the bytes of a file the analyst picked —
 * and answers its workspace once main has checked every part of it (format, versions, checksums, every
 * record). Nothing in this workspace changes. For restoring here, and for merging a colleague's backup.
 * Large tables come after the answer, part by part (takeBackupPart), so that decoding tens of MB is
 * never one long task on this thread.
 */
export async function openBackupSnapshot(source: { backupId: string } | { bytes: Uint8Array }): Promise<OpenedBackup> {
  const { handoff, ...opened } = await workbench().openBackup(source);
  if (!handoff) return opened;
  const tables = { ...opened.snapshot.tables };
  // A few parts in flight at once (as the backup sends them), each put in its place.
  const taken = handoff.tables.map(({ parts }) => new Array<readonly unknown[]>(parts));
  const jobs = handoff.tables.flatMap(({ table, parts }, t) =>
    Array.from({ length: parts }, (_, index) => async () => {
      taken[t]![index] = (await workbench().takeBackupPart({ handoffId: handoff.id, table, index })).records;
    }),
  );
  await runInFlight(jobs, PARTS_IN_FLIGHT);
  handoff.tables.forEach(({ table }, t) => {
    const records: Record<string, unknown>[] = [];
    for (const part of taken[t]!) for (const record of part) records.push(record as Record<string, unknown>);
    tables[table] = records;
  });
  return { ...opened, snapshot: { ...opened.snapshot, tables } };
}

/**
 * Takes the backups the system opened since last asked (main has checked them and copied them into the
 * backups folder): says why any was refused, and opens the Backups dialog on the others.
 */
export async function collectOpenedBackups(): Promise<void> {
  const { adopted, refused } = await workbench().takeOpenedBackups();
  const state = useWorkbench.getState();
  for (const sentence of refused) state.notify('error', sentence);
  if (adopted.length === 0) return;
  state.addOpenedBackups(adopted);
  state.setBackupsOpen(true);
}

/** Where the sentence for the analyst waits across the reload that follows a restore. */
const RESTORED_KEY = 'analyst-workbench:restored';

export type RestoreStep = 'backing-up' | 'replacing';

/** A restore the analyst cancelled before anything was replaced; its message is the sentence they read. */
export class RestoreCancelled extends Error {
  override name = 'RestoreCancelled';
  constructor(options?: ErrorOptions) {
    super(translate('backups.restoreCancelled'), options);
  }
}

/**
 * Replaces the workspace with a checked backup: first a 'before-restore' backup of the workspace as it
 * is (if that fails, nothing is replaced), then every table in one transaction (the backup.restore
 * command, after which the undo steps are forgotten). The caller reloads the window afterwards, so that
 * every view, cache and search index starts from the restored data.
 *
 * `signal` cancels the restore during its first step only: once 'replacing' has begun, the one
 * transaction runs to its end (it is never interrupted half-way). A cancel that arrives while main is
 * already writing the before-restore backup is too late for that backup, which is kept, but the
 * restore still stops before replacing anything.
 */
export async function restoreWorkspace(
  opened: OpenedBackup,
  label: string,
  onStep: (step: RestoreStep, progress?: BackupStep) => void = () => undefined,
  signal?: AbortSignal,
  taskId?: string,
): Promise<void> {
  onStep('backing-up');
  try {
    await backUpWorkspace('before-restore', { signal, taskId, onStep: (progress) => onStep('backing-up', progress) });
  } catch (error) {
    if (isBackupCancelled(error) || signal?.aborted) throw new RestoreCancelled({ cause: error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(translate('backups.restoreStopped', { reason: reason.replace(/\.$/, '') }), { cause: error });
  }
  if (signal?.aborted) throw new RestoreCancelled();
  onStep('replacing');
  await replaceWorkspace(workspace, opened.snapshot);
  // Written in the language of this moment; the window reloads in the same language to say it.
  sessionStorage.setItem(RESTORED_KEY, translate('backups.restoredFrom', { label }));
}

/** The sentence a restore left for the analyst before the window reloaded (read once). */
export function takeRestoredMessage(): string | null {
  const message = sessionStorage.getItem(RESTORED_KEY);
  if (message !== null) sessionStorage.removeItem(RESTORED_KEY);
  return message;
}

/**
 * The merge of a colleague's backup is its own feature; it registers here what to do with a checked
 * backup's workspace (and the name of its file), and the Backups dialog offers "Merge a colleague's
 * backup…" only once it has.
 */
export type MergeHandler = (snapshot: WorkspaceSnapshot, file?: string) => void;
let mergeHandler: MergeHandler | null = null;

export function registerMergeHandler(handler: MergeHandler): () => void {
  mergeHandler = handler;
  return () => {
    if (mergeHandler === handler) mergeHandler = null;
  };
}

export function currentMergeHandler(): MergeHandler | null {
  return mergeHandler;
}

import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import {
  BACKUP_EXTENSION,
  BACKUP_MIME,
  REASON_LABELS,
  type BackupSummary,
} from '../../../shared/interop/backup/format';
import { DEFAULT_BACKUP_KEEP, MAX_BACKUP_KEEP, MIN_BACKUP_KEEP } from '../../../shared/interop/backup/naming';
import type { WorkspaceTableName } from '../../../shared/interop/workspace-snapshot';
import type { OpenedBackup } from '../../../shared/ipc/contract';
import { db } from '../../db';
import { workspaceCounts } from '../../db/backup';
import { backupKeepCount } from '../../db/settings';
import { workbench } from '../../platform/workbench';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { backupKeepProblem, setBackupKeepCount } from '../../workspace/commands/settings';
import { formatDateTime, formatNumber } from '../../ui/format';
import { newTaskId, cancelTask } from '../../platform/tasks';
import {
  BACKUP_CANCELLED,
  cancelManualBackup,
  currentMergeHandler,
  isBackupCancelled,
  openBackupSnapshot,
  RESTORE_CANCELLED,
  restoreWorkspace,
  runManualBackup,
  type BackupStep,
  type RestoreStep,
} from './backup-actions';
import './backups.css';
import { useFocusHold } from '../../ui/useFocusHold';

type Counts = Partial<Record<WorkspaceTableName, number>>;

type Phase =
  | { kind: 'list' }
  | { kind: 'busy'; text: string }
  | { kind: 'confirm'; opened: OpenedBackup; label: string; current: Counts }
  | { kind: 'restoring'; step: RestoreStep; label: string; progress?: BackupStep; cancelling?: boolean }
  | { kind: 'restored'; label: string };

/** The tables an analyst recognises, with their names in the domain's words. */
const COUNTED: { table: WorkspaceTableName; one: string; many: string; label: string }[] = [
  { table: 'sources', one: 'source', many: 'sources', label: 'Sources' },
  { table: 'annotations', one: 'passage', many: 'passages', label: 'Passages' },
  { table: 'tags', one: 'tag', many: 'tags', label: 'Tags' },
  { table: 'registers', one: 'register', many: 'registers', label: 'Registers' },
  { table: 'threats', one: 'threat', many: 'threats', label: 'Threats' },
  { table: 'actors', one: 'actor', many: 'actors', label: 'Actors' },
  { table: 'briefings', one: 'briefing', many: 'briefings', label: 'Briefings' },
  { table: 'revisions', one: 'history entry', many: 'history entries', label: 'History entries' },
];

const STEP_TEXT: Record<RestoreStep, string> = {
  'backing-up': 'Backing up the workspace as it is now…',
  replacing: 'Replacing the workspace… This step runs to its end and cannot be cancelled.',
};

const MAX_FILE_BYTES = 1024 * 1024 * 1024;
const ACCEPT = `${BACKUP_EXTENSION},${BACKUP_MIME}`;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function summaryOf(counts: Counts): string {
  return COUNTED.filter(({ table }) => table !== 'revisions' && (counts[table] ?? 0) > 0)
    .map(({ table, one, many }) => `${formatNumber(counts[table]!)} ${counts[table] === 1 ? one : many}`)
    .join(' · ');
}

function countsOf(opened: OpenedBackup): Counts {
  return Object.fromEntries(Object.entries(opened.snapshot.tables).map(([table, records]) => [table, records.length]));
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function fileBytes(file: File): Promise<Uint8Array> {
  if (file.size > MAX_FILE_BYTES)
    throw new Error(`“${file.name}” is larger than 1 GB, more than any workspace backup. Nothing was changed.`);
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * Backups: back up now, the rolling backups with what each holds, restore one (or a file) after a
 * confirm step that says what will be replaced, and how many automatic backups to keep.
 */
export function BackupsDialog({ dataFolder }: { dataFolder: string }) {
  const open = useWorkbench((s) => s.backupsOpen);
  const focus = useWorkbench((s) => s.backupsFocus);
  const openedIds = useWorkbench((s) => s.openedBackupIds);
  const setOpen = useWorkbench((s) => s.setBackupsOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref, open);
  const fileInput = useRef<HTMLInputElement>(null);
  const mergeInput = useRef<HTMLInputElement>(null);
  const [backups, setBackups] = useState<BackupSummary[] | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'list' });
  const [result, setResult] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [keep, setKeep] = useState(String(DEFAULT_BACKUP_KEEP));
  const [keepProblem, setKeepProblem] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const backupProgress = useWorkbench((s) => s.backupProgress);
  /** The restore that is running: cancellable while it backs up the workspace first. */
  const restoreRun = useRef<{ controller: AbortController; taskId: string } | null>(null);

  const refresh = useCallback(async () => {
    try {
      setBackups(await workbench().listBackups());
    } catch (error) {
      setResult({ kind: 'error', text: `The backups could not be listed. ${message(error)}` });
    }
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setPhase({ kind: 'list' });
      setResult(null);
      setDeleting(null);
      setKeepProblem(null);
      dialog.showModal();
      void refresh();
      void backupKeepCount(db).then((n) => setKeep(String(n)));
      dialog
        .querySelector<HTMLButtonElement>(
          focus === 'restore-file' ? '[data-focus="restore-file"]' : '[data-focus="back-up"]',
        )
        ?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, focus, refresh]);

  const working =
    phase.kind === 'busy' || phase.kind === 'restoring' || phase.kind === 'restored' || backupProgress !== null;

  const backUp = async () => {
    setResult(null);
    try {
      const written = await runManualBackup();
      setResult(
        written.path
          ? { kind: 'info', text: `Backed up the workspace (${formatBytes(written.bytes)}) to ${written.path}.` }
          : { kind: 'info', text: 'No backup was written: the save was cancelled.' },
      );
    } catch (error) {
      setResult(
        isBackupCancelled(error)
          ? { kind: 'info', text: BACKUP_CANCELLED }
          : { kind: 'error', text: `The workspace was not backed up. ${message(error)}` },
      );
    }
    await refresh();
  };

  /** Checks the backup first (main reads every part of it); only a sound one reaches the confirm step. */
  const check = async (source: { backupId: string } | { file: File }, describe: (opened: OpenedBackup) => string) => {
    setResult(null);
    setDeleting(null);
    setPhase({ kind: 'busy', text: 'Checking the backup…' });
    try {
      const opened = await openBackupSnapshot('file' in source ? { bytes: await fileBytes(source.file) } : source);
      setPhase({ kind: 'confirm', opened, label: describe(opened), current: await workspaceCounts(db) });
    } catch (error) {
      setPhase({ kind: 'list' });
      setResult({ kind: 'error', text: message(error) });
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file)
      void check({ file }, (opened) => `the backup “${file.name}” of ${formatDateTime(opened.snapshot.createdAt)}`);
  };

  const replace = async (opened: OpenedBackup, label: string) => {
    setResult(null);
    const run = { controller: new AbortController(), taskId: newTaskId() };
    restoreRun.current = run;
    try {
      await restoreWorkspace(
        opened,
        label,
        (step, progress) =>
          setPhase((p) => ({
            kind: 'restoring',
            step,
            label,
            progress,
            cancelling: p.kind === 'restoring' ? p.cancelling : false,
          })),
        run.controller.signal,
        run.taskId,
      );
      setPhase({ kind: 'restored', label });
      // Every view, cache, search index and undo stack starts again from the restored workspace.
      window.location.reload();
    } catch (error) {
      setPhase({ kind: 'list' });
      const text = message(error);
      setResult({ kind: text === RESTORE_CANCELLED ? 'info' : 'error', text });
      void refresh();
    } finally {
      restoreRun.current = null;
    }
  };

  /** Stops a restore while it backs up the workspace first; the replace itself is never interrupted. */
  const cancelRestore = () => {
    const run = restoreRun.current;
    if (!run || phase.kind !== 'restoring' || phase.step !== 'backing-up') return;
    setPhase({ ...phase, cancelling: true });
    run.controller.abort();
    void cancelTask(run.taskId).catch(() => undefined);
  };

  const remove = async (backup: BackupSummary) => {
    if (deleting !== backup.id) {
      setDeleting(backup.id);
      return;
    }
    setDeleting(null);
    try {
      await workbench().deleteBackup({ backupId: backup.id });
      setResult({ kind: 'info', text: `Deleted the backup “${backup.id}”.` });
    } catch (error) {
      setResult({ kind: 'error', text: message(error) });
    }
    await refresh();
  };

  const saveKeep = async () => {
    const value = Number(keep);
    // A count out of range is said beside the field; nothing is saved.
    const problem = backupKeepProblem(value);
    if (problem) {
      setKeepProblem(problem);
      return;
    }
    try {
      await workspace.perform(setBackupKeepCount, value);
      setKeepProblem(null);
    } catch (error) {
      // Not saved (already reported): the sentence stays beside the field too.
      setKeepProblem(message(error));
    }
  };

  const merge = currentMergeHandler();
  /** Checks the backup like a restore does; only a sound one is handed to the Merge dialog. */
  const mergeFrom = async (file: string, source: () => Promise<{ backupId: string } | { bytes: Uint8Array }>) => {
    if (!merge) return;
    setResult(null);
    setDeleting(null);
    setPhase({ kind: 'busy', text: 'Checking the backup…' });
    try {
      const opened = await openBackupSnapshot(await source());
      setOpen(false);
      merge(opened.snapshot, file);
    } catch (error) {
      setResult({ kind: 'error', text: message(error) });
    }
    setPhase({ kind: 'list' });
  };
  const onMergeFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void mergeFrom(file.name, async () => ({ bytes: await fileBytes(file) }));
  };

  return (
    <dialog
      ref={ref}
      className="dialog wide backups-dialog"
      aria-labelledby="backups-title"
      onCancel={(event) => {
        if (working) event.preventDefault();
      }}
      onClose={() => setOpen(false)}
    >
      <header className="backups-header">
        <h2 id="backups-title">Backups</h2>
        <button type="button" className="ghost" aria-label="Close" disabled={working} onClick={() => setOpen(false)}>
          ×
        </button>
      </header>

      {phase.kind === 'confirm' ? (
        <section className="backups-confirm" aria-labelledby="restore-confirm-title">
          <h3 id="restore-confirm-title">Replace the workspace?</h3>
          <p className="dialog-text">
            Everything in this workspace will be replaced by {phase.label}
            {phase.opened.reason !== 'manual' ? ` (${REASON_LABELS[phase.opened.reason].toLowerCase()})` : ''}. A backup
            of the workspace as it is now is written first, listed as “Before a restore”, so you can go back to it.
          </p>
          <table className="backups-compare" aria-label="What will be replaced">
            <thead>
              <tr>
                <th scope="col"></th>
                <th scope="col">Now</th>
                <th scope="col">In the backup</th>
              </tr>
            </thead>
            <tbody>
              {COUNTED.map(({ table, label }) => {
                const now = phase.current[table] ?? 0;
                const then = countsOf(phase.opened)[table] ?? 0;
                return (
                  <tr key={table} className={now !== then ? 'differs' : undefined}>
                    <th scope="row">{label}</th>
                    <td>{formatNumber(now)}</td>
                    <td>{formatNumber(then)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="dialog-actions">
            <button type="button" onClick={() => setPhase({ kind: 'list' })}>
              Cancel
            </button>
            <button
              type="button"
              className="primary danger-primary"
              autoFocus
              onClick={() => void replace(phase.opened, phase.label)}
            >
              Replace the workspace
            </button>
          </div>
        </section>
      ) : (
        <>
          <div className="backups-toolbar">
            <button
              type="button"
              className="primary"
              data-focus="back-up"
              disabled={working}
              onClick={() => void backUp()}
            >
              Back up now
            </button>
            <button
              type="button"
              data-focus="restore-file"
              disabled={working}
              onClick={() => fileInput.current?.click()}
            >
              Restore from a file…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept={ACCEPT}
              hidden
              aria-label="Backup file to restore"
              onChange={onFile}
            />
            <label className="inline-field backups-keep">
              Keep the newest
              <input
                type="number"
                min={MIN_BACKUP_KEEP}
                max={MAX_BACKUP_KEEP}
                value={keep}
                aria-invalid={keepProblem ? true : undefined}
                aria-describedby={keepProblem ? 'backups-keep-problem' : undefined}
                onChange={(e) => setKeep(e.target.value)}
                onBlur={() => void saveKeep()}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void saveKeep();
                }}
              />
              automatic backups of each kind
            </label>
          </div>
          {keepProblem && (
            <p id="backups-keep-problem" className="field-error" role="alert">
              {keepProblem}
            </p>
          )}

          {backupProgress && (
            <div className="backups-progress" role="status" aria-label="Backup progress">
              <progress
                aria-label="Backing up"
                max={backupProgress.total}
                value={backupProgress.total ? backupProgress.done : undefined}
              />
              <span>{backupProgressText(backupProgress)}</span>
              <button type="button" disabled={backupProgress.cancel !== 'no'} onClick={() => void cancelManualBackup()}>
                Cancel backup
              </button>
            </div>
          )}
          {(phase.kind === 'busy' || phase.kind === 'restoring' || phase.kind === 'restored') && (
            <div className="backups-progress" role="status" aria-label="Restore progress">
              <progress
                aria-label="Working"
                max={phase.kind === 'restoring' ? phase.progress?.total : undefined}
                value={phase.kind === 'restoring' && phase.progress?.total ? phase.progress.done : undefined}
              />
              <span>
                {phase.kind === 'busy'
                  ? phase.text
                  : phase.kind === 'restoring'
                    ? phase.cancelling && phase.step === 'backing-up'
                      ? 'Cancelling the restore…'
                      : `${STEP_TEXT[phase.step]}${phase.step === 'backing-up' && phase.progress ? ` ${phase.progress.text}` : ''}`
                    : `Restored ${phase.label}. Reloading…`}
              </span>
              {phase.kind === 'restoring' && phase.step === 'backing-up' && (
                <button type="button" disabled={phase.cancelling} onClick={cancelRestore}>
                  Cancel restore
                </button>
              )}
            </div>
          )}
          {result && (
            <p
              className={`backups-result backups-result-${result.kind}`}
              role={result.kind === 'error' ? 'alert' : 'status'}
            >
              {result.text}
            </p>
          )}

          <BackupList
            backups={backups}
            opened={openedIds}
            disabled={working}
            deleting={deleting}
            onRestore={(b) => void check({ backupId: b.id }, () => `the backup of ${formatDateTime(b.createdAt!)}`)}
            onMerge={merge ? (b) => void mergeFrom(b.id, async () => ({ backupId: b.id })) : null}
            onDelete={(b) => void remove(b)}
          />

          <p className="muted backups-where">
            Automatic backups are written every day and when the app quits, into{' '}
            <span className="mono">{dataFolder}/backups</span>. Backups you make by hand are never deleted
            automatically.
          </p>

          {merge && (
            <section className="backups-merge" aria-labelledby="backups-merge-title">
              <h3 id="backups-merge-title">Merge</h3>
              <p className="muted">
                Bring a colleague’s work into this workspace, reviewing each difference, instead of replacing it.
              </p>
              <button type="button" disabled={working} onClick={() => mergeInput.current?.click()}>
                Merge a colleague’s backup…
              </button>
              <input
                ref={mergeInput}
                type="file"
                accept={ACCEPT}
                hidden
                aria-label="Colleague’s backup to merge"
                onChange={onMergeFile}
              />
            </section>
          )}
        </>
      )}
    </dialog>
  );
}

/** The sentence the progress line shows for a manual backup. */
export function backupProgressText(progress: { text: string; cancel: 'no' | 'asked' | 'too-late' }): string {
  if (progress.cancel === 'asked') return 'Cancelling the backup…';
  if (progress.cancel === 'too-late') return 'Too late to cancel: the backup file is being written and will be kept.';
  return progress.text;
}

function BackupList({
  backups,
  opened,
  disabled,
  deleting,
  onRestore,
  onMerge,
  onDelete,
}: {
  backups: BackupSummary[] | null;
  /** Backups the system opened (double-clicked files), pointed out at the top. */
  opened: readonly string[];
  disabled: boolean;
  deleting: string | null;
  onRestore: (backup: BackupSummary) => void;
  /** Null until the merge feature takes checked backups. */
  onMerge: ((backup: BackupSummary) => void) | null;
  onDelete: (backup: BackupSummary) => void;
}) {
  if (backups === null) return <p className="muted backups-empty">Reading the backups folder…</p>;
  if (backups.length === 0)
    return (
      <p className="muted backups-empty">
        No backups yet. The first automatic backup is written today; “Back up now” writes one at once.
      </p>
    );
  return (
    <div className="backups-table-wrap">
      <table className="backups-table" aria-label="Backups">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Holds</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {[...backups.filter((b) => opened.includes(b.id)), ...backups.filter((b) => !opened.includes(b.id))].map(
            (b) => {
              const when = b.createdAt ? formatDateTime(b.createdAt) : b.id;
              const wasOpened = opened.includes(b.id);
              return (
                <tr key={b.id} title={b.id} className={wasOpened ? 'backups-opened' : undefined}>
                  <td>{when}</td>
                  <td>
                    {b.reason ? REASON_LABELS[b.reason] : '—'}
                    {wasOpened && <span className="backups-opened-badge"> · opened from your files</span>}
                  </td>
                  <td className="num">{formatBytes(b.bytes)}</td>
                  <td className={b.problem ? 'backups-problem' : 'muted'}>{b.problem ?? summaryOf(b.counts)}</td>
                  <td className="backups-actions">
                    <button
                      type="button"
                      disabled={disabled || b.problem !== null || !b.createdAt}
                      aria-label={`Restore the backup of ${when}`}
                      onClick={() => onRestore(b)}
                    >
                      Restore…
                    </button>
                    {onMerge && (
                      <button
                        type="button"
                        disabled={disabled || b.problem !== null || !b.createdAt}
                        aria-label={`Merge the backup of ${when}`}
                        onClick={() => onMerge(b)}
                      >
                        Merge…
                      </button>
                    )}
                    <button
                      type="button"
                      className={deleting === b.id ? 'danger' : 'ghost'}
                      disabled={disabled}
                      aria-label={
                        deleting === b.id ? `Confirm: delete the backup of ${when}` : `Delete the backup of ${when}`
                      }
                      onClick={() => onDelete(b)}
                    >
                      {deleting === b.id ? 'Delete for good' : 'Delete'}
                    </button>
                  </td>
                </tr>
              );
            },
          )}
        </tbody>
      </table>
    </div>
  );
}

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
  cancelManualBackup,
  currentMergeHandler,
  isBackupCancelled,
  openBackupSnapshot,
  RestoreCancelled,
  restoreWorkspace,
  runManualBackup,
  type BackupStep,
  type RestoreStep,
} from './backup-actions';
import { t as translate, useT } from '../../i18n';
import './backups.css';
import { useFocusHold } from '../../ui/useFocusHold';

type Counts = Partial<Record<WorkspaceTableName, number>>;

type Phase =
  | { kind: 'list' }
  | { kind: 'busy'; text: string }
  | { kind: 'confirm'; opened: OpenedBackup; label: string; current: Counts }
  | { kind: 'restoring'; step: RestoreStep; label: string; progress?: BackupStep; cancelling?: boolean }
  | { kind: 'restored'; label: string };

/**
 * The tables an analyst recognises, in the domain's words: `backups.tables.<table>` names a row of the
 * comparison, `backups.counts.<table>` is the plural count of the list's "Holds" column.
 */
const COUNTED: WorkspaceTableName[] = [
  'sources',
  'annotations',
  'tags',
  'registers',
  'threats',
  'actors',
  'briefings',
  'revisions',
];

const STEP_TEXT: Record<RestoreStep, string> = {
  'backing-up': 'backups.step.backingUp',
  replacing: 'backups.step.replacing',
};

/** A backup's kind (by hand, daily…) in the interface language. */
const reasonLabel = (reason: keyof typeof REASON_LABELS) =>
  translate(`backups.reason.${reason}`, { defaultValue: REASON_LABELS[reason] });

const MAX_FILE_BYTES = 1024 * 1024 * 1024;
const ACCEPT = `${BACKUP_EXTENSION},${BACKUP_MIME}`;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return translate('backups.bytes', { size: formatNumber(bytes) });
  if (bytes < 1024 * 1024) return translate('briefings.composer.kb', { size: String(Math.round(bytes / 1024)) });
  return translate('briefings.composer.mb', { size: formatNumber(Math.round(bytes / 1024 / 102.4) / 10) });
}

function summaryOf(counts: Counts): string {
  return COUNTED.filter((table) => table !== 'revisions' && (counts[table] ?? 0) > 0)
    .map((table) => translate(`backups.counts.${table}`, { count: counts[table]! }))
    .join(' · ');
}

function countsOf(opened: OpenedBackup): Counts {
  return Object.fromEntries(Object.entries(opened.snapshot.tables).map(([table, records]) => [table, records.length]));
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function fileBytes(file: File): Promise<Uint8Array> {
  if (file.size > MAX_FILE_BYTES) throw new Error(translate('backups.tooLarge', { name: file.name }));
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * Backups: back up now, the rolling backups with what each holds, restore one (or a file) after a
 * confirm step that says what will be replaced, and how many automatic backups to keep.
 */
export function BackupsDialog({ dataFolder }: { dataFolder: string }) {
  const t = useT();
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
      setResult({ kind: 'error', text: translate('backups.listFailed', { reason: message(error) }) });
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
          ? { kind: 'info', text: t('backups.backedUp', { size: formatBytes(written.bytes), path: written.path }) }
          : { kind: 'info', text: t('backups.saveCancelled') },
      );
    } catch (error) {
      setResult(
        isBackupCancelled(error)
          ? { kind: 'info', text: t('backups.backupCancelled') }
          : { kind: 'error', text: t('backups.notBackedUp', { reason: message(error) }) },
      );
    }
    await refresh();
  };

  /** Checks the backup first (main reads every part of it); only a sound one reaches the confirm step. */
  const check = async (source: { backupId: string } | { file: File }, describe: (opened: OpenedBackup) => string) => {
    setResult(null);
    setDeleting(null);
    setPhase({ kind: 'busy', text: t('backups.checking') });
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
      void check({ file }, (opened) =>
        t('backups.labelFile', { name: file.name, when: formatDateTime(opened.snapshot.createdAt) }),
      );
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
      setResult(
        error instanceof RestoreCancelled
          ? { kind: 'info', text: t('backups.restoreCancelled') }
          : { kind: 'error', text: message(error) },
      );
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
      setResult({ kind: 'info', text: t('backups.deleted', { id: backup.id }) });
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
    setPhase({ kind: 'busy', text: t('backups.checking') });
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
        <h2 id="backups-title">{t('backups.title')}</h2>
        <button
          type="button"
          className="ghost"
          aria-label={t('common.close')}
          disabled={working}
          onClick={() => setOpen(false)}
        >
          ×
        </button>
      </header>

      {phase.kind === 'confirm' ? (
        <section className="backups-confirm" aria-labelledby="restore-confirm-title">
          <h3 id="restore-confirm-title">{t('backups.replaceTitle')}</h3>
          <p className="dialog-text">
            {phase.opened.reason !== 'manual'
              ? t('backups.replaceTextReason', {
                  label: phase.label,
                  reason: reasonLabel(phase.opened.reason).toLocaleLowerCase(),
                })
              : t('backups.replaceText', { label: phase.label })}
          </p>
          <table className="backups-compare" aria-label={t('backups.whatReplaced')}>
            <thead>
              <tr>
                <th scope="col"></th>
                <th scope="col">{t('backups.now')}</th>
                <th scope="col">{t('backups.inBackup')}</th>
              </tr>
            </thead>
            <tbody>
              {COUNTED.map((table) => {
                const now = phase.current[table] ?? 0;
                const then = countsOf(phase.opened)[table] ?? 0;
                return (
                  <tr key={table} className={now !== then ? 'differs' : undefined}>
                    <th scope="row">{t(`backups.tables.${table}`)}</th>
                    <td>{formatNumber(now)}</td>
                    <td>{formatNumber(then)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="dialog-actions">
            <button type="button" onClick={() => setPhase({ kind: 'list' })}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="primary danger-primary"
              autoFocus
              onClick={() => void replace(phase.opened, phase.label)}
            >
              {t('backups.replace')}
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
              {t('backups.backUpNow')}
            </button>
            <button
              type="button"
              data-focus="restore-file"
              disabled={working}
              onClick={() => fileInput.current?.click()}
            >
              {t('backups.restoreFile')}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept={ACCEPT}
              hidden
              aria-label={t('backups.fileToRestore')}
              onChange={onFile}
            />
            <label className="inline-field backups-keep">
              {t('backups.keepBefore')}
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
              {t('backups.keepAfter')}
            </label>
          </div>
          {keepProblem && (
            <p id="backups-keep-problem" className="field-error" role="alert">
              {keepProblem}
            </p>
          )}

          {backupProgress && (
            <div className="backups-progress" role="status" aria-label={t('backup.progress')}>
              <progress
                aria-label={t('backup.backingUp')}
                max={backupProgress.total}
                value={backupProgress.total ? backupProgress.done : undefined}
              />
              <span>{backupProgressText(backupProgress)}</span>
              <button type="button" disabled={backupProgress.cancel !== 'no'} onClick={() => void cancelManualBackup()}>
                {t('backup.cancel')}
              </button>
            </div>
          )}
          {(phase.kind === 'busy' || phase.kind === 'restoring' || phase.kind === 'restored') && (
            <div className="backups-progress" role="status" aria-label={t('backups.restoreProgress')}>
              <progress
                aria-label={t('backups.working')}
                max={phase.kind === 'restoring' ? phase.progress?.total : undefined}
                value={phase.kind === 'restoring' && phase.progress?.total ? phase.progress.done : undefined}
              />
              <span>
                {phase.kind === 'busy'
                  ? phase.text
                  : phase.kind === 'restoring'
                    ? phase.cancelling && phase.step === 'backing-up'
                      ? t('backups.cancellingRestore')
                      : `${t(STEP_TEXT[phase.step])}${phase.step === 'backing-up' && phase.progress ? ` ${phase.progress.text}` : ''}`
                    : t('backups.restored', { label: phase.label })}
              </span>
              {phase.kind === 'restoring' && phase.step === 'backing-up' && (
                <button type="button" disabled={phase.cancelling} onClick={cancelRestore}>
                  {t('backups.cancelRestore')}
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
            onRestore={(b) =>
              void check({ backupId: b.id }, () => t('backups.labelDate', { when: formatDateTime(b.createdAt!) }))
            }
            onMerge={merge ? (b) => void mergeFrom(b.id, async () => ({ backupId: b.id })) : null}
            onDelete={(b) => void remove(b)}
          />

          <p className="muted backups-where">
            {t('backups.whereBefore')} <span className="mono">{dataFolder}/backups</span>. {t('backups.whereAfter')}
          </p>

          {merge && (
            <section className="backups-merge" aria-labelledby="backups-merge-title">
              <h3 id="backups-merge-title">{t('backups.merge')}</h3>
              <p className="muted">{t('backups.mergeText')}</p>
              <button type="button" disabled={working} onClick={() => mergeInput.current?.click()}>
                {t('backups.mergeButton')}
              </button>
              <input
                ref={mergeInput}
                type="file"
                accept={ACCEPT}
                hidden
                aria-label={t('backups.mergeFile')}
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
  if (progress.cancel === 'asked') return translate('backups.cancellingBackup');
  if (progress.cancel === 'too-late') return translate('backups.tooLate');
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
  const t = translate;
  if (backups === null) return <p className="muted backups-empty">{t('backups.reading')}</p>;
  if (backups.length === 0) return <p className="muted backups-empty">{t('backups.none')}</p>;
  return (
    <div className="backups-table-wrap">
      <table className="backups-table" aria-label={t('backups.title')}>
        <thead>
          <tr>
            <th scope="col">{t('backups.when')}</th>
            <th scope="col">{t('backups.kind')}</th>
            <th scope="col" className="num">
              {t('backups.size')}
            </th>
            <th scope="col">{t('backups.holds')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('backups.actions')}</span>
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
                    {b.reason ? reasonLabel(b.reason) : '—'}
                    {wasOpened && <span className="backups-opened-badge">{t('backups.openedBadge')}</span>}
                  </td>
                  <td className="num">{formatBytes(b.bytes)}</td>
                  <td className={b.problem ? 'backups-problem' : 'muted'}>{b.problem ?? summaryOf(b.counts)}</td>
                  <td className="backups-actions">
                    <button
                      type="button"
                      disabled={disabled || b.problem !== null || !b.createdAt}
                      aria-label={t('backups.restoreOf', { when })}
                      onClick={() => onRestore(b)}
                    >
                      {t('backups.restoreButton')}
                    </button>
                    {onMerge && (
                      <button
                        type="button"
                        disabled={disabled || b.problem !== null || !b.createdAt}
                        aria-label={t('backups.mergeOf', { when })}
                        onClick={() => onMerge(b)}
                      >
                        {t('backups.mergeOne')}
                      </button>
                    )}
                    <button
                      type="button"
                      className={deleting === b.id ? 'danger' : 'ghost'}
                      disabled={disabled}
                      aria-label={
                        deleting === b.id ? t('backups.confirmDeleteOf', { when }) : t('backups.deleteOf', { when })
                      }
                      onClick={() => onDelete(b)}
                    >
                      {deleting === b.id ? t('backups.deleteForGood') : t('common.delete')}
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

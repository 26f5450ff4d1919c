import { db } from '../../db';
import { findSourceByFile, findSourceByTextHash } from '../../db/sources';
import { workspace } from '../../workspace';
import { importSource } from '../../workspace/commands/sources';
import { importLimit } from '../../db/settings';
import { cancelTask, newTaskId } from '../../platform/tasks';
import { workbench } from '../../platform/workbench';
import { useWorkbench } from '../../stores';
import { t as translate, uiLocale } from '../../i18n';

export const ACCEPTED_FILES =
  '.txt,.md,.markdown,.html,.htm,.docx,.pdf,text/plain,text/markdown,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface FileToImport {
  name: string;
  size: number;
  bytes: () => Promise<Uint8Array>;
  /** For pasted text: the title the analyst typed. */
  title?: string;
}

/** A size in megabytes to one decimal, as the interface language writes numbers ("50.2", "50,2"). */
const megabytes = (bytes: number) =>
  new Intl.NumberFormat(uiLocale(), { maximumFractionDigits: 1, useGrouping: false }).format(bytes / 1024 / 1024);

/**
 * Imports files one after another, each through main (which parses and stores the original), then
 * into the database. A duplicate is offered as "open existing"; a failure names the file and the
 * reason and leaves nothing behind.
 */
export async function importFiles(files: FileToImport[]): Promise<void> {
  const store = useWorkbench.getState();
  const ids = store.queueImports(files.map((f) => f.name));
  const limit = await importLimit(db);
  let lastImported: string | undefined;
  const jobOf = (id: number) => useWorkbench.getState().importJobs.find((j) => j.id === id);
  for (const [i, file] of files.entries()) {
    const id = ids[i]!;
    const update = useWorkbench.getState().updateImport;
    // Cancelled while it waited: skipped, nothing read or sent.
    if (jobOf(id)?.state !== 'queued') continue;
    const taskId = newTaskId();
    update(id, { state: 'importing', taskId });
    const cancelledMessage = translate('imports.cancelled', { name: file.name });
    const wasCancelled = () => jobOf(id)?.cancelRequested === true;
    if (file.size > limit) {
      // Checked here too, so a huge file is not read into memory only to be refused by main.
      update(id, {
        state: 'failed',
        message: translate('imports.overLimit', {
          name: file.name,
          size: megabytes(file.size),
          limit: megabytes(limit),
        }),
      });
      continue;
    }
    let stored: string | null = null;
    try {
      const bytes = await file.bytes();
      if (wasCancelled()) throw new Error(cancelledMessage);
      const imported = await workbench().importSource({
        bytes,
        fileName: file.name,
        keepFullText: useWorkbench.getState().keepFullText,
        maxBytes: limit,
        taskId,
        language: uiLocale(),
      });
      stored = imported.file.sha256;
      // Main finished before the cancel reached it: the file it stored is taken back below.
      if (wasCancelled()) throw new Error(cancelledMessage);
      const existing =
        (await findSourceByFile(db, imported.file.sha256)) ?? (await findSourceByTextHash(db, imported.textHash));
      if (existing) {
        // Nothing of a duplicate stays behind: the original this import stored goes, unless a source uses it
        // (a file that was there before may belong to a deleted source that undo can bring back).
        if (imported.fileAdded && !(await findSourceByFile(db, imported.file.sha256)))
          await workbench()
            .deleteSourceFile(imported.file.sha256)
            .catch(() => undefined);
        update(id, {
          state: 'duplicate',
          sourceId: existing.id,
          message: translate('imports.duplicate', { name: file.name, title: existing.title }),
        });
        continue;
      }
      if (file.title) {
        // The title the analyst typed is no guess.
        imported.metadata.title = file.title;
        imported.guessed = imported.guessed?.filter((field) => field !== 'title');
      }
      const fallbackTitle = file.name.replace(/\.[^.]+$/, '');
      if (wasCancelled()) throw new Error(cancelledMessage);
      let source;
      try {
        source = await workspace.perform(importSource, { imported, fallbackTitle });
      } catch (error) {
        // The database refused the record: take back the stored file unless another source uses it.
        if (!(await findSourceByFile(db, imported.file.sha256)))
          await workbench()
            .deleteSourceFile(imported.file.sha256)
            .catch(() => undefined);
        throw error;
      }
      lastImported = source.id;
      if (imported.comments?.length) useWorkbench.getState().setPendingComments(source.id, imported.comments);
      update(id, {
        state: 'done',
        sourceId: source.id,
        warnings: imported.warnings,
        message: imported.warnings.length ? imported.warnings.join(' ') : undefined,
      });
    } catch (error) {
      if (wasCancelled()) {
        if (stored && !(await findSourceByFile(db, stored)))
          await workbench()
            .deleteSourceFile(stored)
            .catch(() => undefined);
        // Ours whether main stopped the import (its own sentence says the same, in English) or the cancel
        // came before or after it.
        update(id, { state: 'cancelled', message: cancelledMessage });
        continue;
      }
      update(id, { state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }
  if (lastImported) {
    useWorkbench.getState().navigate('sources');
    useWorkbench.getState().selectSource(lastImported);
  }
}

/**
 * Cancels one import: a file still waiting is skipped; a running one is stopped in main (its reader
 * thread ended), and whatever it stored is taken back. A finished import is not undone here.
 */
export function cancelImport(jobId: number): void {
  const { importJobs, updateImport } = useWorkbench.getState();
  const job = importJobs.find((j) => j.id === jobId);
  if (!job) return;
  if (job.state === 'queued') {
    updateImport(jobId, {
      state: 'cancelled',
      message: translate('imports.cancelledWaiting', { name: job.name }),
    });
    return;
  }
  if (job.state !== 'importing' || job.cancelRequested) return;
  updateImport(jobId, { cancelRequested: true });
  // If the cancel cannot reach main, the import still ends as cancelled: its result is discarded above.
  if (job.taskId) void cancelTask(job.taskId).catch(() => undefined);
}

/** Cancels every import that is waiting or running. */
export function cancelAllImports(): void {
  for (const job of useWorkbench.getState().importJobs)
    if (job.state === 'queued' || job.state === 'importing') cancelImport(job.id);
}

export function filesFromList(list: FileList | File[]): FileToImport[] {
  return Array.from(list, (file) => ({
    name: file.name,
    size: file.size,
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
  }));
}

export function pastedText(title: string, text: string): FileToImport {
  const bytes = new TextEncoder().encode(text);
  // Control characters are exactly what a file name must not hold.
  // eslint-disable-next-line no-control-regex
  const unsafe = /[\\/:*?"<>|\u0000-\u001f]+/g;
  const safe = title.trim().replace(unsafe, ' ').slice(0, 80).trim() || translate('sources.pastedText');
  return { name: `${safe}.txt`, size: bytes.byteLength, bytes: async () => bytes, title: title.trim() || undefined };
}

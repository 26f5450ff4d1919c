import type { WarningOverride } from '../../../shared/domain/briefing';
import type { BriefingDocument } from '../../../shared/domain/briefing-document';
import type { OpenOutcome } from '../../../shared/ipc/contract';
import { watchTask } from '../../platform/tasks';
import { workbench } from '../../platform/workbench';
import { workspace } from '../../workspace';
import { recordBriefingExport } from '../../workspace/commands/briefings';

/** Where an export is: on its way to main, being packed on main's briefing worker, or being written. */
export type ExportStep = 'sending' | 'building' | 'writing';

/**
 * Sends the document tree the preview shows to main, which packs the .docx on its briefing worker and
 * writes it (in the save dialog's place on the desktop, in the exports folder in the browser); the file
 * is then kept in the briefing's history (a recorded change, not a step for Ctrl+Z; when it cannot be
 * kept this rejects with `CommandFailed`, already reported). Answers the path, or null when the analyst
 * cancelled the dialog. `taskId` names the export for cancelTask: a cancelled export rejects, writes no file and
 * records nothing. `overrides` are the warnings the analyst let stand: the history records them with the file.
 */
export async function exportBriefing(
  briefingId: string,
  document: BriefingDocument,
  taskId?: string,
  onStep: (step: ExportStep) => void = () => undefined,
  overrides: WarningOverride[] = [],
): Promise<string | null> {
  onStep('sending');
  const stop = taskId
    ? watchTask(
        taskId,
        (p) => p.state === 'running' && (p.step === 'building' || p.step === 'writing') && onStep(p.step),
      )
    : () => undefined;
  let answer;
  try {
    answer = await workbench().exportBriefing({ document, ...(taskId ? { taskId } : {}) });
  } finally {
    stop();
  }
  const { path, bytes } = answer;
  if (!path) return null;
  await workspace.perform(recordBriefingExport, {
    briefingId,
    entry: { at: new Date().toISOString(), path, bytes, overrides },
  });
  return path;
}

/** Opens an exported briefing in Word (desktop only; the browser preview answers with a sentence). */
export function openExport(path: string): Promise<OpenOutcome> {
  return workbench().openBriefingExport({ path });
}

export function showExportInFolder(path: string): Promise<OpenOutcome> {
  return workbench().showBriefingExport({ path });
}

import type { BriefingDocument } from '../../../shared/domain/briefing-document';
import type { OpenOutcome } from '../../../shared/ipc/contract';
import { db } from '../../db';
import { recordExport } from '../../db/briefings';
import { workbench } from '../../platform/workbench';

/**
 * Sends the document tree the preview shows to main, which writes the .docx (in the save dialog's place
 * on the desktop, in the exports folder in the browser); the file is then kept in the briefing's history.
 * Answers the path, or null when the analyst cancelled the dialog.
 */
export async function exportBriefing(briefingId: string, document: BriefingDocument): Promise<string | null> {
  const { path, bytes } = await workbench().exportBriefing({ document });
  if (!path) return null;
  await recordExport(db, briefingId, { at: new Date().toISOString(), path, bytes });
  return path;
}

/** Opens an exported briefing in Word (desktop only; the browser preview answers with a sentence). */
export function openExport(path: string): Promise<OpenOutcome> {
  return workbench().openBriefingExport({ path });
}

export function showExportInFolder(path: string): Promise<OpenOutcome> {
  return workbench().showBriefingExport({ path });
}

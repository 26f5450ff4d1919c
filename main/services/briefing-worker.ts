import type { BriefingDocument } from '../../shared/domain/briefing-document';
import { ServiceError } from './errors';
import { ThreadFailure, type ThreadRunner } from './thread-runner';

export interface BriefingWorkerRequest {
  document: BriefingDocument;
}

export type BriefingWorkerAnswer = { ok: true; bytes: Uint8Array } | { ok: false; message: string; stack?: string };

/** Longer than any briefing takes (a 300-threat, 1000-footnote one packs in seconds); past it, the thread is ended. */
export const BRIEFING_TIMEOUT_MS = 5 * 60_000;

/**
 * The briefing as .docx bytes: on the briefing worker thread when there is one (the bundled
 * dist/main/briefing-worker.cjs), so packing a long briefing never holds up main's event loop and a
 * cancel ends it at once; in this thread otherwise, with the packer the caller gives (unit tests that call the
 * service directly) — main's bundle does not carry the docx library itself.
 */
export async function packBriefing(
  document: BriefingDocument,
  threads: ThreadRunner | null,
  signal?: AbortSignal,
  onCancel?: () => Error,
  inThisThread?: (document: BriefingDocument) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  if (!threads) {
    if (!inThisThread)
      throw new ServiceError({
        en: 'The briefing was not exported: this installation has no Word writer (briefing-worker.cjs is missing). Reinstall Analyst Workbench.',
        ru: 'Справка не экспортирована: в этой установке нет модуля записи Word (нет briefing-worker.cjs). Переустановите Analyst Workbench.',
      });
    return inThisThread(document);
  }
  let answer: BriefingWorkerAnswer;
  try {
    answer = await threads.run<BriefingWorkerAnswer>(
      { document } satisfies BriefingWorkerRequest,
      BRIEFING_TIMEOUT_MS,
      () =>
        new ServiceError({
          en: 'The briefing was not exported: building the Word document took longer than five minutes. Narrow it (fewer threats or sections) and export again.',
          ru: 'Справка не экспортирована: сборка документа Word заняла больше пяти минут. Сократите её (меньше угроз или разделов) и экспортируйте снова.',
        }),
      { signal, onCancel },
    );
  } catch (error) {
    if (error instanceof ThreadFailure) {
      throw new Error(`building the Word document failed (${error.message})`, { cause: error });
    }
    throw error;
  }
  if (answer.ok) return answer.bytes;
  const failure = new Error(answer.message);
  if (answer.stack) failure.stack = answer.stack;
  throw failure;
}

import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { describeRefiQdaPlan, importRefiQda } from '../../workspace/commands/refi-qda';
import { readRefiQdaFile, type RefiQdaReading } from './refi-qda-files';
import { useFocusHold } from '../../ui/useFocusHold';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The review of a REFI-QDA import: what the file will create (sources, tags, coded passages), what
 * merges with what the workspace has, and what is left out. Nothing is written until Import; then it
 * all goes in as one change, one undo step.
 */
export function RefiQdaImportDialog({ file, onClose }: { file: File; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const t = useT();
  useFocusHold(ref);
  const [reading, setReading] = useState<RefiQdaReading | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const notify = useWorkbench((s) => s.notify);

  useEffect(() => {
    ref.current?.showModal();
    let live = true;
    readRefiQdaFile(file).then(
      (read) => live && setReading(read),
      (e: unknown) => live && setError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [file]);

  const runImport = async () => {
    if (!reading) return;
    setImporting(true);
    const result = await workspace.attempt(importRefiQda, {
      fileName: file.name,
      project: reading.project,
      textHashes: reading.textHashes,
    });
    setImporting(false);
    if (!result) return;
    notify(
      'info',
      t('interchange.qdpxImported', {
        sources: result.sources,
        tags: result.tags,
        passages: result.passages,
        file: file.name,
      }),
    );
    ref.current?.close();
  };

  const lines = reading ? describeRefiQdaPlan(reading.plan) : [];
  // A project with nothing the workspace lacks (ATLAS.ti's blank project) says so, and offers no Import.
  const nothing =
    reading !== null &&
    reading.plan.sources.every((s) => !s.create) &&
    reading.plan.newTags.length === 0 &&
    reading.plan.passages === 0;
  const origin = reading?.project.origin;
  return (
    <dialog ref={ref} className="dialog wide" aria-labelledby="refi-qda-import-title" onClose={onClose}>
      <h2 id="refi-qda-import-title">{t('interchange.qdpxTitle', { file: file.name })}</h2>
      {!reading && !error && <p role="status">{t('interchange.readingProject')}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {reading && (
        <>
          <p className="muted">
            {t('interchange.qdpxIntro', {
              name: reading.project.name || file.name,
              written: Boolean(origin),
              origin: origin ?? '',
            })}
          </p>
          <ul aria-label={t('interchange.qdpxWillDo')} dir="auto">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {nothing && <p role="status">{t('imports.refiQdaNothing')}</p>}
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          {t(error || nothing ? 'common.close' : 'common.cancel')}
        </button>
        {reading && !nothing && (
          <button type="button" className="primary" disabled={importing} onClick={() => void runImport()}>
            {t('interchange.import')}
          </button>
        )}
      </div>
    </dialog>
  );
}

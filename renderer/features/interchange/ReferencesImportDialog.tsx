import { useEffect, useRef, useState } from 'react';
import type { BibliographyField } from '../../../shared/interop/bibliography';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { importReferences } from '../../workspace/commands/bibliography';
import { readReferencesFile, type ReferencesReading } from './references-files';
import { useFocusHold } from '../../ui/useFocusHold';
import { t as translate } from '../../i18n';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The review of a reference import (Zotero's CSL-JSON, BibTeX or RIS): which sources it fills and with
 * what, which of their values it leaves alone because they differ, and which sources it creates.
 * Nothing is written until Import; then it is one change, one undo step.
 */
export function ReferencesImportDialog({ file, onClose }: { file: File; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref);
  const [reading, setReading] = useState<ReferencesReading | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const notify = useWorkbench((s) => s.notify);

  useEffect(() => {
    ref.current?.showModal();
    let live = true;
    readReferencesFile(file).then(
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
    const result = await workspace.attempt(importReferences, {
      fileName: file.name,
      items: reading.items,
      emptyTextHash: reading.emptyTextHash,
    });
    setImporting(false);
    if (!result) return;
    notify(
      'info',
      translate('interchange.referencesImported', { filled: result.filled, created: result.created, file: file.name }),
    );
    ref.current?.close();
  };

  const plan = reading?.plan;
  // A field's name in the interface language ("Publisher").
  const fieldName = (field: BibliographyField) => translate(`interchange.fields.${field}`);
  const fills = (values: Partial<Record<BibliographyField, string>>) =>
    (Object.entries(values) as [BibliographyField, string][]).map(([field, value]) =>
      translate('interchange.fill', { field: fieldName(field), value }),
    );
  return (
    <dialog ref={ref} className="dialog wide" aria-labelledby="references-import-title" onClose={onClose}>
      <h2 id="references-import-title">{translate('interchange.referencesTitle', { file: file.name })}</h2>
      {!reading && !error && <p role="status">{translate('interchange.readingReferences')}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {plan && (
        <>
          <p role="status">
            {translate('interchange.referencesPlan', {
              references: reading.items.length,
              fills: plan.fills.length,
              creates: plan.creates.length,
              unchanged: plan.unchanged,
              untitled: plan.untitled,
            })}
          </p>
          <div className="table-wrap">
            <table className="grid" aria-label={translate('interchange.referencesChanges')}>
              <thead>
                <tr>
                  <th scope="col">{translate('interchange.colSource')}</th>
                  <th scope="col">{translate('interchange.colChange')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.fills.map((fill) => (
                  <tr key={fill.sourceId}>
                    <td dir="auto">
                      {fill.sourceTitle}
                      <div className="muted">{translate('interchange.matchedBy', { by: fill.matchedBy })}</div>
                    </td>
                    <td dir="auto">
                      {fills(fill.fills).map((line) => (
                        <div key={line}>{line}</div>
                      ))}
                      {fill.kept.map((k) => (
                        <div key={k.field} className="muted">
                          {translate('interchange.keep', {
                            field: fieldName(k.field),
                            yours: k.yours,
                            theirs: k.theirs,
                          })}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
                {plan.creates.map((create, i) => (
                  <tr key={`new-${i}`}>
                    <td dir="auto">{create.title}</td>
                    <td dir="auto">
                      {translate('interchange.newSource')}
                      <div className="muted">
                        {[create.author, create.publisher, create.publishedOn].filter(Boolean).join(' · ')}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          {translate(error ? 'common.close' : 'common.cancel')}
        </button>
        {plan && (
          <button type="button" className="primary" disabled={importing} onClick={() => void runImport()}>
            {translate('interchange.import')}
          </button>
        )}
      </div>
    </dialog>
  );
}

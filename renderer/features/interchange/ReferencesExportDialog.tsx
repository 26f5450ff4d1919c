import { useEffect, useRef, useState } from 'react';
import { useWorkbench } from '../../stores';
import { exportReferences, REFERENCE_FORMATS, type ReferenceFormat } from './references-files';
import { useFocusHold } from '../../ui/useFocusHold';
import { t as translate } from '../../i18n';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Chooses the format (CSL-JSON, BibTeX, RIS) the workspace's sources are exported in for a reference manager. */
export function ReferencesExportDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref);
  const [format, setFormat] = useState<ReferenceFormat>('csl-json');
  const [busy, setBusy] = useState(false);
  const notify = useWorkbench((s) => s.notify);
  useEffect(() => ref.current?.showModal(), []);

  const run = async () => {
    setBusy(true);
    try {
      const { path, count } = await exportReferences(format);
      if (path) notify('info', translate('interchange.referencesExported', { count, path }));
      ref.current?.close();
    } catch (error) {
      notify('error', `The sources were not exported. ${message(error)}`);
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="references-export-title" onClose={onClose}>
      <h2 id="references-export-title">Export sources for Zotero</h2>
      <p className="muted">
        Every source’s title, authors, publisher, date, URL (or DOI) and language, for Zotero or another reference
        manager. Grades, text and passages stay in the workbench.
      </p>
      <fieldset>
        <legend>Format</legend>
        {REFERENCE_FORMATS.map((f) => (
          <label key={f.format} className="inline-field">
            <input
              type="radio"
              name="reference-format"
              value={f.format}
              checked={format === f.format}
              onChange={() => setFormat(f.format)}
            />
            {f.label}
          </label>
        ))}
      </fieldset>
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
          Export
        </button>
      </div>
    </dialog>
  );
}

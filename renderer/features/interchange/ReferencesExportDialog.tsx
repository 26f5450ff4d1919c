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
      notify('error', translate('interchange.referencesNotExported', { reason: message(error) }));
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="references-export-title" onClose={onClose}>
      <h2 id="references-export-title">{translate('interchange.exportTitle')}</h2>
      <p className="muted">{translate('interchange.exportBody')}</p>
      <fieldset>
        <legend>{translate('interchange.format')}</legend>
        {REFERENCE_FORMATS.map((f) => (
          <label key={f.format} className="inline-field">
            <input
              type="radio"
              name="reference-format"
              value={f.format}
              checked={format === f.format}
              onChange={() => setFormat(f.format)}
            />
            {translate(`interchange.formats.${f.format}`)}
          </label>
        ))}
      </fieldset>
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          {translate('common.cancel')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
          {translate('interchange.export')}
        </button>
      </div>
    </dialog>
  );
}

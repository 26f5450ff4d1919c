import { useEffect, useRef, useState } from 'react';
import { t as translate, useT } from '../../i18n';
import { useWorkbench } from '../../stores';
import { bindCommandHandler } from '../../workspace/user-commands';
import { exportRefiQdaProject } from './refi-qda-files';
import { RefiQdaImportDialog } from './RefiQdaImportDialog';
import { ReferencesExportDialog } from './ReferencesExportDialog';
import { ReferencesImportDialog } from './ReferencesImportDialog';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Interchange with other programs' project files, mounted once by the app: the File menu's (and the
 * palette's) REFI-QDA import and export, and references for Zotero (CSL-JSON, BibTeX, RIS) in and out.
 * An import asks for its file and shows its review before anything is written.
 */
export function Interchange() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const referencesInput = useRef<HTMLInputElement>(null);
  const [referencesFile, setReferencesFile] = useState<File | null>(null);
  const [exportingReferences, setExportingReferences] = useState(false);

  useEffect(() => {
    const { notify } = useWorkbench.getState();
    const unregister = [
      bindCommandHandler('refi-qda:import', { run: () => input.current?.click() }),
      bindCommandHandler('refi-qda:export', {
        run: () =>
          void exportRefiQdaProject().then(
            (done) => done.path && notify('info', done.sentence),
            (error: unknown) => notify('error', translate('interchange.qdpxNotExported', { reason: message(error) })),
          ),
      }),
      bindCommandHandler('references:import', { run: () => referencesInput.current?.click() }),
      bindCommandHandler('references:export', { run: () => setExportingReferences(true) }),
    ];
    return () => unregister.forEach((off) => off());
  }, []);

  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        accept=".qdpx"
        aria-label={t('interchange.qdpxFile')}
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          e.target.value = '';
        }}
      />
      <input
        ref={referencesInput}
        type="file"
        hidden
        accept=".json,.bib,.ris,.txt,application/json,application/x-bibtex,application/x-research-info-systems"
        aria-label={t('interchange.referencesFile')}
        onChange={(e) => {
          setReferencesFile(e.target.files?.[0] ?? null);
          e.target.value = '';
        }}
      />
      {referencesFile && (
        <ReferencesImportDialog
          key={`${referencesFile.name}-${referencesFile.lastModified}`}
          file={referencesFile}
          onClose={() => setReferencesFile(null)}
        />
      )}
      {exportingReferences && <ReferencesExportDialog onClose={() => setExportingReferences(false)} />}
      {file && (
        <RefiQdaImportDialog key={`${file.name}-${file.lastModified}`} file={file} onClose={() => setFile(null)} />
      )}
    </>
  );
}

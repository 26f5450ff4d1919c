import { useEffect, useRef, useState } from 'react';
import { useWorkbench } from '../../stores';
import { bindCommandHandler } from '../../workspace/user-commands';
import { exportRefiQdaProject } from './refi-qda-files';
import { RefiQdaImportDialog } from './RefiQdaImportDialog';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Interchange with other programs' project files, mounted once by the app: the File menu's (and the
 * palette's) REFI-QDA import and export. The import asks for a `.qdpx` and shows its review.
 */
export function Interchange() {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);

  useEffect(() => {
    const { notify } = useWorkbench.getState();
    const unregister = [
      bindCommandHandler('refi-qda:import', { run: () => input.current?.click() }),
      bindCommandHandler('refi-qda:export', {
        run: () =>
          void exportRefiQdaProject().then(
            (done) => done.path && notify('info', done.sentence),
            (error: unknown) => notify('error', `The REFI-QDA project was not exported. ${message(error)}`),
          ),
      }),
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
        aria-label="REFI-QDA project to import"
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          e.target.value = '';
        }}
      />
      {file && (
        <RefiQdaImportDialog key={`${file.name}-${file.lastModified}`} file={file} onClose={() => setFile(null)} />
      )}
    </>
  );
}

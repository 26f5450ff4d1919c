import { useEffect, useRef } from 'react';
import type { AppInfo } from '../platform/workbench';
import { useWorkbench } from '../stores';

export function AboutDialog({ info }: { info: AppInfo }) {
  const open = useWorkbench((s) => s.aboutOpen);
  const setOpen = useWorkbench((s) => s.setAboutOpen);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="about-title" onClose={() => setOpen(false)}>
      <h2 id="about-title">{info.name}</h2>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{info.version}</dd>
        <dt>Data folder</dt>
        <dd className="mono">{info.dataFolder}</dd>
      </dl>
      <p className="muted">An offline workbench for sources, coded passages, threat registers, country comparisons and Word briefings.</p>
      <div className="dialog-actions">
        <button type="button" onClick={() => setOpen(false)} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../platform/workbench';
import { useWorkbench } from '../stores';
import { copyText } from '../features/desktop';
import './about.css';

export function AboutDialog({ info }: { info: AppInfo }) {
  const open = useWorkbench((s) => s.aboutOpen);
  const setOpen = useWorkbench((s) => s.setAboutOpen);
  const ref = useRef<HTMLDialogElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setCopied(null);
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const copy = async () => {
    const ok = await copyText(info.dataFolder, folder.current);
    setCopied(ok ? 'Copied the data folder’s path.' : 'The path could not be copied; it is selected, so press Ctrl+C.');
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="about-title" onClose={() => setOpen(false)}>
      <h2 id="about-title">{info.name}</h2>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{info.version}</dd>
        <dt>Runs in</dt>
        <dd>
          {info.host === 'electron' ? 'the desktop app' : 'a browser, through the local preview (npm run preview)'}
        </dd>
        {info.runtime?.electron && (
          <>
            <dt>Electron</dt>
            <dd>{info.runtime.electron}</dd>
          </>
        )}
        {info.runtime?.chrome && (
          <>
            <dt>Chrome</dt>
            <dd>{info.runtime.chrome}</dd>
          </>
        )}
        {info.runtime?.node && (
          <>
            <dt>Node.js</dt>
            <dd>{info.runtime.node}</dd>
          </>
        )}
        <dt>Licence</dt>
        <dd>
          {info.license === 'UNLICENSED'
            ? 'Proprietary: all rights reserved (not licensed for redistribution)'
            : (info.license ?? 'See the installation’s licence file')}
        </dd>
        <dt>Data folder</dt>
        <dd>
          <span className="about-copy">
            <input
              ref={folder}
              type="text"
              readOnly
              aria-label="Data folder"
              value={info.dataFolder}
              dir="ltr"
              onFocus={(e) => e.target.select()}
            />
            <button type="button" onClick={() => void copy()}>
              Copy
            </button>
          </span>
          {copied && (
            <span className="muted small" role="status">
              {copied}
            </span>
          )}
        </dd>
      </dl>
      <p className="muted">
        An offline workbench for sources, coded passages, threat registers, country comparisons and Word briefings.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => setOpen(false)} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../platform/workbench';
import { useWorkbench } from '../stores';
import { copyText } from '../features/desktop';
import { useT } from '../i18n';
import './about.css';
import { useFocusHold } from '../ui/useFocusHold';
import { openModal } from '../ui/open-modal';

export function AboutDialog({ info }: { info: AppInfo }) {
  const open = useWorkbench((s) => s.aboutOpen);
  const setOpen = useWorkbench((s) => s.setAboutOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref, open);
  const folder = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const t = useT();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setCopied(null);
      openModal(dialog);
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const copy = async () => {
    const ok = await copyText(info.dataFolder, folder.current);
    setCopied(ok ? t('about.copied') : t('about.copyFailed'));
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="about-title" onClose={() => setOpen(false)}>
      <h2 id="about-title">{info.name}</h2>
      <dl className="facts">
        <dt>{t('about.version')}</dt>
        <dd>{info.version}</dd>
        <dt>{t('about.runsIn')}</dt>
        <dd>{info.host === 'electron' ? t('about.desktop') : t('about.browser')}</dd>
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
        <dt>{t('about.licence')}</dt>
        <dd>{info.license === 'UNLICENSED' ? t('about.proprietary') : (info.license ?? t('about.seeLicence'))}</dd>
        <dt>{t('about.dataFolder')}</dt>
        <dd>
          <span className="about-copy">
            <input
              ref={folder}
              type="text"
              readOnly
              aria-label={t('about.dataFolder')}
              value={info.dataFolder}
              dir="ltr"
              onFocus={(e) => e.target.select()}
            />
            <button type="button" onClick={() => void copy()}>
              {t('about.copy')}
            </button>
          </span>
          {copied && (
            <span className="muted small" role="status">
              {copied}
            </span>
          )}
        </dd>
      </dl>
      <p className="muted">{t('about.blurb')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={() => setOpen(false)} data-autofocus autoFocus>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useUnsavedGuard } from '../../ui/useUnsavedGuard';
import { useFocusHold } from '../../ui/useFocusHold';
import { useT } from '../../i18n';

/** Paste an article's text (e.g. from a browser) with a title; Ctrl+Enter imports. */
export function PasteDialog({
  open,
  onClose,
  onImport,
}: {
  open: boolean;
  onClose: () => void;
  onImport: (title: string, text: string) => void;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref, open);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = () => {
    if (!text.trim()) {
      setError(t('paste.empty'));
      return;
    }
    onImport(title, text);
    setTitle('');
    setText('');
    setError(null);
  };

  const dirty = open && (title.trim() !== '' || text.trim() !== '');
  // Pasted text is work: a stray Escape, Cancel or leaving the view asks before throwing it away.
  const { confirmDiscard } = useUnsavedGuard(dirty, t('paste.discard'));
  const cancel = () =>
    void confirmDiscard().then((discard) => {
      if (!discard) return;
      setTitle('');
      setText('');
      setError(null);
      ref.current?.close();
    });
  return (
    <dialog
      ref={ref}
      className="dialog wide"
      aria-labelledby="paste-title"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
      onClose={onClose}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          submit();
        }
      }}
    >
      <h2 id="paste-title">{t('paste.title')}</h2>
      <div className="field">
        <label htmlFor="paste-source-title">{t('review.field.title')}</label>
        <input
          id="paste-source-title"
          type="text"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          dir="auto"
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor="paste-source-text">{t('paste.text')}</label>
        <textarea
          id="paste-source-text"
          rows={14}
          value={text}
          onChange={(e) => setText(e.target.value)}
          dir="auto"
          aria-invalid={error ? true : undefined}
        />
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={cancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={submit} title="Ctrl+Enter">
          {t('paste.import')}
        </button>
      </div>
    </dialog>
  );
}

import { useEffect, useRef } from 'react';
import { usePendingDiscard } from '../../ui/useUnsavedGuard';
import { useT } from '../../i18n';
import { useFocusHold } from '../../ui/useFocusHold';

/**
 * The one "Discard …?" question (see useUnsavedGuard). Keep editing is the default: Enter, Escape or
 * closing the prompt keep the typed input; only Discard throws it away.
 */
export function DiscardPrompt() {
  const ask = usePendingDiscard();
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref, Boolean(ask));

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (ask && !dialog.open) {
      dialog.showModal();
      // Keep editing is the safe answer: Enter must never discard by accident.
      dialog.querySelector<HTMLButtonElement>('button[data-default]')?.focus();
    }
    if (!ask && dialog.open) dialog.close();
  }, [ask]);

  return (
    <dialog
      ref={ref}
      className="dialog discard-prompt"
      role="alertdialog"
      aria-labelledby="discard-question"
      aria-describedby="discard-detail"
      onCancel={(e) => {
        e.preventDefault();
        ask?.resolve(false);
      }}
      onKeyDown={(e) => e.stopPropagation()}
    >
      {ask && (
        <>
          <h2 id="discard-question" dir="auto">
            {ask.question}
          </h2>
          <p id="discard-detail" className="muted">
            {t('discard.detail')}
          </p>
          <div className="dialog-actions">
            <button type="button" className="danger" onClick={() => ask.resolve(true)}>
              {t('discard.discard')}
            </button>
            <button type="button" className="primary" data-default onClick={() => ask.resolve(false)}>
              {t('discard.keep')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

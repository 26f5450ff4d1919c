import { useEffect, useRef } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import { linksPhrase } from './useActorActions';
import { useT } from '../../i18n';
import { useFocusHold } from '../../ui/useFocusHold';
import { openModal } from '../../ui/open-modal';

interface ConfirmDeleteDialogProps {
  actor: Actor;
  threats: number;
  passages: number;
  onConfirm: () => void;
  /** Called however the dialog closes: after Delete, Cancel or Escape. */
  onClose: (confirmed: boolean) => void;
}

/** Asks before deleting an actor that threats or passages link; says what is kept. */
export function ConfirmDeleteDialog({ actor, threats, passages, onConfirm, onClose }: ConfirmDeleteDialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) openModal(dialog);
  }, []);
  const confirmed = useRef(false);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="delete-actor-title"
      aria-describedby="delete-actor-text"
      onClose={() => onClose(confirmed.current)}
    >
      <h2 id="delete-actor-title">{t('actors.confirmTitle', { name: actor.name })}</h2>
      <p id="delete-actor-text" className="dialog-text">
        {t('actors.confirmText', {
          links: linksPhrase(threats, passages),
          count: threats + passages,
          name: actor.name,
        })}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary danger-primary"
          data-autofocus
          autoFocus
          onClick={() => {
            confirmed.current = true;
            onConfirm();
            ref.current?.close();
          }}
        >
          {t('actors.deleteActor')}
        </button>
      </div>
    </dialog>
  );
}

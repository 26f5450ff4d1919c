import { useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import { planTextChange, type TextChangePlan } from '../../../shared/domain/text-change-plan';
import { normaliseText } from '../../../shared/domain/text';
import { useUnsavedGuard } from '../../ui/useUnsavedGuard';
import { TextChangePlanView } from './TextChangePreview';
import { useFocusHold } from '../../ui/useFocusHold';
import { useT } from '../../i18n';

/** How long typing pauses before the passages' plan is worked out again (it re-anchors every passage). */
const PLAN_DELAY_MS = 300;

/**
 * Edit mode for a source's text (a typo, a badly extracted paragraph). While the analyst types, the
 * dialog shows what saving will do to the passages — which stay, move (with the changed words
 * marked) or cannot be found — worked out by the same re-anchoring the save uses. Save applies
 * exactly that plan, as one step for Ctrl+Z; those that moved are listed for review, none is
 * silently re-placed.
 */
export function TextEditDialog({
  text,
  passages,
  onClose,
  onSave,
}: {
  text: string | null;
  passages: readonly Annotation[];
  onClose: () => void;
  onSave: (plan: TextChangePlan) => Promise<void>;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref, text !== null);
  const [draft, setDraft] = useState(text ?? '');
  const [settled, setSettled] = useState(text ?? '');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (text !== null) {
      setDraft(text);
      setSettled(text);
      if (!dialog.open) dialog.showModal();
    } else if (dialog.open) dialog.close();
  }, [text]);

  useEffect(() => {
    const timer = setTimeout(() => setSettled(draft), PLAN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const plan = useMemo(
    () => (text !== null && settled !== text ? planTextChange(text, normaliseText(settled), passages) : null),
    [text, settled, passages],
  );

  const save = async () => {
    if (text === null) return;
    const next = normaliseText(draft);
    setSaving(true);
    try {
      // The plan on screen, unless typing has moved on since it was worked out.
      await onSave(plan && plan.nextText === next ? plan : planTextChange(text, next, passages));
    } finally {
      setSaving(false);
    }
  };

  const { confirmDiscard } = useUnsavedGuard(text !== null && draft !== text, t('textEdit.discard'));
  const cancel = () => void confirmDiscard().then((discard) => discard && ref.current?.close());

  return (
    <dialog
      ref={ref}
      className="dialog wide text-edit-dialog"
      aria-labelledby="edit-text-title"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
      onClose={onClose}
    >
      <h2 id="edit-text-title">{t('textEdit.title')}</h2>
      <p className="muted">{t('textEdit.intro')}</p>
      <textarea
        aria-label={t('textEdit.sourceText')}
        className="text-editor"
        rows={14}
        dir="auto"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        spellCheck={false}
      />
      <div className="plan-live">
        {plan ? (
          <TextChangePlanView plan={plan} />
        ) : (
          <p className="muted plan-none">{draft === text ? t('textEdit.noCorrection') : t('textEdit.working')}</p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={cancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={saving || draft === text || !draft.trim()}
          onClick={() => void save().catch(() => undefined)}
        >
          {t('textEdit.save')}
        </button>
      </div>
    </dialog>
  );
}

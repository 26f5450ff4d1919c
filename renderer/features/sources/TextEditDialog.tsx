import { useEffect, useRef, useState } from 'react';
import { useUnsavedGuard } from '../common/useUnsavedGuard';

/**
 * Edit mode for a source's text (a typo, a badly extracted paragraph). Saving re-anchors every
 * passage; those that moved are listed for review, none is silently re-placed.
 */
export function TextEditDialog({ text, onClose, onSave }: { text: string | null; onClose: () => void; onSave: (text: string) => Promise<void> }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState(text ?? '');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (text !== null) {
      setDraft(text);
      if (!dialog.open) dialog.showModal();
    } else if (dialog.open) dialog.close();
  }, [text]);

  const save = async () => {
    setSaving(true);
    try {
      await onSave(draft);
    } finally {
      setSaving(false);
    }
  };

  const { confirmDiscard } = useUnsavedGuard(text !== null && draft !== text, 'Discard your corrections to the text?');
  const cancel = () => void confirmDiscard().then((discard) => discard && ref.current?.close());

  return (
    <dialog
      ref={ref}
      className="dialog wide"
      aria-labelledby="edit-text-title"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
      onClose={onClose}
    >
      <h2 id="edit-text-title">Correct the text</h2>
      <p className="muted">Passages are re-anchored when you save. Any that moved or can no longer be found are listed under Review.</p>
      <textarea aria-label="Source text" className="text-editor" rows={22} dir="auto" value={draft} onChange={(e) => setDraft(e.target.value)} spellCheck={false} />
      <div className="dialog-actions">
        <button type="button" onClick={cancel}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={saving || draft === text || !draft.trim()} onClick={() => void save()}>
          Save text
        </button>
      </div>
    </dialog>
  );
}

import { useId, useState, type KeyboardEvent } from 'react';

interface EditableTextProps {
  label: string;
  value: string;
  multiline?: boolean;
  /** Returns an error sentence to refuse the value, or null to accept it. */
  validate?: (value: string) => string | null;
  onCommit: (value: string) => Promise<unknown>;
}

/**
 * A field that edits in place: Enter (or leaving the field) saves, Escape puts the saved value back.
 * A refused value shows why beside the field and nothing is written.
 */
export function EditableText({ label, value, multiline = false, validate, onCommit }: EditableTextProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  // A new saved value (another record chosen, an undo, a colleague's change) replaces the draft in the
  // same render: set in an effect, the field showed the previous value for a frame and rendered twice.
  const [saved, setSaved] = useState(value);
  if (saved !== value) {
    setSaved(value);
    setDraft(value);
    setError(null);
  }

  const commit = async () => {
    const next = multiline ? draft : draft.trim();
    if (next === value) return;
    const problem = validate?.(next) ?? null;
    setError(problem);
    if (problem) return;
    try {
      await onCommit(next);
    } catch {
      setDraft(value);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(value);
      setError(null);
    } else if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void commit();
    }
  };

  const common = {
    id,
    value: draft,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: () => void commit(),
    onKeyDown,
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={5} {...common} /> : <input type="text" {...common} />}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

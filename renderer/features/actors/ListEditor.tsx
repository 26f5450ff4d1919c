import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { normaliseActorName, sameActorName } from '../../db/actors';
import { t } from '../../i18n';

interface ListEditorProps {
  /** The list's name, e.g. "Aliases". */
  label: string;
  /** What one entry is: its words (Edit alias “…”, New base…) are the catalogue's `actors.list.<noun>`. */
  noun: 'alias' | 'base';
  values: string[];
  /** Saves the whole list; a rejection keeps what the analyst typed. */
  onChange: (values: string[]) => Promise<unknown>;
  /** Chips for short names (aliases), rows for longer phrases (bases). */
  layout?: 'chips' | 'rows';
  placeholder?: string;
  emptyText?: string;
}

/**
 * Edits a list of names in place: type and Enter to add, click an entry (or focus it and press Enter)
 * to change it, × to remove it. Entries are kept once, ignoring case; a repeat is refused with a sentence.
 */
export function ListEditor({
  label,
  noun,
  values,
  onChange,
  layout = 'chips',
  placeholder,
  emptyText,
}: ListEditorProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const addInput = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const repeatOf = (value: string, except: number | null) =>
    values.find((v, i) => i !== except && sameActorName(v, value));
  const words = (what: string, value?: string) =>
    t(`actors.list.${noun}.${what}`, value === undefined ? undefined : { value });

  const add = async () => {
    const value = normaliseActorName(draft);
    if (!value) return;
    const repeat = repeatOf(value, null);
    if (repeat) {
      setError(words('repeat', repeat));
      return;
    }
    setError(null);
    try {
      await onChange([...values, value]);
      setDraft('');
    } catch {
      // The status bar and a notice say why; what was typed stays to be corrected.
    }
  };

  const focusEntry = (index: number) =>
    requestAnimationFrame(() => {
      const buttons = list.current?.querySelectorAll<HTMLButtonElement>('.list-entry-text');
      const next = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)];
      (next ?? addInput.current)?.focus();
    });

  const replace = async (index: number, raw: string, byKeyboard: boolean) => {
    const value = normaliseActorName(raw);
    setEditing(null);
    if (byKeyboard) focusEntry(index);
    if (value === values[index]) return;
    if (!value) return remove(index);
    const repeat = repeatOf(value, index);
    if (repeat) {
      setError(words('repeat', repeat));
      return;
    }
    setError(null);
    await onChange(values.map((v, i) => (i === index ? value : v))).catch(() => undefined);
  };

  const remove = async (index: number) => {
    setError(null);
    await onChange(values.filter((_, i) => i !== index)).catch(() => undefined);
    // Keep the keyboard in the list: on the entry that took its place, or on the field to add one.
    focusEntry(index);
  };

  return (
    <div className={`list-editor list-editor-${layout}`} role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="list-editor-label">
        {label}
      </span>
      {values.length > 0 ? (
        <ul ref={list} aria-labelledby={`${id}-label`}>
          {values.map((value, index) => (
            // Keyed by place, so the entry being worked on keeps the focus when its text changes.
            <li key={index} className="list-entry">
              {editing === index ? (
                <EntryInput
                  initial={value}
                  label={words('edit', value)}
                  onDone={(next, byKeyboard) => void replace(index, next, byKeyboard)}
                  onCancel={() => {
                    setEditing(null);
                    focusEntry(index);
                  }}
                />
              ) : (
                <>
                  <button
                    type="button"
                    className="list-entry-text"
                    dir="auto"
                    title={words('editTitle')}
                    aria-label={words('edit', value)}
                    onClick={() => setEditing(index)}
                  >
                    {value}
                  </button>
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={words('remove', value)}
                    title={words('removeTitle')}
                    onClick={() => void remove(index)}
                  >
                    ×
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        emptyText && <p className="muted list-editor-empty">{emptyText}</p>
      )}
      <div className="list-editor-add">
        <input
          ref={addInput}
          type="text"
          dir="auto"
          aria-label={words('new')}
          placeholder={placeholder ?? words('add')}
          value={draft}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            } else if (e.key === 'Escape' && draft) {
              e.preventDefault();
              setDraft('');
              setError(null);
            }
          }}
        />
        <button type="button" onClick={() => void add()} disabled={!draft.trim()}>
          {t('actors.list.add')}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** One entry being changed: Enter or leaving saves, Escape keeps the old value. */
function EntryInput({
  initial,
  label,
  onDone,
  onCancel,
}: {
  initial: string;
  label: string;
  onDone: (value: string, byKeyboard: boolean) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const finish = (save: boolean, byKeyboard: boolean) => {
    if (done.current) return;
    done.current = true;
    if (save) onDone(value, byKeyboard);
    else onCancel();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      finish(true, true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      finish(false, true);
    }
  };
  return (
    <input
      ref={input}
      type="text"
      dir="auto"
      className="list-entry-input"
      aria-label={label}
      value={value}
      size={Math.max(8, value.length + 1)}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => finish(true, false)}
    />
  );
}

import {
  Fragment,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { useT } from '../../i18n';
import { parseNote, toggleBullets, toggleWrap, type Edit, type Run } from './notes-format';

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((run, i) => {
        let node: ReactNode = run.text;
        if (run.italic) node = <em>{node}</em>;
        if (run.bold) node = <strong>{node}</strong>;
        return <Fragment key={i}>{node}</Fragment>;
      })}
    </>
  );
}

/** Renders a note's text as paragraphs, lists, bold and italic: React elements only, never HTML. */
export function NoteText({ text }: { text: string }) {
  return (
    <>
      {parseNote(text).map((block, i) =>
        block.kind === 'list' ? (
          <ul key={i} dir="auto">
            {block.items.map((item, j) => (
              <li key={j}>
                <Runs runs={item} />
              </li>
            ))}
          </ul>
        ) : (
          <p key={i} dir="auto">
            {block.lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                <Runs runs={line} />
              </Fragment>
            ))}
          </p>
        ),
      )}
    </>
  );
}

interface FormattedNoteProps {
  /** e.g. "Notes on Uzbekistan": names the text field and the region. */
  label: string;
  /** The verb on the edit button, e.g. "Edit notes on Uzbekistan". */
  editLabel: string;
  value: string;
  placeholder: string;
  rows?: number;
  onCommit: (value: string) => Promise<unknown>;
}

/**
 * A note shown formatted, edited as text with a small toolbar: Bold (Ctrl+B), Italic (Ctrl+I) and a
 * bullet list. Leaving the editor or Ctrl+Enter saves; Escape puts the saved text back.
 */
export function FormattedNote({ label, editLabel, value, placeholder, rows = 6, onCommit }: FormattedNoteProps) {
  const t = useT();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const area = useRef<HTMLTextAreaElement>(null);
  const selection = useRef<Edit | null>(null);
  const closing = useRef(false);

  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);

  useLayoutEffect(() => {
    const el = area.current;
    if (!el || !selection.current) return;
    el.setSelectionRange(selection.current.start, selection.current.end);
    selection.current = null;
  });

  useEffect(() => {
    if (editing) {
      closing.current = false;
      area.current?.focus();
    }
  }, [editing]);

  const format = (apply: (text: string, start: number, end: number) => Edit) => {
    const el = area.current;
    if (!el) return;
    const edit = apply(el.value, el.selectionStart, el.selectionEnd);
    selection.current = edit;
    setDraft(edit.text);
    el.focus();
  };
  const bold = () => format((t, s, e) => toggleWrap(t, s, e, '**'));
  const italic = () => format((t, s, e) => toggleWrap(t, s, e, '_'));
  const bullets = () => format(toggleBullets);

  const finish = async (save: boolean) => {
    if (closing.current) return;
    closing.current = true;
    setEditing(false);
    if (!save || draft === value) {
      setDraft(value);
      return;
    }
    try {
      await onCommit(draft);
    } catch {
      setDraft(value);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const mod = event.ctrlKey || event.metaKey;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void finish(false);
    } else if (mod && event.key === 'Enter') {
      event.preventDefault();
      void finish(true);
    } else if (mod && !event.shiftKey && event.key.toLowerCase() === 'b') {
      event.preventDefault();
      bold();
    } else if (mod && !event.shiftKey && event.key.toLowerCase() === 'i') {
      event.preventDefault();
      italic();
    }
  };
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) void finish(true);
  };

  if (!editing) {
    return (
      <div className="note">
        <div className="note-text" role="region" aria-label={label} onDoubleClick={() => setEditing(true)}>
          {value.trim() ? <NoteText text={value} /> : <p className="muted">{placeholder}</p>}
        </div>
        <button type="button" className="link note-edit" onClick={() => setEditing(true)} aria-label={editLabel}>
          {t('common.edit')}
        </button>
      </div>
    );
  }
  // Toolbar buttons keep the focus in the text field (mousedown is not allowed to move it).
  const keep = (event: MouseEvent) => event.preventDefault();
  return (
    <div className="note editing" onBlur={onBlur}>
      <div
        className="note-toolbar"
        role="toolbar"
        aria-label={t('countries.note.formatting', { label: label.toLowerCase() })}
        aria-controls={id}
      >
        <button
          type="button"
          onMouseDown={keep}
          onClick={bold}
          aria-label={t('countries.note.bold')}
          title={t('countries.note.bold')}
        >
          <strong>B</strong>
        </button>
        <button
          type="button"
          onMouseDown={keep}
          onClick={italic}
          aria-label={t('countries.note.italic')}
          title={t('countries.note.italic')}
        >
          <em>I</em>
        </button>
        <button
          type="button"
          onMouseDown={keep}
          onClick={bullets}
          aria-label={t('countries.note.bullets')}
          title={t('countries.note.bulletsTitle')}
        >
          {t('countries.note.list')}
        </button>
        <span className="spacer" />
        <button type="button" onMouseDown={keep} onClick={() => void finish(true)}>
          {t('common.save')}
        </button>
      </div>
      <textarea
        ref={area}
        id={id}
        aria-label={label}
        rows={rows}
        value={draft}
        dir="auto"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p className="muted small note-hint">{t('countries.note.hint')}</p>
    </div>
  );
}

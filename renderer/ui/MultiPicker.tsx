import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { t } from '../i18n';

export interface PickerOption {
  id: string;
  label: string;
  /** Other words the option is found by (aliases, codes). */
  keywords?: string;
  color?: string;
}

interface MultiPickerProps {
  label: string;
  options: PickerOption[];
  selected: string[];
  onChange: (ids: string[]) => void;
  /** When given, typing a name that matches nothing offers to create it. */
  onCreate?: (name: string) => Promise<string>;
  /** What the create option says, e.g. name => `Create tag “${name}”`. */
  createLabel?: (name: string) => string;
  placeholder?: string;
  autoFocus?: boolean;
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * A searchable multi-select (ARIA combobox + listbox): type to filter, arrows to move, Enter to pick,
 * Backspace on an empty field removes the last choice.
 */
export function MultiPicker({
  label,
  options,
  selected,
  onChange,
  onCreate,
  createLabel = (name) => t('common.createNamed', { name }),
  placeholder,
  autoFocus,
}: MultiPickerProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const byId = useMemo(() => new Map(options.map((o) => [o.id, o])), [options]);

  const matches = useMemo(() => {
    const q = fold(query.trim());
    const pool = options.filter((o) => !selected.includes(o.id));
    if (!q) return pool.slice(0, 50);
    return pool.filter((o) => fold(`${o.label} ${o.keywords ?? ''}`).includes(q)).slice(0, 50);
  }, [options, selected, query]);
  const exact = options.some((o) => fold(o.label) === fold(query.trim()));
  const canCreate = Boolean(onCreate) && query.trim().length > 0 && !exact;
  const count = matches.length + (canCreate ? 1 : 0);

  const pick = async (index: number) => {
    if (index < matches.length) {
      onChange([...selected, matches[index]!.id]);
    } else if (canCreate && onCreate) {
      const newId = await onCreate(query.trim());
      if (!selected.includes(newId)) onChange([...selected, newId]);
    } else return;
    setQuery('');
    setActive(0);
    // Closed after a pick so it does not cover what follows; typing or ↓ opens it again.
    setOpen(false);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      setActive((a) => Math.min(count - 1, a + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      if (open && count > 0) {
        event.preventDefault();
        void pick(Math.min(active, count - 1));
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    } else if (event.key === 'Backspace' && query === '' && selected.length > 0) {
      onChange(selected.slice(0, -1));
    }
  };

  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      <div
        className="picker-box"
        onClick={() => {
          input.current?.focus();
          setOpen(true);
        }}
      >
        {selected.map((sid) => {
          const option = byId.get(sid);
          return (
            <span key={sid} className="chip" style={option?.color ? { borderColor: option.color } : undefined}>
              {option?.color && <span className="swatch" style={{ background: option.color }} aria-hidden="true" />}
              {option?.label ?? sid}
              <button
                type="button"
                className="chip-remove"
                aria-label={t('common.removeNamed', { label: option?.label ?? sid })}
                onClick={() => onChange(selected.filter((x) => x !== sid))}
              >
                ×
              </button>
            </span>
          );
        })}
        <input
          ref={input}
          id={id}
          type="text"
          role="combobox"
          aria-expanded={open && count > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open && count > 0 ? `${id}-opt-${Math.min(active, count - 1)}` : undefined}
          autoComplete="off"
          autoFocus={autoFocus}
          placeholder={selected.length === 0 ? placeholder : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
      </div>
      {open && count > 0 && (
        <ul className="picker-list" role="listbox" id={`${id}-list`} aria-label={label}>
          {matches.map((o, i) => (
            <li
              key={o.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void pick(i)}
            >
              {o.color && <span className="swatch" style={{ background: o.color }} aria-hidden="true" />}
              {o.label}
              {o.keywords && <span className="muted picker-hint"> {o.keywords}</span>}
            </li>
          ))}
          {canCreate && (
            <li
              id={`${id}-opt-${matches.length}`}
              role="option"
              aria-selected={active === matches.length}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void pick(matches.length)}
            >
              {createLabel(query.trim())}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

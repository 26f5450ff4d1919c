import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Register, Threat } from '../../../shared/domain/threat';
import { MultiPicker } from '../../ui/MultiPicker';
import type { Lookups } from '../annotations';
import { ratingTitle, type ColumnMeta } from './columns';
import type { ThreatPatch } from '../../db/threats';
import { useT } from '../../i18n';

export type CommitMove = 'down' | 'right' | 'left' | 'stay';

interface CellEditorProps {
  threat: Threat;
  register: Register;
  columnId: string;
  meta: ColumnMeta;
  lookups: Lookups;
  anchor: DOMRect;
  /** A printable key that started the edit replaces a text value, as in a spreadsheet. */
  initialText?: string;
  onCommit: (patch: ThreatPatch, move: CommitMove, rationale?: string) => void;
  onCancel: () => void;
}

function valueOf(threat: Threat, columnId: string): unknown {
  switch (columnId) {
    case 'countries':
      return threat.countryCodes;
    case 'actors':
      return threat.actorIds;
    case 'origin':
      return threat.originCode ?? '';
    default:
      return threat[columnId as keyof Threat];
  }
}

function patchFor(columnId: string, value: unknown): ThreatPatch {
  switch (columnId) {
    case 'countries':
      return { countryCodes: value as string[] };
    case 'actors':
      return { actorIds: value as string[] };
    case 'origin':
      return { originCode: (value as string) || null };
    case 'lastReviewedOn':
      return { lastReviewedOn: (value as string) || null };
    default:
      return { [columnId]: value } as ThreatPatch;
  }
}

/**
 * The in-cell editor: the right control for the field, floating over the cell. Enter in a field commits
 * and moves down, Escape cancels; long text and lists take Shift+Enter for a new line. Tab and Shift+Tab
 * go round the editor's own controls (the rationale, − and +, Cancel and Save), as in any dialog.
 */
export function CellEditor({
  threat,
  register,
  columnId,
  meta,
  lookups,
  anchor,
  initialText,
  onCommit,
  onCancel,
}: CellEditorProps) {
  const t = useT();
  const original = valueOf(threat, columnId);
  const [value, setValue] = useState<unknown>(() => {
    if (initialText !== undefined && (meta.editor === 'text' || meta.editor === 'longtext')) return initialText;
    if (meta.editor === 'list') return (original as string[]).join('\n');
    // A first rating starts in the middle of the scale; it is saved only when the analyst commits.
    if (meta.editor === 'rating' && original === undefined) return Math.ceil(register.scale.levels / 2);
    return original;
  });
  const [rationale, setRationale] = useState('');
  const panel = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ top: anchor.top, left: anchor.left });

  useLayoutEffect(() => {
    const el = panel.current;
    if (!el) return;
    const top = Math.min(anchor.top, window.innerHeight - el.offsetHeight - 8);
    const left = Math.min(anchor.left, window.innerWidth - el.offsetWidth - 8);
    setPosition({ top: Math.max(8, top), left: Math.max(8, left) });
  }, [anchor]);

  useEffect(() => {
    const first = panel.current?.querySelector<HTMLElement>('input, textarea, select');
    first?.focus();
    if (first instanceof HTMLInputElement && initialText === undefined && first.type === 'text') first.select();
  }, [initialText]);

  const commit = (move: CommitMove) => {
    let next = value;
    if (meta.editor === 'list')
      next = String(value)
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    if (meta.editor === 'text') next = String(value).trim();
    onCommit(patchFor(columnId, next), move, rationale.trim() || undefined);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const multiline = meta.editor === 'longtext' || meta.editor === 'list';
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (
      e.key === 'Enter' &&
      !(multiline && e.shiftKey) &&
      !(e.target instanceof HTMLButtonElement) &&
      (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true'
    ) {
      // In a picker, Enter first chooses from its open list; with the list closed it saves.
      e.preventDefault();
      commit('down');
    } else if (e.key === 'Tab') {
      // The focus stays in the editor: from the last control Tab goes back to the first.
      const controls = [
        ...(panel.current?.querySelectorAll<HTMLElement>('input, textarea, select, button:not([disabled])') ?? []),
      ];
      const at = controls.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (at <= 0 ? controls.length - 1 : at - 1) : at === controls.length - 1 ? 0 : at + 1;
      e.preventDefault();
      controls[next]?.focus();
    }
  };

  const levels = register.scale.levels;
  let control;
  switch (meta.editor) {
    case 'select':
      control = (
        <select aria-label={meta.label} value={String(value)} onChange={(e) => setValue(e.target.value)}>
          {meta.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'rating': {
      const n = Number(value);
      control = (
        <div className="stepper">
          <button
            type="button"
            aria-label={t('register.editor.lower', { field: meta.label.toLocaleLowerCase() })}
            disabled={n <= 1}
            onClick={() => setValue(Math.max(1, n - 1))}
          >
            −
          </button>
          <input
            type="number"
            aria-label={meta.label}
            min={1}
            max={levels}
            value={n}
            onChange={(e) => setValue(Math.min(levels, Math.max(1, Math.round(Number(e.target.value) || 1))))}
          />
          <button
            type="button"
            aria-label={t('register.editor.raise', { field: meta.label.toLocaleLowerCase() })}
            disabled={n >= levels}
            onClick={() => setValue(Math.min(levels, n + 1))}
          >
            +
          </button>
          <span className="muted stepper-words">{ratingTitle(columnId, n, levels)}</span>
          <input
            type="text"
            className="rationale"
            aria-label={t('register.editor.rationale')}
            placeholder={t('register.editor.rationalePlaceholder')}
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
          />
        </div>
      );
      break;
    }
    case 'countries':
    case 'actors':
      control = (
        <MultiPicker
          label={meta.label}
          options={meta.editor === 'countries' ? lookups.countryOptions : lookups.actorOptions}
          selected={value as string[]}
          onChange={setValue}
          autoFocus
        />
      );
      break;
    case 'country':
      control = (
        <select aria-label={meta.label} value={String(value)} onChange={(e) => setValue(e.target.value)}>
          <option value="">—</option>
          {lookups.countryOptions.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'date':
      control = (
        <input
          type="date"
          aria-label={meta.label}
          value={String(value ?? '')}
          onChange={(e) => setValue(e.target.value)}
        />
      );
      break;
    case 'longtext':
    case 'list':
      control = (
        <>
          <textarea
            aria-label={meta.label}
            rows={6}
            dir="auto"
            value={String(value)}
            onChange={(e) => setValue(e.target.value)}
          />
          <span className="muted hint-line">
            {meta.editor === 'list' ? t('register.editor.listHint') : t('register.editor.textHint')}
          </span>
        </>
      );
      break;
    default:
      control = (
        <input
          type="text"
          aria-label={meta.label}
          dir="auto"
          value={String(value)}
          onChange={(e) => setValue(e.target.value)}
        />
      );
  }

  return (
    <div
      ref={panel}
      className={`cell-editor editor-${meta.editor}`}
      role="dialog"
      aria-label={t('register.editor.edit', { field: meta.label })}
      style={{ top: position.top, left: position.left, minWidth: anchor.width }}
      onKeyDown={onKeyDown}
    >
      {control}
      <div className="cell-editor-actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={() => commit('stay')}>
          {t('common.save')}
        </button>
      </div>
    </div>
  );
}

import { useEffect, useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { type BriefingSection, type BriefingSectionKind } from '../../../shared/domain/briefing';
import { useT } from '../../i18n';
import { sectionLabel } from './section-labels';

interface SectionListProps {
  sections: BriefingSection[];
  onChange: (sections: BriefingSection[]) => void;
}

function moved(sections: BriefingSection[], from: number, to: number): BriefingSection[] {
  const next = [...sections];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/**
 * The briefing's sections in document order: a checkbox turns each on or off; each moves with the
 * arrow keys on its handle, its ↑ ↓ buttons, or by dragging it with the mouse.
 */
export function SectionList({ sections, onChange }: SectionListProps) {
  const t = useT();
  const hintId = useId();
  const handles = useRef(new Map<BriefingSectionKind, HTMLButtonElement>());
  const [focusKind, setFocusKind] = useState<BriefingSectionKind | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');

  // After a move by keyboard the handle keeps the focus, wherever its section went.
  useEffect(() => {
    if (!focusKind) return;
    handles.current.get(focusKind)?.focus();
    setFocusKind(null);
  }, [focusKind, sections]);

  const move = (from: number, to: number, keepFocus: boolean) => {
    if (to < 0 || to >= sections.length || from === to) return;
    const kind = sections[from]!.kind;
    onChange(moved(sections, from, to));
    setAnnouncement(
      t('briefings.sectionsList.moved', { section: sectionLabel(kind), position: to + 1, total: sections.length }),
    );
    setFocusKind(keepFocus ? kind : null);
  };

  const onHandleKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      move(index, index + (event.key === 'ArrowUp' ? -1 : 1), true);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      move(index, event.key === 'Home' ? 0 : sections.length - 1, true);
    }
  };

  const onDrop = (event: DragEvent, index: number) => {
    event.preventDefault();
    if (dragged !== null) move(dragged, index, false);
    setDragged(null);
    setOver(null);
  };

  return (
    <>
      <p id={hintId} className="muted small">
        {t('briefings.sectionsList.hint')}
      </p>
      <ol className="section-list" aria-label={t('briefings.sectionsHeading')}>
        {sections.map((section, index) => {
          const label = sectionLabel(section.kind);
          return (
            <li
              key={section.kind}
              data-section={section.kind}
              className={`section-item${dragged === index ? ' dragging' : ''}${over === index && dragged !== index ? ' drop-target' : ''}${section.enabled ? '' : ' off'}`}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', section.kind);
                setDragged(index);
              }}
              onDragOver={(e) => {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                setOver(index);
              }}
              onDragLeave={() => setOver((o) => (o === index ? null : o))}
              onDrop={(e) => onDrop(e, index)}
              onDragEnd={() => {
                setDragged(null);
                setOver(null);
              }}
            >
              <button
                type="button"
                className="drag-handle"
                aria-label={t('briefings.sectionsList.move', { section: label })}
                aria-describedby={hintId}
                title={t('briefings.sectionsList.handleTitle')}
                ref={(el) => {
                  if (el) handles.current.set(section.kind, el);
                  else handles.current.delete(section.kind);
                }}
                onKeyDown={(e) => onHandleKey(e, index)}
              >
                ⠿
              </button>
              <label className="section-toggle">
                <input
                  type="checkbox"
                  checked={section.enabled}
                  onChange={(e) =>
                    onChange(sections.map((s, i) => (i === index ? { ...s, enabled: e.target.checked } : s)))
                  }
                />
                <span className="section-position">{index + 1}.</span> {label}
              </label>
              <button
                type="button"
                className="ghost icon"
                aria-label={t('briefings.sectionsList.up', { section: label })}
                disabled={index === 0}
                onClick={() => move(index, index - 1, false)}
              >
                ↑
              </button>
              <button
                type="button"
                className="ghost icon"
                aria-label={t('briefings.sectionsList.down', { section: label })}
                disabled={index === sections.length - 1}
                onClick={() => move(index, index + 1, false)}
              >
                ↓
              </button>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import { t, useT } from '../../i18n';
import { useWorkbench } from '../../stores';
import { layoutFreeOptions } from '../../ui/virtual-options';
import type { Lookups } from './useLookups';

/**
 * A passage's tags as chips. A chip is one element and its text (its swatch is drawn by CSS): a source's
 * passage list holds hundreds of chips, and every element of them is built when the source opens and
 * taken down when the next one does.
 */
export function TagChips({ tagIds, lookups }: { tagIds: string[]; lookups: Lookups }) {
  return (
    <span className="chips">
      {tagIds.map((id) => {
        const tag = lookups.tags.get(id);
        return tag ? (
          <span
            key={id}
            className="chip small tag-chip"
            style={{ borderColor: tag.color, '--swatch': tag.color } as CSSProperties}
          >
            {tag.name}
          </span>
        ) : null;
      })}
    </span>
  );
}

/** What a passage is linked to, each with its kind: an actor and a country of one name ("Russia") differ. */
function links(a: Annotation, lookups: Lookups): { kind: 'threat' | 'actor' | 'country'; key: string; name: string }[] {
  return [
    ...a.threatIds.flatMap((id) => {
      const name = lookups.threats.get(id)?.title;
      return name ? [{ kind: 'threat' as const, key: id, name }] : [];
    }),
    ...a.actorIds.flatMap((id) => {
      const name = lookups.actors.get(id)?.name;
      return name ? [{ kind: 'actor' as const, key: id, name }] : [];
    }),
    ...a.countryCodes.map((code) => ({
      kind: 'country' as const,
      key: code,
      name: lookups.countries.get(code)?.name ?? code,
    })),
  ];
}

/** The links as one line of text, each named with its kind ("Actor: Russia · Country: Russia"). */
export function linkSummary(a: Annotation, lookups: Lookups): string {
  return links(a, lookups)
    .map((l) => `${t(`links.${l.kind}`)}: ${l.name}`)
    .join(' · ');
}

/**
 * A passage's threats, actors and countries as chips, each with its kind's icon (drawn by CSS, hidden
 * from screen readers) and its kind and name: four nodes a chip, not eight, the name isolated in its own direction.
 */
export function LinkChips({ annotation, lookups }: { annotation: Annotation; lookups: Lookups }) {
  const t = useT();
  const list = links(annotation, lookups);
  if (list.length === 0) return null;
  return (
    <span className="passage-links chips" aria-label={t('links.label')}>
      {list.map((l) => (
        <span key={`${l.kind}:${l.key}`} className={`chip small link-chip link-${l.kind}`}>
          {/* The space is for the text's readers (a copy, a screen reader); the chip's gap is what shows. */}
          {`${t(`links.${l.kind}`)}: `}
          <bdi>{l.name}</bdi>
        </span>
      ))}
    </span>
  );
}

/** "tag:<id>", "threat:<id>", "actor:<id>", "country:<code>" or "" for all. */
type Filter = string;

function matches(a: Annotation, filter: Filter): boolean {
  if (!filter) return true;
  const [kind, value] = filter.split(':') as [string, string];
  if (kind === 'tag') return a.tagIds.includes(value);
  if (kind === 'threat') return a.threatIds.includes(value);
  if (kind === 'actor') return a.actorIds.includes(value);
  if (kind === 'country') return a.countryCodes.includes(value);
  return true;
}

const NO_MISFITS: ReadonlySet<string> = new Set();

/**
 * The open source's passages in document order, filterable; a click shows the passage in the reader.
 * `misfits` are passages whose stored place does not fit the text shown: listed, marked, not shown.
 */
/**
 * Memoised: the reader's source view re-renders on every save (the new passage is painted in the frame
 * of the save), and the list need not follow it in that frame — it takes its passages a render later.
 */
export const AnnotationList = memo(function AnnotationList({
  annotations,
  lookups,
  onEdit,
  misfits = NO_MISFITS,
}: {
  annotations: Annotation[];
  lookups: Lookups;
  onEdit: (a: Annotation) => void;
  misfits?: ReadonlySet<string>;
}) {
  const [filter, setFilter] = useState<Filter>('');
  // Re-rendered when the interface language changes (its words come from `t`).
  useT();
  const selectedId = useWorkbench((s) => s.selectedAnnotationId);
  const select = useWorkbench((s) => s.selectAnnotation);
  const list = useRef<HTMLOListElement>(null);
  const visible = useMemo(
    () => annotations.filter((a) => a.anchor !== 'orphaned' && matches(a, filter)),
    [annotations, filter],
  );
  const used = useMemo(() => {
    const ids = {
      tag: new Set<string>(),
      threat: new Set<string>(),
      actor: new Set<string>(),
      country: new Set<string>(),
    };
    for (const a of annotations) {
      a.tagIds.forEach((id) => ids.tag.add(id));
      a.threatIds.forEach((id) => ids.threat.add(id));
      a.actorIds.forEach((id) => ids.actor.add(id));
      a.countryCodes.forEach((id) => ids.country.add(id));
    }
    return ids;
  }, [annotations]);

  useEffect(() => {
    list.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <div className={`side-section${visible.length > VIRTUALISE_ABOVE ? ' passages-section' : ''}`}>
      <label className="inline-field filter">
        {t('annotations.show')}
        <select value={filter} onChange={(e) => setFilter(e.target.value)} aria-label={t('annotations.filter')}>
          <option value="">
            {t('annotations.all', { count: annotations.filter((a) => a.anchor !== 'orphaned').length })}
          </option>
          <optgroup label={t('links.tag')}>
            {[...used.tag]
              .map((id) => lookups.tags.get(id))
              .filter(Boolean)
              .sort((a, b) => a!.name.localeCompare(b!.name))
              .map((t) => (
                <option key={t!.id} value={`tag:${t!.id}`}>
                  {t!.name}
                </option>
              ))}
          </optgroup>
          <optgroup label={t('links.threat')}>
            {[...used.threat]
              .map((id) => lookups.threats.get(id))
              .filter(Boolean)
              .map((t) => (
                <option key={t!.id} value={`threat:${t!.id}`}>
                  {t!.title}
                </option>
              ))}
          </optgroup>
          <optgroup label={t('links.actor')}>
            {[...used.actor]
              .map((id) => lookups.actors.get(id))
              .filter(Boolean)
              .map((a) => (
                <option key={a!.id} value={`actor:${a!.id}`}>
                  {a!.name}
                </option>
              ))}
          </optgroup>
          <optgroup label={t('links.country')}>
            {[...used.country].map((code) => (
              <option key={code} value={`country:${code}`}>
                {lookups.countries.get(code)?.name ?? code}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      {visible.length === 0 ? (
        <p className="muted empty">{annotations.length === 0 ? t('annotations.none') : t('annotations.noMatch')}</p>
      ) : visible.length > VIRTUALISE_ABOVE ? (
        <VirtualPassageList
          label={t('views.passages')}
          passages={visible}
          lookups={lookups}
          misfits={misfits}
          selectedId={selectedId}
          onSelect={(id) => select(id, { scroll: true })}
          onEdit={onEdit}
        />
      ) : (
        <ol ref={list} className="passage-list" aria-label={t('views.passages')}>
          {visible.map((a) => (
            <li key={a.id}>
              <PassageButton
                annotation={a}
                lookups={lookups}
                misfit={misfits.has(a.id)}
                current={a.id === selectedId}
                onSelect={() => select(a.id, { scroll: true })}
                onEdit={() => onEdit(a)}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
});

/** Lists longer than this render only the passages in view (a source may carry thousands). */
const VIRTUALISE_ABOVE = 300;

function PassageButton({
  annotation: a,
  lookups,
  misfit,
  current,
  onSelect,
  onEdit,
}: {
  annotation: Annotation;
  lookups: Lookups;
  misfit: boolean;
  current: boolean;
  onSelect: () => void;
  onEdit: () => void;
}) {
  const t = useT();
  return (
    <button
      type="button"
      className="passage"
      data-passage-id={a.id}
      aria-current={current ? 'true' : undefined}
      onClick={onSelect}
      onDoubleClick={onEdit}
      onKeyDown={(e) => {
        if (e.key === 'e' || e.key === 'F2') {
          e.preventDefault();
          onEdit();
        }
      }}
    >
      <span className="passage-quote" dir="auto">
        {a.quote.exact.length > 180 ? `${a.quote.exact.slice(0, 180)}…` : a.quote.exact}
      </span>
      <TagChips tagIds={a.tagIds} lookups={lookups} />
      {a.note && (
        <span className="passage-note" dir="auto">
          {a.note}
        </span>
      )}
      <LinkChips annotation={a} lookups={lookups} />
      {misfit ? (
        <span className="badge danger">{t('annotations.cannotShow')}</span>
      ) : (
        a.anchor === 'drifted' && <span className="badge warning">{t('annotations.movedConfirm')}</span>
      )}
    </button>
  );
}

const PASSAGE_ROW_ESTIMATE = 96;

function VirtualPassageList({
  label,
  passages,
  lookups,
  misfits,
  selectedId,
  onSelect,
  onEdit,
}: {
  label: string;
  passages: Annotation[];
  lookups: Lookups;
  misfits: ReadonlySet<string>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onEdit: (a: Annotation) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: passages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => PASSAGE_ROW_ESTIMATE,
    overscan: 8,
    ...layoutFreeOptions(PASSAGE_ROW_ESTIMATE),
  });
  useEffect(() => {
    const index = passages.findIndex((a) => a.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, passages, virtualizer]);
  return (
    <div ref={scroller} className="virtual-scroller">
      <ol className="passage-list virtual" aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const a = passages[item.index]!;
          return (
            <li
              key={a.id}
              data-index={item.index}
              ref={virtualizer.measureElement}
              // A list's length and place are said per item (aria-rowcount belongs to grids and tables).
              aria-setsize={passages.length}
              aria-posinset={item.index + 1}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <PassageButton
                annotation={a}
                lookups={lookups}
                misfit={misfits.has(a.id)}
                current={a.id === selectedId}
                onSelect={() => onSelect(a.id)}
                onEdit={() => onEdit(a)}
              />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

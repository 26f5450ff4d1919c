import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { admiraltyGrade, CREDIBILITY_LABELS, RELIABILITY_LABELS, type Source } from '../../../shared/domain/source';
import { db } from '../../db';
import { useT } from '../../i18n';
import { formatDate } from '../../ui/format';
import { usePlaceInScroller } from '../../ui/place-in-scroller';
import { layoutFreeOptions, revealIndex } from '../../ui/virtual-options';
import { readAhead, textNamed } from './opening';
import { keyTarget, typeAheadTarget } from './library-keys';
import { fileTypeLabel, isReferenceOnly } from './source-labels';

/**
 * Libraries longer than this put only the entries on and near the screen on the page. An institute's
 * library grows by the day: with 3,000 sources the whole list was 30,000 elements, switching source
 * re-rendered all of them (tasks of 100–170 ms) and any forced layout (a dialog's focus) took 170 ms.
 * Shorter lists stay whole, so the browser's find and a screen reader's browse mode see every entry.
 */
export const VIRTUALISE_ABOVE = 300;

/** An entry's height before it is measured: title, one line of details, one of grade and count. */
const ENTRY_ESTIMATE = 84;

/** Passage counts are read for the entries on the page in chunks of this many, so scrolling reads few times. */
const COUNT_CHUNK = 50;

/** How long the pointer rests on a library entry before its opening is read ahead. */
const REST_MS = 120;

/** Typed letters within this long of each other make one prefix to jump to (as in a file manager). */
const TYPE_AHEAD_MS = 800;

export interface SourceListProps {
  sources: readonly Source[];
  currentId: string | undefined;
  /** The start of the text of sources that share a title. */
  excerpts: ReadonlyMap<string, string> | undefined;
  /** Opens `source` (not the current one). */
  onOpen: (source: Source) => void;
  /** The element that scrolls the list (the library's pane, which also holds its header and import panel). */
  scroller: RefObject<HTMLElement | null>;
  label: string;
}

/**
 * The library: one entry per source, in title order. One tab stop: the arrow keys, Page Up/Down,
 * Home/End and typed letters move between entries, Enter or a click opens one.
 */
export function SourceList({ sources, currentId, excerpts, onOpen, scroller, label }: SourceListProps) {
  const list = useRef<HTMLUListElement>(null);
  const windowed = sources.length > VIRTUALISE_ABOVE;
  const currentIndex = useMemo(() => sources.findIndex((s) => s.id === currentId), [sources, currentId]);
  // The entry that takes the focus when Tab comes to the list: the last one moved to, else the current one.
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const activeIndex = useMemo(() => {
    const index = activeId === undefined ? -1 : sources.findIndex((s) => s.id === activeId);
    return index >= 0 ? index : Math.max(0, currentIndex);
  }, [sources, activeId, currentIndex]);
  const focusAfterRender = useRef(false);
  const { margin, covered, known } = usePlaceInScroller(list, scroller);
  // The entry with the focus stays on the page when it is scrolled away, so the keys go on from it.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < range.count && !indexes.includes(activeIndex)) {
        indexes.push(activeIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeIndex],
  );

  const virtualizer = useVirtualizer({
    count: windowed ? sources.length : 0,
    getScrollElement: () => (windowed ? (scroller.current as HTMLDivElement | null) : null),
    estimateSize: () => ENTRY_ESTIMATE,
    getItemKey: (index) => sources[index]?.id ?? index,
    overscan: 6,
    scrollMargin: margin,
    scrollPaddingStart: covered,
    rangeExtractor,
    ...layoutFreeOptions(ENTRY_ESTIMATE),
  });
  const items = windowed ? virtualizer.getVirtualItems() : null;

  // Counted for the entries on screen only (not the focused one kept far away), a chunk at a time, in one read.
  // A windowed list with nothing on screen (its pane folded away) counts nothing.
  const shown = windowed ? virtualizer.range : { startIndex: 0, endIndex: sources.length - 1 };
  const from = shown && windowed ? Math.floor(shown.startIndex / COUNT_CHUNK) * COUNT_CHUNK : 0;
  const to = !shown
    ? 0
    : windowed
      ? Math.min(sources.length, (Math.floor(shown.endIndex / COUNT_CHUNK) + 1) * COUNT_CHUNK)
      : sources.length;
  const counts = usePassageCounts(sources, from, to);

  const entryButton = (index: number) =>
    list.current?.querySelector<HTMLButtonElement>(`li[data-index="${index}"] > button`) ?? null;
  // Brings entry `index` into view if it is not: by the virtualiser's places, or the browser's.
  const reveal = (index: number) => {
    if (windowed) revealIndex(virtualizer, index);
    else entryButton(index)?.parentElement?.scrollIntoView({ block: 'nearest' });
  };

  // The current source is brought into view when it changes (opened from search, the palette or a
  // link) and when the list first knows where it sits and how tall its pane is (a library reopened on a
  // source far down it): until then the virtualiser's estimates put every entry in view.
  const revealed = useRef<string | undefined>(undefined);
  useEffect(() => {
    // Folded away, nothing can be brought into view: again once the library is shown.
    if (!known) revealed.current = undefined;
    if (currentIndex < 0 || !known || revealed.current === currentId) return;
    revealed.current = currentId;
    reveal(currentIndex);
    // `reveal` is made anew each render from what is listed here.
  }, [currentId, currentIndex, known, windowed, virtualizer]);

  // A move by key focuses its entry once it is on the page.
  useLayoutEffect(() => {
    if (!focusAfterRender.current) return;
    const button = entryButton(activeIndex);
    if (!button) return;
    focusAfterRender.current = false;
    button.focus({ preventScroll: true });
  });

  const typed = useRef({ text: '', at: 0 });
  const moveTo = (target: number) => {
    const source = sources[target];
    if (!source) return;
    focusAfterRender.current = true;
    setActiveId(source.id);
    reveal(target);
    // Already the active entry (Home on the first one): nothing re-renders, so focus it now.
    if (target === activeIndex) {
      focusAfterRender.current = false;
      entryButton(target)?.focus();
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    // An input method composing a character, and shortcuts, are not the list's (AltGr letters are).
    if (e.nativeEvent.isComposing || e.metaKey) return;
    if ((e.altKey || e.ctrlKey) && !e.getModifierState('AltGraph')) return;
    const height = windowed ? virtualizer.scrollRect?.height : scroller.current?.clientHeight;
    const page = Math.max(1, Math.floor((height || 600) / ENTRY_ESTIMATE) - 1);
    const target = keyTarget(e.key, activeIndex, sources.length, page);
    if (target !== undefined) {
      e.preventDefault();
      moveTo(target);
      return;
    }
    // Letters typed quickly jump to a title that begins with them. A space is part of what is typed
    // once typing has begun; on its own it opens the entry, as on any button. The list takes every
    // letter, and Delete, so that the reader's keys (J/K, Delete) do not act from here.
    if (e.key === 'Delete' || e.key === 'Backspace') return e.preventDefault();
    const now = performance.now();
    const typing = now - typed.current.at < TYPE_AHEAD_MS && typed.current.text !== '';
    if (e.key.length !== 1 || (e.key === ' ' && !typing)) return;
    e.preventDefault();
    const text = (typing ? typed.current.text : '') + e.key;
    typed.current = { text, at: now };
    const index = typeAheadTarget((i) => sources[i]!.title, sources.length, activeIndex, text);
    if (index >= 0 && index !== activeIndex) moveTo(index);
  };
  const onFocusEntry = useCallback((id: string) => setActiveId(id), []);
  // An entry opened from the list is in view already (clicked, or focused and so scrolled to): bringing it
  // into view again would only force a layout of the new source's page in the switch's task.
  const openEntry = useCallback(
    (source: Source) => {
      revealed.current = source.id;
      onOpen(source);
    },
    [onOpen],
  );

  const readAheadOnRest = useReadAheadOnRest();
  // Entries brought into view by the browser (Tab, scrollIntoView) clear the sticky header too.
  const coveredStyle = { '--covered-top': `${covered}px` } as CSSProperties;
  const entry = (source: Source, index: number) => (
    <SourceEntry
      source={source}
      current={index === currentIndex}
      tabbable={index === activeIndex}
      twin={sources[index - 1]?.title === source.title || sources[index + 1]?.title === source.title}
      count={counts.get(source.id)}
      excerpt={excerpts?.get(source.id)}
      onOpen={openEntry}
      onFocusEntry={onFocusEntry}
      onRest={readAheadOnRest.start}
      onLeave={readAheadOnRest.cancel}
    />
  );

  if (!items)
    return (
      <ul ref={list} className="item-list" aria-label={label} onKeyDown={onKeyDown} style={coveredStyle}>
        {sources.map((source, index) => (
          <li key={source.id} data-index={index}>
            {entry(source, index)}
          </li>
        ))}
      </ul>
    );
  return (
    <ul
      ref={list}
      className="item-list virtual"
      aria-label={label}
      onKeyDown={onKeyDown}
      style={{ ...coveredStyle, height: virtualizer.getTotalSize() }}
    >
      {items.map((item) => {
        const source = sources[item.index]!;
        return (
          <li
            key={source.id}
            data-index={item.index}
            ref={virtualizer.measureElement}
            aria-setsize={sources.length}
            aria-posinset={item.index + 1}
            style={{ transform: `translateY(${item.start - margin}px)` }}
          >
            {entry(source, item.index)}
          </li>
        );
      })}
    </ul>
  );
}

interface SourceEntryProps {
  source: Source;
  current: boolean;
  tabbable: boolean;
  /** Another source of the same title is beside it: told apart by file name, date added and excerpt. */
  twin: boolean;
  count: number | undefined;
  excerpt: string | undefined;
  onOpen: (source: Source) => void;
  onFocusEntry: (id: string) => void;
  onRest: (source: Source) => void;
  onLeave: () => void;
}

/** One library entry. Memoised: opening another source re-renders the two entries whose state changed. */
const SourceEntry = memo(function SourceEntry({
  source,
  current,
  tabbable,
  twin,
  count,
  excerpt,
  onOpen,
  onFocusEntry,
  onRest,
  onLeave,
}: SourceEntryProps) {
  const t = useT();
  const reference = isReferenceOnly(source);
  return (
    <button
      type="button"
      className="item"
      tabIndex={tabbable ? 0 : -1}
      aria-current={current ? 'true' : undefined}
      onPointerEnter={() => onRest(source)}
      onPointerLeave={onLeave}
      onPointerDown={() => readAhead(source.id, textNamed(source))}
      onFocus={() => {
        onFocusEntry(source.id);
        // After a rest, as for the pointer: arrowing through a long library passes many entries.
        onRest(source);
      }}
      onBlur={onLeave}
      onClick={() => {
        if (!current) onOpen(source);
      }}
    >
      <span className="item-title">
        <span
          className={reference ? 'type-badge reference-badge' : 'type-badge'}
          title={source.file?.originalName ?? (reference ? t('sources.reference.title') : t('sources.pastedText'))}
        >
          {fileTypeLabel(source)}
        </span>{' '}
        {/* Isolated from the badge before it, so a Dari or Arabic title takes its own direction. */}
        <bdi>{source.title}</bdi>
      </span>
      <span className="item-meta">
        <span dir="auto">{source.author || t('sources.unknownAuthor')}</span>
        {twin && (
          <>
            <span className="file-name" dir="auto">
              {source.file?.originalName ?? (reference ? t('sources.reference.short') : t('sources.pasted'))}
            </span>
            <span>{t('sources.added', { date: formatDate(source.createdAt) })}</span>
          </>
        )}
        {source.publishedOn && <span>{formatDate(source.publishedOn)}</span>}
        <span
          className="grade"
          title={`${RELIABILITY_LABELS[source.reliability]}; ${CREDIBILITY_LABELS[source.credibility]}`}
        >
          {admiraltyGrade(source.reliability, source.credibility)}
        </span>
        <span className="lang">{source.language.toUpperCase()}</span>
        {count !== undefined && <span title={t('sources.passagesTitle')}>{t('sources.passageCount', { count })}</span>}
      </span>
      {excerpt && (
        <span className="item-excerpt muted" dir="auto">
          {excerpt}…
        </span>
      )}
    </button>
  );
});

/**
 * The passage counts of `sources[from..to)`, live. All in one read transaction: each count on its own
 * opened a transaction, and a library of 3,000 sources spent ~250 ms of the start creating them. The
 * last counts read stay shown while the next chunk's are read, so scrolling does not blank them.
 */
function usePassageCounts(sources: readonly Source[], from: number, to: number): ReadonlyMap<string, number> {
  const ids = sources.slice(from, to).map((s) => s.id);
  const key = ids.join('\n');
  const read = useLiveQuery(
    () =>
      db.transaction('r', db.annotations, async () => {
        const numbers = await Promise.all(ids.map((id) => db.annotations.where('sourceId').equals(id).count()));
        return new Map(ids.map((id, i) => [id, numbers[i]!]));
      }),
    // Only a change of the ids counted asks again; a write to the passages re-runs the query by itself.
    [key],
  );
  const kept = useRef<ReadonlyMap<string, number>>(new Map());
  if (read) kept.current = read;
  return kept.current;
}

/** Reads a library entry's opening ahead once the pointer has rested on it, not as it sweeps past. */
function useReadAheadOnRest(): { start: (source: Source) => void; cancel: () => void } {
  const timer = useRef(0);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return useMemo(
    () => ({
      start: (source: Source) => {
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => readAhead(source.id, textNamed(source)), REST_MS);
      },
      cancel: () => window.clearTimeout(timer.current),
    }),
    [],
  );
}

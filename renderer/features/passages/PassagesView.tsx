import { useLiveQuery } from 'dexie-react-hooks';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import type { Source } from '../../../shared/domain/source';
import { db } from '../../db';
import { useT } from '../../i18n';
import { inDocumentOrder } from '../../db/annotations';
import { tagTree } from '../../db/tags';
import { useWorkbench } from '../../stores';
import { LinkChips, TagChips, useLookups, type Lookups } from '../annotations';
import { usePlaceInScroller } from '../../ui/place-in-scroller';
import { tabbables } from '../../ui/useFocusHold';
import { layoutFreeOptions, revealIndex } from '../../ui/virtual-options';
import { citation, quoteWithCitation } from './citation';
import { nextRowWithControls, withPinned } from './row-focus';
import './passages.css';

/**
 * Every passage with the code, read whole before the first screen: the list's order (by source title,
 * then in document order) needs each passage's source and place, and no index over a code gives them
 * (its keys alone read in a seventh of the time, but say nothing of either), so the first screen's
 * passages cannot be known before all are read without a new index.
 */
async function passagesFor(what: string): Promise<Annotation[]> {
  const [kind, value] = what.split(':') as [string, string | undefined];
  if (!value) return [];
  const index =
    kind === 'tag'
      ? 'tagIds'
      : kind === 'threat'
        ? 'threatIds'
        : kind === 'actor'
          ? 'actorIds'
          : kind === 'country'
            ? 'countryCodes'
            : null;
  return index ? db.annotations.where(index).equals(value).toArray() : [];
}

/**
 * Retrieval: every passage coded with a tag, or linked to a threat, actor or country, across all
 * sources, in document order, each with its citation and a "copy as quote" action.
 */
export function PassagesView() {
  const what = useWorkbench((s) => s.retrieval);
  const retrieve = useWorkbench((s) => s.retrieve);
  const showInReader = useWorkbench((s) => s.showInReader);
  const notify = useWorkbench((s) => s.notify);
  const lookups = useLookups();
  const t = useT();
  const found = useLiveQuery(() => passagesFor(what), [what]);
  const sources = useLiveQuery(() => db.sources.toArray());
  const groups = useMemo(() => {
    if (!found || !sources) return [];
    const byId = new Map(sources.map((s) => [s.id, s]));
    const bySource = new Map<string, Annotation[]>();
    for (const a of found) {
      const list = bySource.get(a.sourceId);
      if (list) list.push(a);
      else bySource.set(a.sourceId, [a]);
    }
    return [...bySource.entries()]
      .map(([id, list]) => ({ source: byId.get(id), list: list.sort(inDocumentOrder) }))
      .filter((g): g is { source: Source; list: Annotation[] } => g.source !== undefined)
      .sort((a, b) => a.source.title.localeCompare(b.source.title));
  }, [found, sources]);

  const pane = useRef<HTMLElement>(null);
  if (!lookups) return null;
  const windowed = (found?.length ?? 0) > VIRTUALISE_ABOVE;
  const actions: PassageActions = {
    lookups,
    copy: async (a, source) => {
      try {
        await navigator.clipboard.writeText(quoteWithCitation(a, source));
        notify('info', t('passages.copied'));
      } catch {
        notify('error', t('passages.clipboardFailed'));
      }
    },
    show: (a, source) =>
      showInReader({ sourceId: source.id, start: a.position.start, end: a.position.end, annotationId: a.id }),
  };

  return (
    <section ref={pane} className="pane passages-view" aria-labelledby="passages-heading">
      <header className="pane-header">
        <h1 id="passages-heading">{t('views.passages')}</h1>
        <label className="inline-field">
          {t('passages.retrieve')}
          <select value={what} onChange={(e) => retrieve(e.target.value)} aria-label={t('passages.retrieveFor')}>
            <option value="">{t('passages.choose')}</option>
            <optgroup label={t('passages.tags')}>
              {tagTree([...lookups.tags.values()]).map(({ tag, depth }) => (
                <option key={tag.id} value={`tag:${tag.id}`}>
                  {' '.repeat(depth * 2)}
                  {tag.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('passages.threats')}>
              {lookups.threatOptions.map((o) => (
                <option key={o.id} value={`threat:${o.id}`}>
                  {o.label}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('passages.actors')}>
              {lookups.actorOptions.map((o) => (
                <option key={o.id} value={`actor:${o.id}`}>
                  {o.label}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('passages.countries')}>
              {lookups.countryOptions.map((o) => (
                <option key={o.id} value={`country:${o.id}`}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      </header>
      {!what ? (
        <div className="empty empty-large">
          <p className="empty-title">{t('passages.emptyTitle')}</p>
          <p className="muted">{t('passages.emptyBody')}</p>
        </div>
      ) : groups.length === 0 ? (
        <p className="empty muted">{t('passages.noneYet')}</p>
      ) : (
        <div className={windowed ? 'retrieval virtual' : 'retrieval'}>
          <p className="muted">{t('passages.inSources', { count: found?.length ?? 0, sources: groups.length })}</p>
          {windowed ? (
            <VirtualRetrieval
              groups={groups}
              scroller={pane}
              label={t('views.passages')}
              passage={(a, source) => <RetrievedPassage passage={a} source={source} {...actions} />}
            />
          ) : (
            groups.map(({ source, list }) => (
              <article key={source.id} className="retrieval-source" aria-label={source.title}>
                <SourceHeading source={source} />
                <ol className="passage-list">
                  {list.map((a) => (
                    <li key={a.id} className="retrieved">
                      <RetrievedPassage passage={a} source={source} {...actions} />
                    </li>
                  ))}
                </ol>
              </article>
            ))
          )}
        </div>
      )}
    </section>
  );
}

/**
 * Retrievals of more passages than this put only those near the screen on the page: a tag coded on
 * 5,000 passages rendered 49,000 elements in one task of ~2 s. Shorter ones stay whole, so the
 * browser's find and a screen reader's browse mode see every passage.
 */
const VIRTUALISE_ABOVE = 300;

/** A passage's height before it is measured: a two-line quote, its chips and buttons. */
const ROW_ESTIMATE = 150;

interface PassageActions {
  lookups: Lookups;
  copy: (passage: Annotation, source: Source) => Promise<void>;
  show: (passage: Annotation, source: Source) => void;
}

function SourceHeading({ source }: { source: Source }) {
  return (
    <>
      <h2 dir="auto">{source.title}</h2>
      <p className="muted citation">{citation(source)}</p>
    </>
  );
}

/** One retrieved passage: its quote, codes and note, and what can be done with it. */
function RetrievedPassage({
  passage: a,
  source,
  lookups,
  copy,
  show,
}: { passage: Annotation; source: Source } & PassageActions) {
  const t = useT();
  return (
    <>
      <blockquote dir="auto">{a.quote.exact}</blockquote>
      <TagChips tagIds={a.tagIds} lookups={lookups} />
      {a.note && (
        <p className="passage-note" dir="auto">
          {a.note}
        </p>
      )}
      <LinkChips annotation={a} lookups={lookups} />
      {a.anchor !== 'anchored' && (
        <span className={`badge ${a.anchor === 'drifted' ? 'warning' : 'danger'}`}>
          {a.anchor === 'drifted' ? t('passages.moved') : t('passages.notFound')}
        </span>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void copy(a, source)}>
          {t('passages.copyQuote')}
        </button>
        {a.anchor !== 'orphaned' && (
          <button type="button" onClick={() => show(a, source)}>
            {t('passages.showInSource')}
          </button>
        )}
      </div>
    </>
  );
}

type Row = { kind: 'source'; source: Source } | { kind: 'passage'; passage: Annotation; source: Source };

const rowKey = (row: Row) => (row.kind === 'source' ? `source:${row.source.id}` : row.passage.id);

/**
 * A long retrieval as one list of rows, each source's heading followed by its passages, of which only
 * the rows near the screen are on the page (TanStack Virtual over the view's own scrolling pane).
 *
 * The row holding the focus stays on the page when the list is scrolled away from it (the wheel), so
 * the focus is not dropped to the page's body with it: Tab, Shift+Tab and Enter go on from where it was.
 * Tab from a row's last control (Shift+Tab from its first) goes to the next (previous) passage even when
 * that one is not on the page: it is put there, brought into view and its control focused.
 */
function VirtualRetrieval({
  groups,
  scroller,
  label,
  passage,
}: {
  groups: { source: Source; list: Annotation[] }[];
  scroller: RefObject<HTMLElement | null>;
  label: string;
  passage: (a: Annotation, source: Source) => ReactNode;
}) {
  const list = useRef<HTMLDivElement>(null);
  const rows = useMemo(
    () =>
      groups.flatMap(({ source, list }): Row[] => [
        { kind: 'source', source },
        ...list.map((a): Row => ({ kind: 'passage', passage: a, source })),
      ]),
    [groups],
  );
  const indexOf = useMemo(() => new Map(rows.map((row, index) => [rowKey(row), index])), [rows]);
  // Rows are followed by key, not place: a passage added or removed elsewhere moves the rest.
  const [focused, setFocused] = useState<string | undefined>(undefined);
  const [moving, setMoving] = useState<{ key: string; edge: 'first' | 'last' } | undefined>(undefined);
  const pinned = useMemo(
    () => [focused, moving?.key].map((key) => (key === undefined ? -1 : (indexOf.get(key) ?? -1))),
    [focused, moving, indexOf],
  );
  const rangeExtractor = useCallback(
    (range: Range) => withPinned(defaultRangeExtractor(range), pinned, range.count),
    [pinned],
  );

  const { margin, covered } = usePlaceInScroller(list, scroller);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current as HTMLDivElement | null,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => rowKey(rows[index]!),
    overscan: 4,
    scrollMargin: margin,
    scrollPaddingStart: covered,
    rangeExtractor,
    ...layoutFreeOptions(ROW_ESTIMATE),
  });

  const rowElement = (index: number) => list.current?.querySelector<HTMLElement>(`:scope > [data-index="${index}"]`);

  // A row Tab moved to is focused once it is on the page (it is, in the render after the move).
  useLayoutEffect(() => {
    if (!moving) return;
    const index = indexOf.get(moving.key);
    const element = index === undefined ? undefined : rowElement(index);
    if (index !== undefined && !element) return;
    const controls = element ? tabbables(element) : [];
    // Its focus event pins the row as the focused one; the move ends here, focused or not (a row gone meanwhile).
    (moving.edge === 'first' ? controls[0] : controls[controls.length - 1])?.focus({ preventScroll: true });
    setMoving(undefined);
  });

  // The focus leaving the list (to another control, or to the page on a click beside it) lets its row go.
  const blurCheck = useRef(0);
  useEffect(() => () => window.clearTimeout(blurCheck.current), []);
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const index = Number((e.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset.index);
    const row = rows[index];
    if (!row) return;
    setFocused(rowKey(row));
  };
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (e.relatedTarget instanceof Node && list.current?.contains(e.relatedTarget)) return;
    // Checked once the focus has landed. The window losing the focus leaves it on the control, which keeps it.
    window.clearTimeout(blurCheck.current);
    blurCheck.current = window.setTimeout(() => {
      if (!list.current?.contains(document.activeElement)) setFocused(undefined);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Tab' || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const control = e.target as HTMLElement;
    const element = control.closest<HTMLElement>('[data-index]');
    if (!element || element.parentElement !== list.current) return;
    const step = e.shiftKey ? -1 : 1;
    const controls = tabbables(element);
    const at = controls.indexOf(control);
    // Within the row, and into a row that is on the page (the browser brings it into view), Tab is the browser's.
    if (at < 0 || at !== (step === 1 ? controls.length - 1 : 0)) return;
    const target = nextRowWithControls(
      (index) => rows[index]?.kind === 'passage',
      Number(element.dataset.index),
      step,
      rows.length,
    );
    if (target === undefined || rowElement(target)) return;
    e.preventDefault();
    setMoving({ key: rowKey(rows[target]!), edge: step === 1 ? 'first' : 'last' });
    revealIndex(virtualizer, target);
  };

  return (
    <div
      ref={list}
      role="list"
      aria-label={label}
      className="retrieval-rows"
      // A control the browser brings into view (Tab within a row) clears the pane's sticky header.
      style={{ height: virtualizer.getTotalSize(), '--covered-top': `${covered}px` } as CSSProperties}
      onFocus={onFocus}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index]!;
        return (
          <div
            key={item.key}
            role="listitem"
            data-index={item.index}
            ref={virtualizer.measureElement}
            aria-setsize={rows.length}
            aria-posinset={item.index + 1}
            className={row.kind === 'source' ? 'retrieval-source-row' : 'retrieval-passage-row'}
            style={{ transform: `translateY(${item.start - margin}px)` }}
          >
            {row.kind === 'source' ? (
              <SourceHeading source={row.source} />
            ) : (
              <div className="retrieved">{passage(row.passage, row.source)}</div>
            )}
          </div>
        );
      })}
    </div>
  );
}

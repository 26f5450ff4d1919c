/**
 * The reader renders the viewport: only the paragraphs on and near the screen are on the page
 * (TanStack Virtual, with spacers above and below), so a 1 MB book costs what one screen costs.
 *
 * Why a virtualiser of our own rather than CodeMirror 6's read-only EditorView with mark decorations
 * (weighed for issue 19, and kept as a peer in `bench/scenarios/reader.ts`): the reader's page stays
 * what the rest of the app and its tests already speak — one `<p dir="auto" lang>` per paragraph
 * holding exactly one text node, so the browser's own bidi (right-to-left paragraphs), per-paragraph
 * language, selection and caret (Shift+arrows) work unchanged; passages stay painted by the CSS
 * Custom Highlight API (no DOM node per passage, where CodeMirror wraps each mark in spans and
 * rebuilds them as the view moves); the margin stripes stay a per-paragraph gutter. CodeMirror would
 * have brought its own selection drawing, its own text model with line offsets to translate to the
 * source's offsets, and a second search UI; it is measured beside ours instead.
 */
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
  type MouseEvent,
  type RefObject,
} from 'react';
import type { Annotation, Tag } from '../../../shared/domain/annotation';
import { paragraphIndexAt } from '../../../shared/domain/passage-fit';
import { splitParagraphs, tidyRange } from '../../../shared/domain/text';
import { READER_FONT_SIZES, useWorkbench } from '../../stores';
import { useParagraphWindow } from './paragraph-window';
import { FindBar } from './FindBar';
import type { TextMatch } from '../../../shared/domain/find-in-text';
import { assignLanes, HighlightPainter, translucent } from './highlights';
import { placeableOn } from './placeable';
import { TextGeometry } from './text-geometry';
import './reader.css';

export interface ReaderProps {
  /** Whose text: the reader remembers where the analyst was in each source, and returns there. */
  sourceId: string;
  text: string;
  language: string;
  /** The languages of a text that mixes them (the source's `languages`): each paragraph then gets its own. */
  languages?: readonly string[];
  /** The passages of `text` itself (read with it): those that do not fit it are left unpainted. */
  annotations: Annotation[];
  tags: Map<string, Tag>;
  /** The analyst asked to code `range` (from a selection). */
  onAnnotate: (range: { start: number; end: number }, rect: DOMRect) => void;
  /**
   * The analyst clicked passages: every annotation covering that point, innermost first. `inText`: the
   * click was in the text itself, where it also placed the caret the analyst may go on to extend by keyboard.
   */
  onPick: (annotations: Annotation[], rect: DOMRect, inText: boolean) => void;
  /** While re-selecting a passage from the review queue, a selection answers here instead. */
  reselecting?: { onSelect: (range: { start: number; end: number }) => void } | null;
  /** Filled while the reader is on the page, with what its view's commands ask of it. */
  commands?: RefObject<ReaderCommands | null>;
}

/** What the sources view's commands ask of the reader on the page. */
export interface ReaderCommands {
  /** New Passage from Selection: codes the text selected in the reader, or says how to select it. */
  newPassage(): void;
}

export const SELECT_FIRST =
  'Select a passage in the text first (drag with the mouse, or click and use Shift+arrows), then choose New Passage.';

const LANE_WIDTH = 5;
/** A stripe's width (the width of `.stripes::before` in the stylesheet); the rest of its lane is the gap to the next. */
const STRIPE_WIDTH = 3;
const MAX_LANES = 8;

/**
 * Each paragraph's margin as one `box-shadow` value: a hard-edged shadow per passage open in it, cast
 * into its lane by a 3 px box that sits just left of the margin ('' for none). Shadows, not a gradient
 * per passage: the browser records a shadow as one filled rectangle, where each gradient layer was an
 * image to build and paint — half the paint of a book's first screen. A string, so a memoised paragraph
 * re-renders only when its own stripes change. It is handed over as the custom property `--stripes`,
 * which the browser stores unparsed; the stylesheet's `box-shadow: var(--stripes)` is then parsed only
 * for paragraphs on screen, since `content-visibility: auto` skips styling the rest. Lanes are assigned
 * in one pass over the passages, which arrive in document order.
 */
function stripeShadows(
  paragraphs: { start: number; text: string }[],
  placed: Annotation[],
  lanes: Map<string, number>,
  tags: Map<string, Tag>,
): string[] {
  const shadows: string[] = [];
  let cursor = 0;
  const open: Annotation[] = [];
  for (const p of paragraphs) {
    const end = p.start + p.text.length;
    while (cursor < placed.length && placed[cursor]!.position.start < end) open.push(placed[cursor++]!);
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.position.end <= p.start) open.splice(i, 1);
    let shadow = '';
    for (const a of open) {
      const lane = lanes.get(a.id) ?? 0;
      if (lane >= MAX_LANES) continue;
      const color = tags.get(a.tagIds.find((id) => tags.has(id)) ?? '')?.color ?? '#8a8f98';
      const paint = a.anchor === 'drifted' ? translucent(color, 0.45) : color;
      shadow += `${shadow ? ',' : ''}${lane * LANE_WIDTH + STRIPE_WIDTH}px 0 ${paint}`;
    }
    shadows.push(shadow);
  }
  return shadows;
}

interface ParagraphProps {
  index: number;
  start: number;
  text: string;
  /** The paragraph's language where it is not the source's. */
  lang?: string;
  stripes: string;
  /** Just jumped to: flashed once so the eye finds it. */
  flash: boolean;
  measure: (element: HTMLElement | null) => void;
  onGutterClick: (index: number, event: MouseEvent) => void;
}

const preventFocusLoss = (e: MouseEvent) => e.preventDefault();

/** One paragraph and its margin; memoised, so an edit to one passage re-renders only the paragraphs it touches. */
const Paragraph = memo(function Paragraph({
  index,
  start,
  text,
  lang,
  stripes,
  flash,
  measure,
  onGutterClick,
}: ParagraphProps) {
  return (
    <div className={flash ? 'para flash' : 'para'} data-paragraph="" data-index={index} ref={measure}>
      <span
        className="stripes"
        aria-hidden="true"
        contentEditable={false}
        style={stripes ? ({ '--stripes': stripes } as CSSProperties) : undefined}
        onMouseDown={preventFocusLoss}
        onClick={(e) => onGutterClick(index, e)}
      />
      <p data-index={index} data-start={start} dir="auto" lang={lang}>
        {text}
      </p>
    </div>
  );
});

/** Where the analyst was in each source (first paragraph on screen), for returning to it. */
const readingPlaces = new Map<string, number>();

/**
 * The reading column. Passages are painted with the CSS Custom Highlight API; the margin shows one
 * stripe lane per overlapping passage. The text is a read-only caret surface so a passage can be
 * selected with the keyboard (Shift+arrows) as well as the mouse.
 */
/**
 * The language of each paragraph of a text that mixes languages (null: the source's own), for `lang`
 * attributes — fonts, hyphenation and screen readers follow it. The detector is loaded only then.
 */
function useParagraphLanguages(
  paragraphs: { text: string }[],
  language: string,
  mixed: boolean,
): (string | null)[] | null {
  const [languages, setLanguages] = useState<{ for: typeof paragraphs; tags: (string | null)[] } | null>(null);
  useEffect(() => {
    if (!mixed) return;
    let current = true;
    void import('../../../shared/domain/language-detect').then(({ paragraphLanguages }) => {
      if (current)
        setLanguages({
          for: paragraphs,
          tags: paragraphLanguages(
            paragraphs.map((p) => p.text),
            language,
          ),
        });
    });
    return () => {
      current = false;
    };
  }, [paragraphs, language, mixed]);
  return mixed && languages?.for === paragraphs ? languages.tags : null;
}

export function Reader({
  sourceId,
  text,
  language,
  languages,
  annotations,
  tags,
  onAnnotate,
  onPick,
  reselecting,
  commands,
}: ReaderProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLElement>(null);
  // The geometry of the text on the page now. A ref, not state: state would still hold the previous
  // text's geometry in the commit that puts a new text on the page, and painting the new passages
  // with it built Ranges past the end of the new paragraphs (issue 14); and as state it re-rendered the
  // reader once more for every new window of paragraphs, the first screen's included.
  const geometryRef = useRef<TextGeometry | null>(null);
  const [renderKey, setRenderKey] = useState(0);
  const [adder, setAdder] = useState<{ range: { start: number; end: number }; rect: DOMRect } | null>(null);
  const [finding, setFinding] = useState<{ query: string } | null>(null);
  const [found, setFound] = useState<TextMatch | null>(null);
  const [flashIndex, setFlashIndex] = useState(-1);
  // The paragraph holding the selection's anchor stays on the page while the selection lasts, so a
  // drag or Shift+arrows can run on past the rendered window without losing its start.
  const [pinned, setPinned] = useState(-1);
  const fontSize = useWorkbench((s) => s.readerFontSize);
  const selectedId = useWorkbench((s) => s.selectedAnnotationId);
  const readerTarget = useWorkbench((s) => s.readerTarget);
  const scrollRequest = useWorkbench((s) => s.scrollRequest);
  const shownSize = Math.min(READER_FONT_SIZES.max, fontSize);

  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  const paragraphLanguages = useParagraphLanguages(paragraphs, language, (languages?.length ?? 0) > 1);
  const placed = useMemo(() => annotations.filter(placeableOn(text)), [annotations, text]);
  const lanes = useMemo(() => assignLanes(placed), [placed]);
  const stripes = useMemo(() => stripeShadows(paragraphs, placed, lanes, tags), [paragraphs, placed, lanes, tags]);
  const maxLane = useMemo(() => {
    let max = -1;
    for (const lane of lanes.values()) if (lane > max) max = lane;
    return Math.min(MAX_LANES, max + 1);
  }, [lanes]);

  const virtualizer = useParagraphWindow(scroller, paragraphs, shownSize, pinned);
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const spaceAbove = items[0]?.start ?? 0;
  const spaceBelow = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));

  // Runs before the painting effect below in the same commit, so the painter never sees a geometry
  // of another text (or another window of paragraphs) than the one its passages belong to.
  useLayoutEffect(() => {
    geometryRef.current = root.current ? new TextGeometry(root.current, text, paragraphs) : null;
  }, [text, paragraphs, renderKey, firstIndex, lastIndex]);

  // Only the passages that meet the paragraphs on the page are painted.
  const onPage = useMemo(() => {
    if (lastIndex < firstIndex) return [];
    const from = paragraphs[firstIndex]?.start ?? 0;
    const last = paragraphs[lastIndex];
    const to = last ? last.start + last.text.length : 0;
    const out: Annotation[] = [];
    for (const a of placed) {
      if (a.position.start >= to) break;
      if (a.position.end > from) out.push(a);
    }
    return out;
  }, [placed, paragraphs, firstIndex, lastIndex]);

  const painter = useMemo(() => new HighlightPainter(), []);
  useLayoutEffect(() => {
    const current = geometryRef.current;
    if (!current) return;
    painter.paint({
      geometry: current,
      annotations: onPage,
      tags,
      selectedId,
      search: readerTarget ? { start: readerTarget.start, end: readerTarget.end } : null,
      found,
    });
  }, [painter, text, paragraphs, renderKey, onPage, tags, selectedId, readerTarget, found, firstIndex, lastIndex]);

  // Before React takes the paragraphs off the page: Ranges left in removed text would be updated node by node.
  useLayoutEffect(() => () => painter.dispose(), [painter]);

  /** Brings the paragraph holding `offset` to the middle of the screen. */
  const reveal = useCallback(
    (offset: number, flash: boolean) => {
      const index = paragraphIndexAt(paragraphs, offset);
      virtualizer.scrollToIndex(index, { align: 'center' });
      if (flash) setFlashIndex(index);
    },
    [paragraphs, virtualizer],
  );

  // Scroll to the selected passage or search hit when asked to, and flash its paragraph.
  const answered = useRef(0);
  useEffect(() => {
    if (scrollRequest === 0 || answered.current === scrollRequest || paragraphs.length === 0) return;
    const target = readerTarget ?? placed.find((a) => a.id === selectedId)?.position;
    if (!target) return;
    answered.current = scrollRequest;
    reveal(target.start, true);
  }, [scrollRequest, text]);

  // Back where the analyst was in this source, unless a jump into it was asked for (a passage or a
  // search hit shown in the reader; opening a source from the library clears both). The request count
  // alone cannot tell: it is 0 until the first jump of the session, and stays past the last one.
  useLayoutEffect(() => {
    const place = readingPlaces.get(sourceId);
    const { scrollRequest: asked, readerTarget: target, selectedAnnotationId: chosen } = useWorkbench.getState();
    const jumping = asked !== 0 && answered.current !== asked && (target !== null || chosen !== null);
    if (place !== undefined && place > 0 && !jumping)
      virtualizer.scrollToIndex(Math.min(place, paragraphs.length - 1), { align: 'start' });
  }, [sourceId]);
  useEffect(() => {
    if (items.length > 0) readingPlaces.set(sourceId, virtualizer.range?.startIndex ?? firstIndex);
  });

  useEffect(() => {
    if (flashIndex < 0) return;
    const timer = window.setTimeout(() => setFlashIndex(-1), 1200);
    return () => window.clearTimeout(timer);
  }, [flashIndex]);

  // The find bar's current match: scrolled to, and painted as it comes on the page.
  const onMatch = useCallback(
    (match: TextMatch | null) => {
      setFound(match);
      if (match) reveal(match.start, false);
    },
    [reveal],
  );
  const closeFind = useCallback(() => {
    setFinding(null);
    setFound(null);
    root.current?.focus({ preventScroll: true });
  }, []);
  const readingAt = useCallback(
    () => paragraphs[virtualizer.range?.startIndex ?? firstIndex]?.start ?? 0,
    [paragraphs, virtualizer, firstIndex],
  );

  // Keep the selection's anchor paragraph on the page while the selection lasts.
  useEffect(() => {
    const onSelectionChange = () => {
      const selection = window.getSelection();
      const node = selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.anchorNode : null;
      const element = node instanceof Element ? node : node?.parentElement;
      const p = element && root.current?.contains(element) ? element.closest<HTMLElement>('[data-paragraph]') : null;
      const index = p ? Number(p.dataset.index) : -1;
      setPinned(index); // the same index again renders nothing (React bails out)
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, []);

  // The text is editable only to give it a caret; every edit is refused here.
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const refuse = (e: Event) => e.preventDefault();
    const restore = () => setRenderKey((k) => k + 1); // an IME edit slipped through: re-render the text
    for (const type of ['beforeinput', 'paste', 'drop', 'cut']) el.addEventListener(type, refuse);
    el.addEventListener('input', restore);
    return () => {
      for (const type of ['beforeinput', 'paste', 'drop', 'cut']) el.removeEventListener(type, refuse);
      el.removeEventListener('input', restore);
    };
  }, [renderKey]);

  const currentSelection = useCallback((): { range: { start: number; end: number }; rect: DOMRect } | null => {
    const current = geometryRef.current;
    if (!current) return null;
    const selection = window.getSelection();
    const raw = current.selectionRange(selection);
    const range = raw && tidyRange(text, raw.start, raw.end);
    if (!range || !selection) return null;
    return { range, rect: selection.getRangeAt(0).getBoundingClientRect() };
  }, [text]);

  // New Passage from Selection (menu, Ctrl+Shift+A): the same as pressing A in the text. Bound by the
  // sources view, which answers it through `commands` while this reader is on the page.
  const newPassage = () => {
    const chosen = currentSelection();
    if (!chosen) {
      useWorkbench.getState().notify('info', SELECT_FIRST);
      return;
    }
    setAdder(null);
    if (reselecting) reselecting.onSelect(chosen.range);
    else onAnnotate(chosen.range, chosen.rect);
  };
  useLayoutEffect(() => {
    if (!commands) return;
    const mine = { newPassage };
    commands.current = mine;
    return () => {
      if (commands.current === mine) commands.current = null;
    };
  });

  const pointAt = useCallback(
    (event: MouseEvent) => {
      const current = geometryRef.current;
      if (!current) return;
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0) return;
      const offset = current.offsetOf(selection.anchorNode!, selection.anchorOffset);
      if (offset === null) return;
      const here = placed
        .filter((a) => a.position.start <= offset && offset < a.position.end)
        .sort((a, b) => a.position.end - a.position.start - (b.position.end - b.position.start));
      if (here.length > 0) onPick(here, new DOMRect(event.clientX, event.clientY, 0, 16), true);
    },
    [placed, onPick],
  );

  const onMouseUp = (event: MouseEvent) => {
    const chosen = currentSelection();
    if (chosen && reselecting) {
      reselecting.onSelect(chosen.range);
      return;
    }
    setAdder(chosen);
    if (!chosen) pointAt(event);
  };

  const onKeyUp = (event: KeyboardEvent) => {
    if (event.shiftKey || event.key === 'Shift') setAdder(currentSelection());
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape' && finding) {
      closeFind();
      return;
    }
    if (event.key === 'a' || event.key === 'A' || event.key === 'Enter') {
      const chosen = currentSelection();
      if (!chosen) return;
      event.preventDefault();
      if (reselecting) reselecting.onSelect(chosen.range);
      else {
        setAdder(null);
        onAnnotate(chosen.range, chosen.rect);
      }
    } else if (event.key === 'Escape') {
      setAdder(null);
      window.getSelection()?.removeAllRanges();
    }
  };

  // Stable for the memoised paragraphs; reads the passages of the moment through a ref.
  const pickInGutter = useRef<(index: number, event: MouseEvent) => void>(() => undefined);
  pickInGutter.current = (index, event) => {
    const p = paragraphs[index]!;
    const end = p.start + p.text.length;
    const here = placed.filter((a) => a.position.start < end && a.position.end > p.start);
    if (here.length > 0) onPick(here, (event.currentTarget as HTMLElement).getBoundingClientRect(), false);
  };
  const onGutterClick = useCallback((index: number, event: MouseEvent) => pickInGutter.current(index, event), []);
  // Stable between windows: selecting a passage or showing the adder re-renders the reader without
  // visiting its paragraphs, and a paragraph re-renders only when its own stripes change.
  const measure = virtualizer.measureElement;
  const body = items.map((item) => {
    const i = item.index;
    const p = paragraphs[i]!;
    return (
      <Paragraph
        key={p.start}
        index={i}
        start={p.start}
        text={p.text}
        lang={paragraphLanguages?.[i] ?? undefined}
        stripes={stripes[i]!}
        flash={i === flashIndex}
        measure={measure}
        onGutterClick={onGutterClick}
      />
    );
  });

  // Ctrl+F anywhere in the reader (its text or the find bar): the browser's own find sees only the
  // paragraphs on the page.
  const onFindKey = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'f') return;
    event.preventDefault();
    const selection = window.getSelection();
    const chosen = selection && !selection.isCollapsed ? selection.toString().trim() : '';
    setFinding({ query: chosen && chosen.length <= 200 && !chosen.includes('\n') ? chosen : (finding?.query ?? '') });
  };

  return (
    <div className="reader-frame" onKeyDown={onFindKey}>
      {finding && (
        <FindBar
          key={finding.query}
          text={text}
          initialQuery={finding.query}
          readingAt={readingAt}
          onMatch={onMatch}
          onClose={closeFind}
        />
      )}
      <div className="reader-scroll" ref={scroller} onScroll={() => adder && setAdder(null)}>
        <article
          ref={root}
          key={renderKey}
          className="reader"
          // Editable only so the caret can move and select by keyboard; announced as the read-only text it is.
          role="document"
          tabIndex={0}
          aria-label="Source text"
          aria-description="Read-only. Select text with the mouse or Shift and the arrow keys to annotate it."
          lang={language}
          contentEditable
          suppressContentEditableWarning
          spellCheck={false}
          translate="no"
          style={{ fontSize: `${shownSize}px`, ['--lanes' as string]: maxLane }}
          onMouseUp={onMouseUp}
          onKeyUp={onKeyUp}
          onKeyDown={onKeyDown}
        >
          <div className="reader-space" style={{ height: spaceAbove }} contentEditable={false} aria-hidden="true" />
          {body}
          <div className="reader-space" style={{ height: spaceBelow }} contentEditable={false} aria-hidden="true" />
        </article>
      </div>
      {adder && !reselecting && (
        <button
          type="button"
          className="adder"
          style={{ top: adder.rect.bottom + 6, left: Math.min(adder.rect.right, window.innerWidth - 140) }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            onAnnotate(adder.range, adder.rect);
            setAdder(null);
          }}
        >
          Annotate <kbd>A</kbd>
        </button>
      )}
    </div>
  );
}

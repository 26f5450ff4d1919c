/**
 * The reader renders the viewport: only the paragraphs on and near the screen are on the page
 * (TanStack Virtual, with spacers above and below), so a 1 MB book costs what one screen costs. The
 * paragraphs of the selection's ends stay on the page apart from the window (a spacer between), and the
 * moves the browser would make over the rendered paragraphs only — Ctrl+Home/End, Page Up/Down,
 * Ctrl+A — and the copy are made on the text's offsets instead (`caret-moves.ts`). The window's unit
 * is a block (`readingBlocks`): a paragraph, or a piece of one longer than two screens, since the
 * browser lays a paragraph out whole and a text without line breaks would otherwise be one block.
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
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { VirtualItem } from '@tanstack/react-virtual';
import type { Annotation, Tag } from '../../../shared/domain/annotation';
import { paragraphIndexAt } from '../../../shared/domain/passage-fit';
import { readingBlocks, tidyRange, type ReadingBlock } from '../../../shared/domain/text';
import { READER_FONT_SIZES, useWorkbench } from '../../stores';
import { useT } from '../../i18n';
import { useParagraphWindow } from './paragraph-window';
import { FindBar } from './FindBar';
import type { TextMatch } from '../../../shared/domain/find-in-text';
import { assignLanes, HighlightPainter, translucent } from './highlights';
import { placeableOn } from './placeable';
import { TextGeometry } from './text-geometry';
import { caretMoveFor, caretNear, focusRect, type CaretMove } from './caret-moves';
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

/** The paragraph goes on in the block after this one: a long paragraph's piece, or a line of several. */
const goesOn = (block: ReadingBlock): boolean => block.runsOn === true || block.lineFollows === true;

/** Blocks longer than this may be taller than the screen: a jump into one centres the place, not the block. */
const TALL_BLOCK = 1500;

/**
 * The whole paragraphs of the reader's blocks, and which paragraph each block is of: a long
 * paragraph's pieces, and the lines of a paragraph of several (`lineFollows`), are one.
 */
function wholeParagraphs(blocks: ReadingBlock[]): { paragraphs: { text: string }[]; of: (block: number) => number } {
  if (!blocks.some((b) => b.runsOn || b.lineFollows)) return { paragraphs: blocks, of: (block) => block };
  const paragraphs: { text: string }[] = [];
  const of = new Int32Array(blocks.length);
  for (const [i, block] of blocks.entries()) {
    const before = blocks[i - 1];
    if (before?.runsOn) paragraphs[paragraphs.length - 1]!.text += block.text;
    else if (before?.lineFollows) paragraphs[paragraphs.length - 1]!.text += `\n${block.text}`;
    else paragraphs.push({ text: block.text });
    of[i] = paragraphs.length - 1;
  }
  return { paragraphs, of: (block) => of[block]! };
}

interface ParagraphProps {
  index: number;
  start: number;
  text: string;
  /** A long paragraph's piece, or a paragraph's line, that the next block continues: no gap after it. */
  runsOn: boolean;
  /** A long paragraph's piece, or a paragraph's line, after the first: its margin's stripes join those above. */
  continues: boolean;
  /** A cut paragraph's direction, for each of its blocks; otherwise found from the text (`auto`). */
  dir: 'ltr' | 'rtl' | 'auto';
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
  runsOn,
  continues,
  dir,
  lang,
  stripes,
  flash,
  measure,
  onGutterClick,
}: ParagraphProps) {
  const className = `para${runsOn ? ' runs-on' : ''}${continues ? ' continues' : ''}${flash ? ' flash' : ''}`;
  // With Whole Text on, a paragraph off screen stands in at a few lines' height until laid out; a long
  // one stands in at about its own, or the scrollbar would swing by screens as it is laid out.
  const standIn =
    text.length > TALL_BLOCK ? { containIntrinsicSize: `auto ${Math.ceil(text.length / 75)}lh` } : undefined;
  return (
    <div className={className} data-paragraph="" data-index={index} ref={measure} style={standIn}>
      <span
        className="stripes"
        aria-hidden="true"
        contentEditable={false}
        style={stripes ? ({ '--stripes': stripes } as CSSProperties) : undefined}
        onMouseDown={preventFocusLoss}
        onClick={(e) => onGutterClick(index, e)}
      />
      <p data-index={index} data-start={start} dir={dir} lang={lang}>
        {text}
      </p>
    </div>
  );
});

/** Paragraphs not on the page, above, between and below those that are: their height, and no text. */
function Space({ height }: { height: number }) {
  return <div className="reader-space" style={{ height }} contentEditable={false} aria-hidden="true" />;
}

const NO_PINS: readonly number[] = [];
/** How long after Ctrl+Shift+Home/End the reader's scroll is the move's own (TanStack settles it over a few frames). */
const KEEP_ADDER_MS = 600;

/**
 * The paragraphs a selection keeps on the page: its anchor's, and its focus's with one each side, so an
 * arrow key moves the caret into text that is there even when the analyst has scrolled far from it.
 */
function pinsFor(anchor: number, focus: number): number[] {
  const out: number[] = [];
  if (anchor >= 0) out.push(anchor);
  if (focus >= 0) out.push(focus - 1, focus, focus + 1);
  return out;
}

/** `before` when it names the same paragraphs as `ends`, else `ends` in order, each once. */
function samePins(before: readonly number[], ends: number[]): readonly number[] {
  const next = [...new Set(ends)].sort((a, b) => a - b);
  return next.length === before.length && next.every((n, i) => n === before[i]) ? before : next;
}

/** The rendered paragraphs as runs of neighbours (indexes ascending, as the window gives them). */
function paragraphRuns(items: VirtualItem[]): { first: number; last: number }[] {
  const runs: { first: number; last: number }[] = [];
  for (const { index } of items) {
    const run = runs[runs.length - 1];
    if (run && index === run.last + 1) run.last = index;
    else runs.push({ first: index, last: index });
  }
  return runs;
}

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
  // The paragraphs holding the selection's two ends (or the caret) stay on the page while it lasts, so
  // a drag or a keyboard selection runs on past the rendered window without losing its start, and a
  // selection can span the whole text (Ctrl+A, Ctrl+Shift+End) with only its ends and the screen rendered.
  const [pinned, setPinned] = useState<readonly number[]>(NO_PINS);
  // A selection to place once the paragraphs of its two ends are on the page (a long caret move).
  const placing = useRef<{ anchor: number; focus: number } | null>(null);
  // A page move waiting for its frame: where it puts the caret on the screen, and the selection's anchor.
  const paging = useRef<{ frame: number; x: number; target: number; anchor: number | null } | null>(null);
  // Until then, a scroll of the reader leaves the Annotate button where it is (a move's own scroll).
  const keepAdderUntil = useRef(0);
  // A move made for one text is not finished on another.
  useEffect(
    () => () => {
      placing.current = null;
      if (paging.current) cancelAnimationFrame(paging.current.frame);
      paging.current = null;
    },
    [text],
  );
  const fontSize = useWorkbench((s) => s.readerFontSize);
  const wholeText = useWorkbench((s) => s.readerWholeText);
  const translate = useT();
  const selectedId = useWorkbench((s) => s.selectedAnnotationId);
  const readerTarget = useWorkbench((s) => s.readerTarget);
  const scrollRequest = useWorkbench((s) => s.scrollRequest);
  const shownSize = Math.min(READER_FONT_SIZES.max, fontSize);

  // Paragraphs, the longest cut into blocks the browser can lay out within a frame.
  const paragraphs = useMemo(() => readingBlocks(text), [text]);
  // Languages are told paragraph by paragraph: a long paragraph's blocks are told as one, and share it.
  const paragraphsOfBlocks = useMemo(() => wholeParagraphs(paragraphs), [paragraphs]);
  const paragraphLanguages = useParagraphLanguages(
    paragraphsOfBlocks.paragraphs,
    language,
    (languages?.length ?? 0) > 1,
  );
  const placed = useMemo(() => annotations.filter(placeableOn(text)), [annotations, text]);
  const lanes = useMemo(() => assignLanes(placed), [placed]);
  const stripes = useMemo(() => stripeShadows(paragraphs, placed, lanes, tags), [paragraphs, placed, lanes, tags]);
  const maxLane = useMemo(() => {
    let max = -1;
    for (const lane of lanes.values()) if (lane > max) max = lane;
    return Math.min(MAX_LANES, max + 1);
  }, [lanes]);

  const virtualizer = useParagraphWindow(scroller, paragraphs, shownSize, pinned, wholeText);
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const spaceAbove = items[0]?.start ?? 0;
  const spaceBelow = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));
  // The paragraphs on the page as runs of neighbours: the window's, and a pinned paragraph away from it.
  const runs = paragraphRuns(items);
  const runsKey = runs.map((r) => `${r.first}-${r.last}`).join(',');

  // Runs before the painting effect below in the same commit, so the painter never sees a geometry
  // of another text (or another window of paragraphs) than the one its passages belong to.
  useLayoutEffect(() => {
    geometryRef.current = root.current ? new TextGeometry(root.current, text, paragraphs) : null;
  }, [text, paragraphs, renderKey, runsKey]);

  // Only the passages that meet the paragraphs on the page are painted.
  const onPage = useMemo(() => {
    const spans = runs.flatMap(({ first, last }) => {
      const a = paragraphs[first];
      const b = paragraphs[last];
      return a && b ? [{ from: a.start, to: b.start + b.text.length }] : [];
    });
    const end = spans[spans.length - 1]?.to ?? 0;
    const out: Annotation[] = [];
    for (const a of placed) {
      if (a.position.start >= end) break;
      if (spans.some((s) => a.position.start < s.to && a.position.end > s.from)) out.push(a);
    }
    return out;
  }, [placed, paragraphs, runsKey]);

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
  }, [painter, text, paragraphs, renderKey, onPage, tags, selectedId, readerTarget, found, runsKey]);

  // Before React takes the paragraphs off the page: Ranges left in removed text would be updated node by node.
  useLayoutEffect(() => () => painter.dispose(), [painter]);

  // A block taller than the screen (a long paragraph's piece, `readingBlocks`) centred whole shows only
  // its middle: once the scroll to it has come to rest, the offset itself is brought to the middle.
  const centring = useRef(0);
  const centreOn = useCallback(
    (offset: number) => {
      const asked = ++centring.current;
      let lastTop = Number.NaN;
      let frames = 0;
      const step = () => {
        const frame = scroller.current;
        if (asked !== centring.current || !frame || frames++ > 60) return;
        const range = geometryRef.current?.rangeFor(offset, Math.min(offset + 1, text.length));
        const top = frame.scrollTop;
        if (!range || top !== lastTop) {
          lastTop = top;
          requestAnimationFrame(step);
          return;
        }
        const box = frame.getBoundingClientRect();
        const rect = range.getBoundingClientRect();
        const away = rect.top + rect.height / 2 - (box.top + box.height / 2);
        if (Math.abs(away) > box.height / 4) frame.scrollBy({ top: away });
      };
      requestAnimationFrame(step);
    },
    [text],
  );

  /** Brings the paragraph holding `offset`, and in a long one the offset itself, to the middle of the screen. */
  const reveal = useCallback(
    (offset: number, flash: boolean) => {
      const index = paragraphIndexAt(paragraphs, offset);
      virtualizer.scrollToIndex(index, { align: 'center' });
      if (paragraphs[index]!.text.length > TALL_BLOCK) centreOn(offset);
      else centring.current++;
      if (flash) setFlashIndex(index);
    },
    [paragraphs, virtualizer, centreOn],
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

  // Keep the paragraphs of the selection's ends (or the caret's) on the page while it lasts.
  const selectWholeText = useRef(() => undefined as void);
  useEffect(() => {
    const onSelectionChange = () => {
      const selection = window.getSelection();
      // The browser's own Select All (Edit › Select all in the desktop menu) selects the page's paragraphs,
      // from the reader's first child to its last: made the whole text's selection instead.
      const el = root.current;
      const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
      if (
        el &&
        range &&
        range.startContainer === el &&
        range.startOffset === 0 &&
        range.endContainer === el &&
        range.endOffset === el.childNodes.length
      ) {
        selectWholeText.current();
        return;
      }
      const paragraphOf = (node: Node | null | undefined) => {
        const element = node instanceof Element ? node : node?.parentElement;
        const p = element && root.current?.contains(element) ? element.closest<HTMLElement>('[data-paragraph]') : null;
        return p ? Number(p.dataset.index) : -1;
      };
      const ends =
        selection && selection.rangeCount > 0
          ? pinsFor(paragraphOf(selection.anchorNode), paragraphOf(selection.focusNode))
          : [];
      setPinned((before) => samePins(before, ends)); // the same paragraphs again render nothing
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

  // Places a long move's selection once both its ends are on the page: at once when they are, else in
  // the commit that renders them (the layout effect below, after the geometry above is made).
  const applyPlacing = () => {
    const wanted = placing.current;
    const geometry = geometryRef.current;
    if (!wanted || !geometry) return;
    const anchor = geometry.pointFor(wanted.anchor);
    const focus = geometry.pointFor(wanted.focus);
    if (!anchor || !focus) return;
    placing.current = null;
    window.getSelection()?.setBaseAndExtent(anchor.node, anchor.offset, focus.node, focus.offset);
    // Offered for coding as a selection made with Shift and the arrows is (its key may be up already).
    setAdder(wanted.anchor === wanted.focus ? null : currentSelection());
  };
  useLayoutEffect(applyPlacing);

  const place = (anchor: number, focus: number) => {
    placing.current = { anchor, focus };
    const ends = pinsFor(paragraphIndexAt(paragraphs, anchor), paragraphIndexAt(paragraphs, focus));
    setPinned((before) => samePins(before, ends));
    applyPlacing();
  };

  /** Ctrl+Home/End, Ctrl+A and Page Up/Down, made on the text rather than on the paragraphs rendered. */
  const moveCaret = (move: CaretMove) => {
    const geometry = geometryRef.current;
    const last = paragraphs[paragraphs.length - 1];
    if (!geometry || !last) return;
    const start = paragraphs[0]!.start;
    const end = last.start + last.text.length;
    const selection = window.getSelection();
    const anchorNow =
      selection?.anchorNode && root.current?.contains(selection.anchorNode)
        ? geometry.offsetOf(selection.anchorNode, selection.anchorOffset)
        : null;
    if (move.kind === 'all') {
      place(start, end);
      return;
    }
    if (move.kind === 'edge') {
      const to = move.to === 'start' ? start : end;
      place(move.extend && anchorNow !== null ? anchorNow : to, to);
      // The scroll that brings the end into view must not take away the Annotate button just offered.
      if (move.extend) keepAdderUntil.current = performance.now() + KEEP_ADDER_MS;
      if (move.to === 'start') virtualizer.scrollToOffset(0);
      else virtualizer.scrollToIndex(paragraphs.length - 1, { align: 'end' });
      return;
    }
    // A page: the text moves a screen under the caret, which keeps its place on the screen (a caret
    // scrolled out of sight comes back to its edge), as the browser's own Page Down does.
    const el = scroller.current;
    if (!el || !selection) return;
    const box = el.getBoundingClientRect();
    const line = shownSize * 1.65;
    // Keys repeated faster than frames: the caret has not moved yet, so the last move's place is where it is.
    const pending = paging.current;
    if (pending) cancelAnimationFrame(pending.frame);
    const caret = pending ? null : focusRect(selection);
    const x = pending ? pending.x : caret && caret.width + caret.height > 0 ? caret.left : box.left + box.width / 2;
    const y = Math.min(
      Math.max(pending ? pending.target : caret ? caret.top + caret.height / 2 : box.top, box.top + line / 2),
      box.bottom - line / 2,
    );
    const page = Math.max(line, el.clientHeight - 2 * line);
    const before = el.scrollTop;
    el.scrollTop = before + move.direction * page;
    // What the scroll could not take at either end of the text, the caret takes instead.
    const target = y + move.direction * page - (el.scrollTop - before);
    const anchor = pending ? pending.anchor : move.extend ? anchorNow : null;
    // The scroll's window of paragraphs is rendered in its scroll event, before the next frame's callbacks.
    const frame = requestAnimationFrame(() => {
      paging.current = null;
      const now = geometryRef.current;
      let focus: number | null = null;
      if (target > box.bottom) focus = end;
      else if (target < box.top) focus = start;
      else if (root.current && now) {
        const point = caretNear(root.current, x, target);
        focus = point && now.offsetOf(point.node, point.offset);
      }
      if (focus !== null) place(anchor ?? focus, focus);
    });
    paging.current = { frame, x, target, anchor };
  };

  selectWholeText.current = () => moveCaret({ kind: 'all' });

  // Scrolling hides the Annotate button, except during a keyboard move's own scroll, which follows the
  // selection's end: there the button follows it too.
  const onScroll = () => {
    if (performance.now() < keepAdderUntil.current) setAdder(currentSelection());
    else if (adder) setAdder(null);
  };

  // Copied and dragged out as the source's own text: a selection's middle may lie in paragraphs not on
  // the page, and the browser would carry only the ones that are.
  const selectedText = (): string | null => {
    const range = geometryRef.current?.selectionRange(window.getSelection());
    // A triple-clicked paragraph ends at the next one's start: its line break is not part of the copy.
    return range ? text.slice(range.start, range.end).replace(/\n+$/, '') : null;
  };
  const onCopy = (event: ClipboardEvent) => {
    const selected = selectedText();
    if (selected === null) return;
    event.preventDefault();
    event.clipboardData.setData('text/plain', selected);
  };
  // The browser fills a drag with the rendered selection, as plain text and as HTML; both go, and the
  // text takes their place, so a drop into Word or a note holds what a copy would.
  const onDragStart = (event: DragEvent) => {
    const selected = selectedText();
    if (selected === null) return;
    event.dataTransfer.clearData();
    event.dataTransfer.setData('text/plain', selected);
  };

  // New Passage from Selection (menu, Ctrl+Shift+A): the same as pressing A in the text. Bound by the
  // sources view, which answers it through `commands` while this reader is on the page.
  const newPassage = () => {
    const chosen = currentSelection();
    if (!chosen) {
      useWorkbench.getState().notify('info', translate('sources.selectFirst'));
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
    const move = caretMoveFor(event);
    if (move) {
      event.preventDefault();
      moveCaret(move);
      return;
    }
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
  const body: ReactNode[] = [];
  let previous: VirtualItem | undefined;
  for (const item of items) {
    const i = item.index;
    const p = paragraphs[i]!;
    // A pinned paragraph away from the window: the paragraphs between are a spacer of their height.
    if (previous && i > previous.index + 1)
      body.push(<Space key={`gap-${previous.index}`} height={Math.max(0, item.start - previous.end)} />);
    previous = item;
    body.push(
      <Paragraph
        key={p.start}
        index={i}
        start={p.start}
        text={p.text}
        runsOn={goesOn(p)}
        continues={i > 0 && goesOn(paragraphs[i - 1]!)}
        dir={p.dir ?? 'auto'}
        lang={paragraphLanguages?.[paragraphsOfBlocks.of(i)] ?? undefined}
        stripes={stripes[i]!}
        flash={i === flashIndex}
        measure={measure}
        onGutterClick={onGutterClick}
      />,
    );
  }

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
      <div className="reader-scroll" ref={scroller} onScroll={onScroll}>
        <article
          ref={root}
          key={renderKey}
          className={wholeText ? 'reader whole-text' : 'reader'}
          // Editable only so the caret can move and select by keyboard; announced as the read-only text it is.
          role="document"
          tabIndex={0}
          aria-label={translate('sources.readerLabel')}
          aria-description={translate(wholeText ? 'sources.readerHelpWhole' : 'sources.readerHelp')}
          // Whole Text fills the page over the first idle periods: a screen reader waits for all of it.
          aria-busy={wholeText && items.length < paragraphs.length ? true : undefined}
          lang={language}
          contentEditable
          suppressContentEditableWarning
          spellCheck={false}
          translate="no"
          style={{ fontSize: `${shownSize}px`, ['--lanes' as string]: maxLane }}
          onMouseUp={onMouseUp}
          onKeyUp={onKeyUp}
          onKeyDown={onKeyDown}
          onCopy={onCopy}
          onDragStart={onDragStart}
        >
          <Space height={spaceAbove} />
          {body}
          <Space height={spaceBelow} />
        </article>
      </div>
      {adder && !reselecting && (
        <button
          type="button"
          className="adder"
          // Below the selection, kept on the screen when the selection runs past it (Ctrl+A, Ctrl+Shift+End).
          style={{
            top: Math.max(8, Math.min(adder.rect.bottom + 6, window.innerHeight - 48)),
            left: Math.min(adder.rect.right, window.innerWidth - 140),
          }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            onAnnotate(adder.range, adder.rect);
            setAdder(null);
          }}
        >
          {translate('sources.annotate')} <kbd>A</kbd>
        </button>
      )}
    </div>
  );
}

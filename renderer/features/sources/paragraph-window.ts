import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import {
  defaultRangeExtractor,
  useVirtualizer,
  type Range as VirtualRange,
  type VirtualItem,
  type Virtualizer,
} from '@tanstack/react-virtual';
import type { Paragraph } from '../../../shared/domain/text';
import { cancelIdle, whenIdle } from '../../ui/idle';
import { layoutFreeOptions } from '../../ui/virtual-options';

/** A paragraph's height before it is measured: its lines at the reading measure (~72 characters) and its margin. */
function estimateHeight(length: number, fontSize: number): number {
  const lineHeight = fontSize * 1.65;
  return Math.max(1, Math.ceil(length / 72)) * lineHeight + fontSize * 0.9;
}

/** Paragraphs rendered beyond the screen on each side, so a caret or a drag moves into text that is there. */
const OVERSCAN = 8;
/**
 * Beyond the screen in the reader's first render: the click that opens a book waits for its first
 * screen, and eight paragraphs more each way doubled what that commit created, styled, laid out and
 * painted (a 1 MB book's first screen: 13 paragraphs, 4,800 px of text painted, for 880 px shown). The
 * rest follow in the first idle period after, long before a caret or a drag can reach them.
 */
const FIRST_OVERSCAN = 1;
/** The widening waits no longer than this for an idle period. */
const WIDEN_WITHIN_MS = 150;
/** The paragraphs on the page: the window's, and the pinned ones in order of place. */
export function withPinned(indexes: number[], pinned: readonly number[], count: number): number[] {
  const extra = pinned.filter((i) => i >= 0 && i < count && !indexes.includes(i));
  if (extra.length === 0) return indexes;
  return [...indexes, ...extra].sort((a, b) => a - b);
}

/**
 * Whole Text fills the page outward from the screen, this many paragraphs each way per idle period. A
 * 1 MB book's 2,500 paragraphs put on the page in one render were one task of ~0.7 s (React creating
 * them, the browser shaping and laying out a megabyte of text) before the first screen showed; now the
 * first screen comes as fast as the window's, and each step's render and frame stay near the 50 ms of a
 * long task (the paragraphs off screen skip layout and paint: `.whole-text` in reader.css; steps of 300
 * made tasks of 57-63 ms on an idle machine, and of 200, 76-152 ms on a busy one).
 */
const WHOLE_STEP = 150;
/**
 * And at most about this much text per step: a step of 150 of a book's paragraphs (~400 characters
 * each) is ~60,000 characters, and 150 blocks of a text without line breaks (`readingBlocks`, up to
 * 6,000 each) would be ten times the text to shape in one task.
 */
const WHOLE_STEP_CHARS = 60_000;

/** How many paragraphs one step of the Whole Text fill adds each way, for paragraphs of this text's length. */
export function wholeStep(paragraphs: readonly Paragraph[]): number {
  const last = paragraphs.at(-1);
  if (!last) return WHOLE_STEP;
  const average = (last.start + last.text.length) / paragraphs.length;
  return Math.max(1, Math.min(WHOLE_STEP, Math.floor(WHOLE_STEP_CHARS / average)));
}

/**
 * Whether a paragraph's change of height moves the scroll position by as much: on its first measure,
 * when it starts above the screen (TanStack's own rule); on a later one, when it lies wholly above it.
 */
const keepsTextSteady = (item: VirtualItem, _delta: number, instance: Virtualizer<HTMLDivElement, Element>) => {
  const offset = instance.scrollOffset ?? 0;
  return instance.itemSizeCache.has(item.key) ? item.end <= offset : item.start < offset;
};

/** The window's paragraphs and `reach` more on each side of it, in order. */
function withReach(range: VirtualRange, reach: number): number[] {
  const from = Math.max(0, range.startIndex - range.overscan - reach);
  const to = Math.min(range.count - 1, range.endIndex + range.overscan + reach);
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/**
 * The reader's window of paragraphs (TanStack Virtual): only the paragraphs near the screen are on the
 * page. `pinned` are paragraphs kept on the page whatever the window — those holding the selection's
 * two ends (or the caret), so a drag or a keyboard selection runs on past the window and holds its start,
 * and a selection may span the whole book while only its ends and the screen are rendered. They are not
 * joined to the window: the reader puts a spacer in each gap.
 *
 * The options TanStack compares by identity are made once per text: it recomputes every paragraph's
 * place (2,500 in a 1 MB book) whenever its key function changes, and an inline one redid that work on
 * every render of the reader — each commit of the click that opens a book among them. The range
 * extractor changes with the pinned paragraphs (TanStack recomputes only which are on the page then).
 *
 * `whole` puts every paragraph on the page (the reader's Whole Text setting): a screen reader's browse
 * mode and the browser's own find see only what is on the page. It fills the page outward from the
 * screen over the first idle periods (`WHOLE_STEP`). The virtualiser still places and measures them, so
 * scrolling to a passage, the reading place and the keyboard moves work unchanged.
 */
export function useParagraphWindow(
  scroller: RefObject<HTMLDivElement | null>,
  paragraphs: Paragraph[],
  fontSize: number,
  pinned: readonly number[],
  whole = false,
) {
  const pinnedKey = pinned.join(',');
  // How far beyond the window Whole Text has filled the page so far; grown in idle periods until the
  // whole text is there. Kept per setting and text: off and on again, or another text, it fills afresh.
  const [fill, setFill] = useState({ whole, paragraphs, reach: 0 });
  if (fill.whole !== whole || fill.paragraphs !== paragraphs) setFill({ whole, paragraphs, reach: 0 });
  const reach = fill.whole === whole && fill.paragraphs === paragraphs ? fill.reach : 0;
  const complete = reach >= paragraphs.length;
  const rangeExtractor = useCallback(
    (range: VirtualRange) =>
      withPinned(whole ? withReach(range, reach) : defaultRangeExtractor(range), pinned, range.count),
    [pinnedKey, whole, reach],
  );
  const paragraphKey = useCallback((i: number) => paragraphs[i]?.start ?? i, [paragraphs]);
  const [overscan, setOverscan] = useState(FIRST_OVERSCAN);
  useEffect(() => {
    const handle = whenIdle(() => setOverscan(OVERSCAN), WIDEN_WITHIN_MS);
    return () => cancelIdle(handle);
  }, []);
  const virtualizer = useVirtualizer({
    count: paragraphs.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimateHeight(paragraphs[i]?.text.length ?? 0, fontSize),
    getItemKey: paragraphKey,
    overscan,
    rangeExtractor,
    // Paragraph sizes are applied in the next frame, not inside the ResizeObserver's callback: a
    // re-render there resizes what it observes ("ResizeObserver loop completed with undelivered notifications").
    useAnimationFrameWithResizeObserver: true,
    ...layoutFreeOptions(estimateHeight(400, fontSize), 800, { deferRect: true }),
  });
  // With the whole text on the page, paragraphs off screen stand in at a few lines' height until they
  // are first laid out, which is often as the analyst scrolls up into them. TanStack keeps the text
  // steady for a paragraph's first measure, but not for a later one while scrolling up (its windowed
  // rows have nothing to re-measure there): a paragraph wholly above the screen that takes its real
  // height moves the scroll position by as much, whichever way the analyst is scrolling.
  useLayoutEffect(() => {
    virtualizer.shouldAdjustScrollPositionOnItemSizeChange = whole ? keepsTextSteady : undefined;
  }, [virtualizer, whole]);
  useEffect(() => {
    if (!whole || complete) return;
    // Each step after the frame that shows the last (the first, after the first screen's): an idle
    // period can come before a frame, and a step there would delay the screen it is meant to follow.
    // A step that reaches both ends of the text from where the window is now completes the fill.
    const step = () => {
      const range = virtualizer.range;
      const needed = range ? Math.max(range.startIndex, paragraphs.length - 1 - range.endIndex) : paragraphs.length;
      const next = reach + wholeStep(paragraphs);
      setFill({ whole, paragraphs, reach: next >= needed ? paragraphs.length : next });
    };
    let idle: number | undefined;
    const frame = requestAnimationFrame(() => {
      idle = whenIdle(step, WIDEN_WITHIN_MS);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (idle !== undefined) cancelIdle(idle);
    };
  }, [virtualizer, whole, paragraphs, reach, complete]);
  // The paragraph sizes depend on the font size: measured afresh when it changes (not on the first
  // render, where nothing is measured yet and a re-render would only delay the first screen).
  const measuredAt = useRef(fontSize);
  useEffect(() => {
    if (measuredAt.current === fontSize) return;
    measuredAt.current = fontSize;
    virtualizer.measure();
  }, [virtualizer, fontSize]);
  return virtualizer;
}

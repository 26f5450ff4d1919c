import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range as VirtualRange } from '@tanstack/react-virtual';
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

/** Every paragraph, in order: the window when the analyst has asked for the whole text on the page. */
function everyParagraph(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
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
 * mode and the browser's own find see only what is on the page. The virtualiser still places and
 * measures them, so scrolling to a passage, the reading place and the keyboard moves work unchanged.
 */
export function useParagraphWindow(
  scroller: RefObject<HTMLDivElement | null>,
  paragraphs: Paragraph[],
  fontSize: number,
  pinned: readonly number[],
  whole = false,
) {
  const pinnedKey = pinned.join(',');
  const rangeExtractor = useCallback(
    (range: VirtualRange) =>
      whole ? everyParagraph(range.count) : withPinned(defaultRangeExtractor(range), pinned, range.count),
    [pinnedKey, whole],
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

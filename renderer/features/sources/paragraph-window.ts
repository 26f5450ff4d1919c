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
/** The most paragraphs kept on the page to hold a long selection's far end. */
const MAX_PINNED_SPAN = 600;

/**
 * The reader's window of paragraphs (TanStack Virtual): only the paragraphs near the screen are on the
 * page. `pinned` is a paragraph kept on the page whatever the window (a selection's anchor, so a drag or
 * Shift+arrows can run past the window without losing its start); -1 for none.
 *
 * The options TanStack compares by identity are made once per text: it recomputes every paragraph's
 * place (2,500 in a 1 MB book) whenever its key function changes, and an inline one redid that work on
 * every render of the reader — each commit of the click that opens a book among them.
 */
export function useParagraphWindow(
  scroller: RefObject<HTMLDivElement | null>,
  paragraphs: Paragraph[],
  fontSize: number,
  pinned: number,
) {
  const pinnedRef = useRef(pinned);
  pinnedRef.current = pinned;
  const rangeExtractor = useCallback((range: VirtualRange) => {
    const indexes = defaultRangeExtractor(range);
    const pin = pinnedRef.current;
    if (pin < 0 || pin >= range.count || indexes.length === 0) return indexes;
    // Contiguous, so the spacers above and below stay two plain blocks.
    const first = Math.max(Math.min(pin, indexes[0]!), indexes[indexes.length - 1]! - MAX_PINNED_SPAN);
    const last = Math.min(Math.max(pin, indexes[indexes.length - 1]!), indexes[0]! + MAX_PINNED_SPAN);
    const out: number[] = [];
    for (let i = first; i <= last; i++) out.push(i);
    return out;
  }, []);
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

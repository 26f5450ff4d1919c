import { elementScroll, type Virtualizer } from '@tanstack/react-virtual';

/** Scroll elements the analyst or the virtualizer has moved from the top (see scrollToFn below). */
const moved = new WeakSet<Element>();

/**
 * Options for TanStack Virtual that never read layout synchronously. Its defaults measure the scroll
 * element and every newly mounted row with `clientHeight`/`offsetHeight` while React commits, which
 * forces the browser to lay out the whole page there and then — beside a book-length reader that is a
 * full style and layout pass (~150 ms on a 2-core laptop) on top of the one the frame does anyway.
 * Here sizes come only from ResizeObserver, which reports after the frame's own layout; until then
 * rows keep their estimated (or last known) size and the scroll element is assumed `initialHeight` tall.
 * For the same reason the virtualizer's first act on a new scroll element — scrolling it to the top,
 * where a new element already is — is skipped: `scrollTo` lays the page out too.
 */
export function layoutFreeOptions(estimate: number, initialHeight = 800, { deferRect = false } = {}) {
  return {
    initialRect: { width: 0, height: initialHeight },
    observeElementRect: (
      instance: Virtualizer<HTMLDivElement, Element>,
      notify: (rect: { width: number; height: number }) => void,
    ) => {
      const element = instance.scrollElement;
      if (!element || typeof ResizeObserver === 'undefined') return;
      // Inside the observer's callback layout is already clean, so reading the size costs nothing.
      // `deferRect` hands the size over in the next frame instead: a list whose re-render can change
      // its scroll element's own box (a scrollbar coming or going) must not do it inside the callback
      // ("ResizeObserver loop completed with undelivered notifications").
      let frame = 0;
      const report = () => notify({ width: element.clientWidth, height: element.clientHeight });
      const observer = new ResizeObserver(() => {
        if (!deferRect) return report();
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(report);
      });
      observer.observe(element);
      const scrolled = () => moved.add(element);
      element.addEventListener('scroll', scrolled, { passive: true, once: true });
      return () => {
        cancelAnimationFrame(frame);
        observer.disconnect();
        element.removeEventListener('scroll', scrolled);
      };
    },
    scrollToFn: (
      offset: number,
      options: { adjustments?: number; behavior?: ScrollBehavior },
      instance: Virtualizer<HTMLDivElement, Element>,
    ) => {
      const element = instance.scrollElement;
      if (!element) return;
      if (offset + (options.adjustments ?? 0) === 0 && !moved.has(element)) return;
      moved.add(element);
      elementScroll(offset, options, instance);
    },
    measureElement: (
      element: Element,
      entry: ResizeObserverEntry | undefined,
      instance: Virtualizer<HTMLDivElement, Element>,
    ) => {
      const box = entry?.borderBoxSize?.[0];
      if (box) return Math.round(box.blockSize);
      const index = instance.indexFromElement(element);
      return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? estimate;
    },
  };
}

/**
 * Brings item `index` into view as `scrollToIndex(index, { align: 'auto' })` does, but only when that
 * would move the list: TanStack's `scrollToIndex` starts a scroll even to where the list already is —
 * it writes the scroll position and checks it again in the next frames (two or more animation-frame
 * callbacks) — which moving the active cell to a row on screen (a grid edit's Enter) does not need.
 */
export function revealIndex(
  virtualizer: Pick<Virtualizer<HTMLDivElement, Element>, 'getOffsetForIndex' | 'scrollToIndex' | 'scrollOffset'>,
  index: number,
): void {
  const target = virtualizer.getOffsetForIndex(index, 'auto');
  if (!target) return;
  // In view: the alignment stays 'auto', or the offset asked for is where the list is (the first row at the top).
  const [offset, align] = target;
  if (align === 'auto' || Math.abs(offset - (virtualizer.scrollOffset ?? 0)) < 1) return;
  virtualizer.scrollToIndex(index, { align: 'auto' });
}

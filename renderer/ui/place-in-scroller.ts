import { useEffect, useState, type RefObject } from 'react';

/**
 * Where a long list sits in the pane that scrolls it, for a virtualiser over that pane: `margin`, the
 * distance from the top of the pane's content to the list (its scroll margin); `covered`, the height of
 * the pane's sticky header, which an item brought into view must clear; and whether they are `known`
 * yet. Read in a ResizeObserver callback, where layout is already clean, whenever anything in the pane
 * above the list (its header, an import panel) changes size.
 */
export function usePlaceInScroller(
  list: RefObject<HTMLElement | null>,
  scroller: RefObject<HTMLElement | null>,
): { margin: number; covered: number; known: boolean } {
  const [place, setPlace] = useState({ margin: 0, covered: 0, known: false });
  useEffect(() => {
    const element = list.current;
    const pane = scroller.current;
    if (!element || !pane || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const paneTop = pane.getBoundingClientRect().top + pane.clientTop;
      const margin = Math.round(element.getBoundingClientRect().top - paneTop + pane.scrollTop);
      let covered = 0;
      for (const child of pane.children)
        if (child !== element && getComputedStyle(child).position === 'sticky')
          covered = Math.max(covered, Math.round(child.getBoundingClientRect().bottom - paneTop));
      setPlace((p) => (p.known && p.margin === margin && p.covered === covered ? p : { margin, covered, known: true }));
    });
    for (const child of pane.children) observer.observe(child);
    observer.observe(pane);
    return () => observer.disconnect();
  }, [list, scroller]);
  return place;
}

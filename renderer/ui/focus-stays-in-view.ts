/**
 * Keeps the focused field in sight when the scrolling pane around it gets shorter.
 *
 * A pane shrinks when something above or beside it grows — the briefing's "Before exporting" panel filling
 * in a moment after a key judgment was added, a message appearing, the window made smaller. The content
 * does not move inside the pane, but its visible height drops, and the field being typed in can end up below
 * the pane's edge. The browser's scroll anchoring does not cover this (it keeps content steady when content
 * above changes, not when the pane's own box changes), so the pane is scrolled just enough to bring the
 * field back, and only if the field was in view before: a field the analyst had scrolled away from stays put.
 *
 * A callback ref (`<div ref={focusStaysInView}>`): React 19 calls the returned clean-up when the pane goes.
 */
export function focusStaysInView(pane: HTMLElement | null): (() => void) | undefined {
  if (!pane || typeof ResizeObserver === 'undefined') return undefined;
  // Measured only in the observer's callbacks, where layout is done: measuring as the pane mounts would
  // force a layout in the middle of React's commit (3 ms of opening a source, in a profile).
  let height: number | undefined;
  const observer = new ResizeObserver(() => {
    const before = height;
    height = visibleHeight(pane);
    // Scrolling here resizes nothing observed, so it sets off no further observation.
    // Less than half a pixel is rounding (zoom, fractional layout), not a pane that got shorter.
    if (before !== undefined && before - height >= 0.5) keepInView(pane, before, height);
  });
  observer.observe(pane);
  return () => observer.disconnect();
}

/**
 * The height of the pane's visible content area, with its fraction: the pane's box, less its borders and a
 * horizontal scroll bar. (clientHeight is rounded, and a field's edge a fraction of a pixel past it is cut.)
 */
function visibleHeight(pane: HTMLElement): number {
  return pane.getBoundingClientRect().height - (pane.offsetHeight - pane.clientHeight);
}

function keepInView(pane: HTMLElement, heightBefore: number, height: number): void {
  const field = document.activeElement;
  if (!(field instanceof HTMLElement) || !pane.contains(field) || field === pane) return;
  // Offsets from the top of the pane's visible area, where its content starts below the top border.
  const box = field.getBoundingClientRect();
  const top = box.top - pane.getBoundingClientRect().top - pane.clientTop;
  const bottom = top + box.height;
  const wasInView = top < heightBefore && bottom > 0;
  if (!wasInView || bottom <= height) return;
  // Bring its bottom to the pane's edge, by no more than the pane lost (a field the analyst had left half
  // below the edge stays as far below it), and never push its top out (a field taller than the pane shows
  // its top). Rounded up: scrollTop moves by whole pixels on most screens, and a fraction short cuts the edge.
  pane.scrollTop += Math.ceil(Math.min(bottom - height, heightBefore - height, Math.max(0, top)));
}

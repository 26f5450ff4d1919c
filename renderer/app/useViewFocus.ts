import { useEffect, useRef } from 'react';
import { useWorkbench } from '../stores';

/** The view's heading (its first h1), made focusable without becoming a tab stop. */
export function focusViewHeading(frames = 60): void {
  const main = document.getElementById('main');
  const heading = main?.querySelector<HTMLElement>('h1');
  if (!main || !heading) {
    if (frames > 0) requestAnimationFrame(() => focusViewHeading(frames - 1));
    return;
  }
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus();
}

/**
 * After switching views (Ctrl+1…7, the rail, the palette) the focus goes to the new view's heading, so a
 * keyboard or screen-reader user starts there instead of on the page's body. A command that put the
 * focus somewhere in the new view itself (a search box, a cell) keeps it.
 */
export function useViewFocus(): void {
  const view = useWorkbench((s) => s.view);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A view shows a loading heading before its own: keep following until the focus rests in the view.
    let frames = 60;
    let handle = 0;
    const settle = () => {
      const main = document.getElementById('main');
      const active = document.activeElement;
      const heading = main?.querySelector<HTMLElement>('h1');
      const inView = Boolean(main && active && active !== document.body && main.contains(active));
      if (heading && (!inView || (active instanceof HTMLHeadingElement && active !== heading))) focusViewHeading(0);
      else if (inView && active !== heading) return;
      if (frames-- > 0) handle = requestAnimationFrame(settle);
    };
    handle = requestAnimationFrame(settle);
    return () => cancelAnimationFrame(handle);
  }, [view]);
}

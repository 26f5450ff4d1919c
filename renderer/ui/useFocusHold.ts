import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';

/** What had the focus (and the text selection) when a dialog opened: where the focus goes back to. */
interface Origin {
  element: HTMLElement | null;
  range: Range | null;
}

const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]',
  '[contenteditable="true"]',
].join(', ');

/** The controls Tab visits inside `container`, in document order (hidden ones and tabindex -1 left out). */
export function tabbables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.tabIndex >= 0 && !el.closest('[inert], [hidden]') && el.getClientRects().length > 0,
  );
}

/**
 * The controls that had the focus lately, newest last: a dialog that shows itself (showModal, autoFocus)
 * before its hold is set up still finds the control it was opened from.
 */
const recentFocus: HTMLElement[] = [];
if (typeof document !== 'undefined')
  document.addEventListener(
    'focusin',
    (e) => {
      if (!(e.target instanceof HTMLElement)) return;
      recentFocus.push(e.target);
      if (recentFocus.length > 16) recentFocus.shift();
    },
    true,
  );

/** The control focused last outside `container`, when what `origin` saw is inside it already. */
function outside(container: HTMLElement, origin: Origin | null): Origin {
  if (origin?.element && origin.element !== document.body && !container.contains(origin.element)) return origin;
  const element = recentFocus.findLast((el) => !container.contains(el)) ?? null;
  return { element, range: null };
}

/** Each held container's origin, kept after it closes: a dialog opened from another returns past it. */
const origins = new WeakMap<Element, Origin>();

const shown = (el: HTMLElement) => el.isConnected && el.getClientRects().length > 0;

/** The origin itself, or — when its control is gone or hidden in a closed dialog — that dialog's origin. */
function returnTarget(origin: Origin | undefined): Origin | undefined {
  for (let hops = 0; origin?.element && !shown(origin.element) && hops < 8; hops++) {
    let holder = origin.element.parentElement;
    while (holder && !origins.has(holder)) holder = holder.parentElement;
    origin = holder ? origins.get(holder) : undefined;
  }
  return origin;
}

function originNow(): Origin {
  const element = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const selection = window.getSelection();
  const range = selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
  return { element, range: range && element?.contains(range.commonAncestorContainer) ? range.cloneRange() : null };
}

/**
 * Holds the focus in a dialog or popover while it is open and gives it back when it closes (WAI-ARIA
 * dialog pattern): Tab from the last control goes round to the first and Shift+Tab the other way;
 * a popover that opens without focusing a control of its own has its first control focused; on close
 * the focus returns to the control it came from — with the text selection that was there, for the
 * reader — unless the dialog's action already moved it somewhere else on purpose.
 *
 * `active` is the dialog's open state (for a dialog that stays mounted while closed); a dialog that
 * is only mounted while open leaves it true.
 *
 * Returns `forgetSelection()`, for an action (a save) after which the old text selection means nothing.
 */
export function useFocusHold(ref: RefObject<HTMLElement | null>, active = true): { forgetSelection: () => void } {
  // Taken while rendering, before the dialog's own autoFocus or showModal has moved the focus.
  const origin = useRef<Origin | null>(null);
  if (active && !origin.current) origin.current = originNow();
  if (!active && origin.current) origin.current = null;

  useLayoutEffect(() => {
    const container = ref.current;
    if (!active || !container) return;
    const from = outside(container, origin.current);
    origin.current = from;
    origins.set(container, from);
    if (!container.contains(document.activeElement)) tabbables(container)[0]?.focus();
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Tab' || e.defaultPrevented) return;
      const controls = tabbables(container);
      if (controls.length === 0) return;
      const at = controls.indexOf(document.activeElement as HTMLElement);
      const first = controls[0]!;
      const last = controls[controls.length - 1]!;
      if (e.shiftKey && (at === 0 || at === -1)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === controls.length - 1 || at === -1)) {
        e.preventDefault();
        first.focus();
      }
    };
    container.addEventListener('keydown', onKeyDown);
    return () => {
      container.removeEventListener('keydown', onKeyDown);
      const now = document.activeElement;
      const lost = !now || now === document.body || container.contains(now);
      const target = returnTarget(from);
      if (!lost || !target?.element) return;
      target.element.focus({ preventScroll: true });
      if (target.range) {
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(target.range);
      }
    };
  }, [ref, active]);

  const forgetSelection = useCallback(() => {
    if (origin.current) origin.current.range = null;
  }, []);
  return { forgetSelection };
}

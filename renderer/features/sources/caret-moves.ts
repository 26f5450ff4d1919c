/**
 * The caret's long moves in the reader. The reader renders only the paragraphs near the screen, so the
 * browser's own Ctrl+Home/End, Ctrl+A and Page Up/Down stop at the edge of what is rendered — the end
 * of the window is not the end of the text. These moves are made on text offsets instead, and the
 * reader puts the paragraphs they reach on the page before placing the selection (see `Reader`).
 */
import type { KeyboardEvent } from 'react';

export type CaretMove =
  | { kind: 'edge'; to: 'start' | 'end'; extend: boolean }
  | { kind: 'page'; direction: 1 | -1; extend: boolean }
  | { kind: 'all' };

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The long move a key asks for in the reader, or null for a key the browser moves by itself. */
export function caretMoveFor(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): CaretMove | null {
  if (event.altKey) return null;
  const command = isMac ? event.metaKey : event.ctrlKey;
  const plain = !event.ctrlKey && !event.metaKey;
  const extend = event.shiftKey;
  if (command && !extend && event.key.toLowerCase() === 'a') return { kind: 'all' };
  if (command && (event.key === 'Home' || (isMac && event.key === 'ArrowUp')))
    return { kind: 'edge', to: 'start', extend };
  if (command && (event.key === 'End' || (isMac && event.key === 'ArrowDown')))
    return { kind: 'edge', to: 'end', extend };
  if (plain && event.key === 'PageDown') return { kind: 'page', direction: 1, extend };
  if (plain && event.key === 'PageUp') return { kind: 'page', direction: -1, extend };
  return null;
}

/** Where the caret would go for a point on the screen: a text node in a paragraph of `root`, or null. */
function caretAt(root: HTMLElement, x: number, y: number): { node: Text; offset: number } | null {
  const doc = root.ownerDocument;
  let node: Node | null = null;
  let offset = 0;
  if (typeof doc.caretPositionFromPoint === 'function') {
    const position = doc.caretPositionFromPoint(x, y);
    node = position?.offsetNode ?? null;
    offset = position?.offset ?? 0;
  } else if (typeof doc.caretRangeFromPoint === 'function') {
    const range = doc.caretRangeFromPoint(x, y);
    node = range?.startContainer ?? null;
    offset = range?.startOffset ?? 0;
  }
  if (!(node instanceof Text) || !node.parentElement?.matches('p[data-index]') || !root.contains(node)) return null;
  return { node, offset };
}

/**
 * The caret's place in the text at a point on the screen, as a page move lands there: in the paragraph
 * under the point, or the rendered paragraph nearest to it (the point may fall in the space between
 * two, or beyond the last line), at the same distance across the line.
 */
export function caretNear(root: HTMLElement, x: number, y: number): { node: Text; offset: number } | null {
  const direct = caretAt(root, x, y);
  if (direct) return direct;
  // Nearest by each paragraph's box (`[data-paragraph]`), not its text's: with Whole Text on, the boxes
  // of paragraphs off screen stand in for text not laid out, and asking where a text is would lay it out.
  let best: { box: HTMLElement; distance: number } | null = null;
  for (const box of root.querySelectorAll<HTMLElement>('[data-paragraph]')) {
    const rect = box.getBoundingClientRect();
    if (rect.height === 0) continue;
    const distance = y < rect.top ? rect.top - y : y > rect.bottom ? y - rect.bottom : 0;
    if (!best || distance < best.distance) best = { box, distance };
  }
  const rect = best?.box.querySelector('p[data-index]')?.getBoundingClientRect();
  if (!rect || rect.height === 0) return null;
  const inside = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo + 1), hi - 1);
  return caretAt(root, inside(x, rect.left, rect.right), inside(y, rect.top, rect.bottom));
}

/** Where the selection's focus (the end that moves) is drawn on the screen, or null. */
export function focusRect(selection: Selection): DOMRect | null {
  if (!selection.focusNode) return null;
  const range = document.createRange();
  range.setStart(selection.focusNode, selection.focusOffset);
  range.collapse(true);
  const rects = range.getClientRects();
  if (rects.length > 0) return rects[0]!;
  // A collapsed range at a line's very start has no box in some engines: the element's box will do.
  const element = selection.focusNode instanceof Element ? selection.focusNode : selection.focusNode.parentElement;
  return element?.getBoundingClientRect() ?? null;
}

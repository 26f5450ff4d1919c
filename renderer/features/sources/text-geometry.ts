import { paragraphIndexAt, paragraphSpan } from '../../../shared/domain/passage-fit';
import type { Paragraph } from '../../../shared/domain/text';

/**
 * Maps between offsets in a source's normalised text and DOM positions in the reader, where each
 * paragraph is one <p data-index> holding exactly one text node. The reader renders only the
 * paragraphs on and near the screen: a geometry knows the paragraphs on the page when it was made,
 * and offsets in the others give no Range (they are painted when they come on the page).
 *
 * A geometry describes one text and the DOM that shows it. Offsets from anywhere else (a passage
 * re-anchored on another version, a search hit on an older index) are checked against that text and
 * that DOM before a Range is built: what does not fit gives no Range rather than an IndexSizeError
 * (issue 14: "The offset 75 is larger than the node's length (73)").
 */
export class TextGeometry {
  private readonly nodes: (Text | null)[] = [];
  /** The indexes of the paragraphs on the page as this text, ascending. */
  private readonly onPage: number[] = [];

  constructor(
    private readonly root: HTMLElement,
    readonly text: string,
    readonly paragraphs: Paragraph[],
  ) {
    // Collected once per render so that building thousands of ranges does not query the DOM each time.
    // A node that does not hold its paragraph's text (React has not rendered this text yet, or an
    // input method slipped an edit in) is not used at all.
    for (const p of root.querySelectorAll<HTMLElement>('p[data-index]')) {
      const i = Number(p.dataset.index);
      if (
        p.firstChild instanceof Text &&
        p.firstChild.data === paragraphs[i]?.text &&
        Number(p.dataset.start) === paragraphs[i]!.start
      )
        this.nodes[i] = p.firstChild;
    }
    for (let i = 0; i < this.nodes.length; i++) if (this.nodes[i]) this.onPage.push(i);
  }

  /** Index of the paragraph holding `offset` (or the last one starting before it). */
  paragraphIndexAt(offset: number): number {
    return paragraphIndexAt(this.paragraphs, offset);
  }

  /** The paragraph's text node, if it still holds exactly the paragraph's text. */
  private textNode(index: number): Text | null {
    const node = this.nodes[index] ?? null;
    return node && node.length === this.paragraphs[index]!.text.length ? node : null;
  }

  /** The paragraph element at an index, to scroll to. */
  paragraphElement(index: number): HTMLElement | null {
    return this.nodes[index]?.parentElement ?? null;
  }

  /**
   * A DOM Range over the part of text.slice(start, end) that is on the page, clamped to paragraph text
   * (line breaks are not in the DOM): a passage longer than the window of paragraphs is painted where it
   * meets the screen, though its start or end is far away. Null when the offsets do not fit this text
   * (outside it, inverted, cutting a surrogate pair) or none of the paragraphs they cover is on the page
   * as this text.
   */
  rangeFor(start: number, end: number): Range | null {
    const span = paragraphSpan(this.text, this.paragraphs, start, end);
    if (!span) return null;
    const from = this.firstOnPage(span.first, span.last);
    const to = this.lastOnPage(span.first, span.last);
    if (from === null || to === null) return null;
    const startNode = this.textNode(from)!;
    const endNode = this.textNode(to)!;
    const startOffset = from === span.first ? span.startOffset : 0;
    const endOffset = to === span.last ? span.endOffset : endNode.length;
    if (startOffset > startNode.length || endOffset > endNode.length) return null;
    const range = document.createRange();
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
    return range;
  }

  /** The first paragraph from `first` to `last` that is on the page as this text. */
  private firstOnPage(first: number, last: number): number | null {
    for (let k = this.onPageFrom(first); k < this.onPage.length && this.onPage[k]! <= last; k++)
      if (this.textNode(this.onPage[k]!)) return this.onPage[k]!;
    return null;
  }

  /** The last paragraph from `first` to `last` that is on the page as this text. */
  private lastOnPage(first: number, last: number): number | null {
    for (let k = this.onPageFrom(last + 1) - 1; k >= 0 && this.onPage[k]! >= first; k--)
      if (this.textNode(this.onPage[k]!)) return this.onPage[k]!;
    return null;
  }

  /** Where in `onPage` the first index at or after `index` is (its length when none), by binary search. */
  private onPageFrom(index: number): number {
    let lo = 0;
    let hi = this.onPage.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.onPage[mid]! < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The DOM position of a text offset, for placing a caret or a selection's end: an offset between
   * paragraphs (their line breaks are not in the DOM) is the end of the paragraph before. Null when
   * that paragraph is not on the page as this text.
   */
  pointFor(offset: number): { node: Text; offset: number } | null {
    if (this.paragraphs.length === 0 || offset < 0 || offset > this.text.length) return null;
    const index = this.paragraphIndexAt(offset);
    const paragraph = this.paragraphs[index]!;
    const node = this.textNode(index);
    if (!node) return null;
    return { node, offset: Math.max(0, Math.min(offset - paragraph.start, node.length)) };
  }

  /** The text offset of a DOM position inside the reader, or null when it is outside any paragraph. */
  offsetOf(node: Node, offset: number): number | null {
    const element = node instanceof Element ? node : node.parentElement;
    const p = element?.closest<HTMLElement>('p[data-index]');
    if (!p || !this.root.contains(p)) {
      // A boundary on the reader itself (e.g. a triple-click selecting whole paragraphs).
      if (node === this.root || (node instanceof Element && node.contains(this.root))) return null;
      const para = element?.closest<HTMLElement>('[data-paragraph]')?.querySelector<HTMLElement>('p[data-index]');
      if (!para) return null;
      const paragraph = this.paragraphs[Number(para.dataset.index)];
      if (!paragraph) return null;
      return offset === 0 ? paragraph.start : paragraph.start + paragraph.text.length;
    }
    const paragraph = this.paragraphs[Number(p.dataset.index)];
    if (!paragraph) return null;
    if (node === p) return offset === 0 ? paragraph.start : paragraph.start + paragraph.text.length;
    return paragraph.start + Math.min(offset, paragraph.text.length);
  }

  /** The selection inside the reader as a text range, or null. */
  selectionRange(selection: Selection | null): { start: number; end: number } | null {
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!this.root.contains(range.commonAncestorContainer)) return null;
    const a = this.offsetOf(range.startContainer, range.startOffset);
    const b = this.offsetOf(range.endContainer, range.endOffset);
    if (a === null || b === null) return null;
    const start = Math.min(a, b);
    const end = Math.max(a, b);
    return end > start ? { start, end } : null;
  }
}

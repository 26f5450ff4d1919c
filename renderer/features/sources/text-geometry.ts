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
   * A DOM Range over text.slice(start, end), clamped to paragraph text (line breaks are not in the
   * DOM); null when the offsets do not fit this text (outside it, inverted, cutting a surrogate pair)
   * or the paragraphs they fall in are not on the page as this text.
   */
  rangeFor(start: number, end: number): Range | null {
    const span = paragraphSpan(this.text, this.paragraphs, start, end);
    if (!span) return null;
    const startNode = this.textNode(span.first);
    const endNode = this.textNode(span.last);
    if (!startNode || !endNode || span.startOffset > startNode.length || span.endOffset > endNode.length) return null;
    const range = document.createRange();
    range.setStart(startNode, span.startOffset);
    range.setEnd(endNode, span.endOffset);
    return range;
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

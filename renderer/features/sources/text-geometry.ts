import type { Paragraph } from '../../../shared/domain/text';

/**
 * Maps between offsets in a source's normalised text and DOM positions in the reader, where each
 * paragraph is one <p data-start> holding exactly one text node.
 */
export class TextGeometry {
  private readonly nodes: (Text | null)[];

  constructor(
    private readonly root: HTMLElement,
    readonly paragraphs: Paragraph[],
  ) {
    // Collected once per render so that building thousands of ranges does not query the DOM each time.
    this.nodes = Array.from(root.querySelectorAll<HTMLElement>('p[data-index]'), (p) => (p.firstChild instanceof Text ? p.firstChild : null));
  }

  /** Index of the paragraph holding `offset` (or the last one starting before it). */
  paragraphIndexAt(offset: number): number {
    let lo = 0;
    let hi = this.paragraphs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.paragraphs[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private textNode(index: number): Text | null {
    return this.nodes[index] ?? null;
  }

  /** The paragraph element at an index, to scroll to. */
  paragraphElement(index: number): HTMLElement | null {
    return this.nodes[index]?.parentElement ?? null;
  }

  /** A DOM Range over text.slice(start, end), clamped to paragraph text (line breaks are not in the DOM). */
  rangeFor(start: number, end: number): Range | null {
    if (this.paragraphs.length === 0 || end <= start) return null;
    let first = this.paragraphIndexAt(start);
    const firstP = this.paragraphs[first]!;
    let startOffset = start - firstP.start;
    if (startOffset >= firstP.text.length) {
      // The passage starts in the gap after a paragraph: begin at the next one.
      first += 1;
      startOffset = 0;
    }
    const last = this.paragraphIndexAt(end - 1);
    if (first > last) return null;
    const lastP = this.paragraphs[last]!;
    const endOffset = Math.min(end - lastP.start, lastP.text.length);
    const startNode = this.textNode(first);
    const endNode = this.textNode(last);
    if (!startNode || !endNode) return null;
    const range = document.createRange();
    range.setStart(startNode, Math.max(0, startOffset));
    range.setEnd(endNode, Math.max(0, endOffset));
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
      const paragraph = this.paragraphs[Number(para.dataset.index)]!;
      return offset === 0 ? paragraph.start : paragraph.start + paragraph.text.length;
    }
    const paragraph = this.paragraphs[Number(p.dataset.index)]!;
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

/**
 * Whether a passage's stored offsets can be used on a text. Offsets outlive the text they were taken
 * from (a replaced version, a restore, a merge, the undo of any of them) and may reach the reader a
 * moment before or after it; every place that turns offsets into DOM Ranges or margin stripes checks
 * them here first, so a passage that no longer fits is left unpainted and sent for review instead of
 * throwing (IndexSizeError) or painting the wrong words.
 */
import { splitsSurrogatePair } from './anchoring/unicode';
import type { Paragraph } from './text';

export type Misfit = 'not-whole-numbers' | 'inverted' | 'outside-text' | 'splits-character' | 'quote-differs';

/** Why text.slice(start, end) is not a passage of `text`, or null when it is one. */
export function offsetsMisfit(text: string, start: number, end: number): Misfit | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return 'not-whole-numbers';
  if (end <= start) return 'inverted';
  if (start < 0 || end > text.length) return 'outside-text';
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) return 'splits-character';
  return null;
}

export interface PlaceablePassage {
  anchor: 'anchored' | 'drifted' | 'orphaned';
  quote: { exact: string };
  position: { start: number; end: number };
}

/**
 * Why a passage that claims a place cannot be shown there, or null when it can. An anchored passage
 * must also still read as its quote: if not, its offsets belong to another version of the text. (A
 * drifted one is where re-anchoring found it, which may read differently: that is what Review shows.)
 * Orphaned passages claim no place and are never misfits.
 */
export function passageMisfit(text: string, passage: PlaceablePassage): Misfit | null {
  if (passage.anchor === 'orphaned') return null;
  const { start, end } = passage.position;
  const misfit = offsetsMisfit(text, start, end);
  if (misfit) return misfit;
  if (
    passage.anchor === 'anchored' &&
    (end - start !== passage.quote.exact.length || !text.startsWith(passage.quote.exact, start))
  )
    return 'quote-differs';
  return null;
}

/** True when the passage has a place on `text` that can be painted. */
export function isPlaceable(text: string, passage: PlaceablePassage): boolean {
  return passage.anchor !== 'orphaned' && passageMisfit(text, passage) === null;
}

/** Index of the paragraph holding `offset` (or the last one starting before it; 0 before the first). */
export function paragraphIndexAt(paragraphs: readonly Paragraph[], offset: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (paragraphs[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where a passage begins and ends among the reader's paragraphs: indices and offsets within them. */
export interface ParagraphSpan {
  first: number;
  startOffset: number;
  last: number;
  endOffset: number;
}

/**
 * The paragraphs text.slice(start, end) covers, clamped to their text (the line breaks between
 * paragraphs are not painted), or null when the offsets do not fit `text` or cover no paragraph text.
 * `paragraphs` must be splitParagraphs(text) or readingBlocks(text) (whose pieces of one paragraph meet with no gap).
 */
export function paragraphSpan(
  text: string,
  paragraphs: readonly Paragraph[],
  start: number,
  end: number,
): ParagraphSpan | null {
  if (paragraphs.length === 0 || offsetsMisfit(text, start, end)) return null;
  let first = paragraphIndexAt(paragraphs, start);
  let startOffset = Math.max(0, start - paragraphs[first]!.start);
  if (startOffset >= paragraphs[first]!.text.length) {
    // The passage starts in the gap after a paragraph: begin at the next one.
    first += 1;
    startOffset = 0;
  }
  const last = paragraphIndexAt(paragraphs, end - 1);
  if (first >= paragraphs.length || first > last) return null;
  const endOffset = Math.min(end - paragraphs[last]!.start, paragraphs[last]!.text.length);
  if (endOffset <= 0 || (first === last && endOffset <= startOffset)) return null;
  return { first, startOffset, last, endOffset };
}

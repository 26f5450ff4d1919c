/**
 * Which of the passages linked to a threat or a key judgment a briefing quotes. The analyst may choose;
 * by default the briefing quotes the strongest: never a bare mention (a name standing alone), the best
 * graded source first, then a whole sentence before a fragment, then the longer passage — up to the
 * briefing's limit of quotes, printed in the order they stand in their sources.
 */
import type { Annotation } from './annotation';
import { RELIABILITY_LABELS, type Source } from './source';

/** Quotes per threat or key judgment when a briefing has not chosen its own limit. */
export const DEFAULT_QUOTES_PER_THREAT = 3;
export const MAX_QUOTES_PER_THREAT = 20;

const SENTENCE_END = /[.!?…。؟][)"'”»’]*$/u;
const RELIABILITY_ORDER = Object.keys(RELIABILITY_LABELS);

/**
 * Whether a passage only names something ("Balochistan Liberation Army", "Jamaat Ansarullah (JA)"). The
 * analyst's mark decides; unmarked, a passage of five words or fewer that is no sentence is taken for one.
 */
export function isMention(annotation: Pick<Annotation, 'quote'> & { mention?: boolean | undefined }): boolean {
  if (annotation.mention !== undefined) return annotation.mention;
  const exact = annotation.quote.exact.trim();
  return exact.split(/\s+/).length <= 5 && !SENTENCE_END.test(exact);
}

/** Whether the passage starts where a sentence starts (the text before it ends one, or there is none). */
export function startsSentence(quote: Annotation['quote']): boolean {
  const before = quote.prefix.trimEnd();
  const first = quote.exact.trimStart()[0] ?? '';
  if (first && first !== first.toUpperCase()) return false;
  return before === '' || /[.!?…:;\n؟][)"'”»’]*$/u.test(before) || /\n\s*$/.test(quote.prefix);
}

/** Whether the passage ends where a sentence ends. */
export function endsSentence(quote: Annotation['quote']): boolean {
  const exact = quote.exact.trimEnd();
  if (SENTENCE_END.test(exact)) return true;
  // Cut before a line break (a heading, a list item): whole as far as the reader can tell.
  return quote.suffix === '' || /^\s*\n/.test(quote.suffix);
}

/** The quote as printed: an ellipsis where it begins or ends mid-sentence. */
export function quoteWithEllipses(quote: Annotation['quote'], text: string): string {
  return `${startsSentence(quote) ? '' : '… '}${text}${endsSentence(quote) ? '' : ' …'}`;
}

/** Best first: the source's reliability (A before F), the information's credibility (1 before 6). */
function gradeRank(source: Source | undefined): number {
  if (!source) return Number.MAX_SAFE_INTEGER;
  const reliability = RELIABILITY_ORDER.indexOf(source.reliability);
  return (reliability === -1 ? 9 : reliability) * 10 + source.credibility;
}

/** Strongest first: not a mention, best graded, a whole sentence, the longer (more complete) passage. */
export function byStrength(sources: ReadonlyMap<string, Source>) {
  return (a: Annotation, b: Annotation): number =>
    Number(isMention(a)) - Number(isMention(b)) ||
    gradeRank(sources.get(a.sourceId)) - gradeRank(sources.get(b.sourceId)) ||
    Number(!(startsSentence(a.quote) && endsSentence(a.quote))) -
      Number(!(startsSentence(b.quote) && endsSentence(b.quote))) ||
    b.quote.exact.length - a.quote.exact.length ||
    a.id.localeCompare(b.id);
}

/**
 * The passages quoted for one threat or judgment, in the order given by `inOrder` (document order).
 * `chosen` is the analyst's choice (passage ids) or null for the default; passages no longer linked are
 * dropped from a choice, and no more than `limit` are quoted either way.
 */
export function quotedPassages(
  linked: readonly Annotation[],
  chosen: readonly string[] | null,
  limit: number,
  sources: ReadonlyMap<string, Source>,
): Annotation[] {
  const picked = chosen
    ? chosen.map((id) => linked.find((a) => a.id === id)).filter((a): a is Annotation => a !== undefined)
    : [...linked].filter((a) => !isMention(a)).sort(byStrength(sources));
  return picked.slice(0, Math.max(0, limit));
}

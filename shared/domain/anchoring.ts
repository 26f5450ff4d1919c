/**
 * Anchoring: where is a coded passage now that its source text has changed?
 *
 * An annotation stores its passage twice, as W3C selectors: the quote with up to 32 code units of
 * context either side (TextQuoteSelector) and its offsets (TextPositionSelector), in UTF-16 code
 * units of the normalised text (`normaliseText`: NFC, `\n`), end exclusive. Re-anchoring tries, in
 * order:
 *
 *  1. the stored position — if it still holds the exact quote the passage is `anchored` there,
 *     even when an identical look-alike exists elsewhere. The context may have changed around it;
 *     only when another exact occurrence's context agrees *clearly* better (by MARGIN) is the
 *     position taken for a coincidence (a short quote that other text slid under), and the choice
 *     is made as in step 2 instead;
 *  2. the exact quote anywhere — every occurrence is scored on how well the text before and after
 *     it agrees with the stored prefix and suffix (proximity to the old position only breaks ties).
 *     One occurrence, or one whose context clearly beats all others, is `drifted` ('quote'). Several
 *     that agree equally well — a duplicated paragraph — are never chosen between: `orphaned`
 *     ('ambiguous'). When the best occurrence's context is weak (< TRUSTED_CONTEXT), the passage
 *     may have been edited in place and the exact text be a copy elsewhere, so step 3 runs too and
 *     an approximate candidate wins only if it is above the threshold and clearly ahead;
 *  3. an approximate match (approx-string-match, up to maxFuzzyErrorsRatio × quote length errors)
 *     scored like Hypothesis's match-quote: quote similarity, prefix/suffix similarity measured on
 *     the text around the candidate, and proximity. The best candidate must reach the threshold and
 *     be clearly ahead of the runner-up to be `drifted` ('fuzzy'); otherwise `orphaned` — 'ambiguous'
 *     when the best reaches the threshold but another is as good, else 'not-found'.
 *
 * A drifted passage is a proposal for the analyst to confirm, never a silent move; an orphaned
 * annotation keeps its quote and note. Every range returned starts and ends on a character
 * boundary (never inside a surrogate pair; approximate ranges are widened over combining marks,
 * skin-tone modifiers, ZWJ sequences and flag pairs).
 *
 * Score (0..1), for both methods:
 *   score = 0.5 · quote + 0.4 · context + 0.1 · proximity
 *   quote     = 1 − errors / quote length                 (1 for an exact occurrence)
 *   context   = mean over the stored prefix and suffix (those that are not empty; 1 when both are)
 *               of the pinned edit-distance similarity, rescaled so that the agreement two unrelated
 *               stretches of prose have by chance (≈ 30 %) counts as 0
 *   proximity = 1 − |start − old start| / text length
 * "Clearly ahead" compares the content part (0.5 · quote + 0.4 · context) and needs MARGIN = 0.05,
 * i.e. an eighth of the context or a tenth of the quote; proximity never settles a tie.
 *
 * Reading the score: an unchanged passage that moved scores ≈ 1; an edited passage with its
 * context intact 0.9–1; one whose context is gone on one side ≈ 0.75–0.85 (just over the default
 * threshold: shown to the analyst as drifted, with that low score); a look-alike elsewhere, whose
 * context does not agree, ≈ 0.5–0.65 — below the threshold, so it never captures the annotation.
 */
import { contextSimilarity, edgeAgreement } from './anchoring/context';
import { type ExactFinder, indexedFinder, scanningFinder } from './anchoring/exact';
import { findApproximate, type RawMatch, type WorkBudget } from './anchoring/fuzzy';
import { isClusterBoundary, snapEnd, snapStart, splitsSurrogatePair } from './anchoring/unicode';
import { mapRange, offsetMap } from './text-map';

export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}
export interface TextPositionSelector {
  start: number;
  end: number;
}
export interface Selectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export type AnchorResult =
  | { status: 'anchored'; start: number; end: number }
  | { status: 'drifted'; start: number; end: number; method: 'quote' | 'fuzzy'; score: number }
  | { status: 'orphaned'; reason: 'not-found' | 'ambiguous' };

export interface AnchorOptions {
  /** Minimum score (0..1) of an approximate match; default DEFAULT_THRESHOLD (0.75). */
  threshold?: number;
  /** Errors allowed in an approximate match, as a share of the quote's length (0..1); default 0.25. */
  maxFuzzyErrorsRatio?: number;
}

/** Code units of context kept either side of a quote. */
export const DEFAULT_CONTEXT = 32;
/**
 * A fuzzy match needs 0.75: with a near-identical quote that means at least ~40 % real agreement
 * of the context (one side intact), which a look-alike paragraph elsewhere does not reach.
 */
export const DEFAULT_THRESHOLD = 0.75;
/** A passage more than a quarter rewritten is no longer the passage that was coded. */
export const DEFAULT_MAX_FUZZY_ERRORS_RATIO = 0.25;

const WEIGHT_QUOTE = 0.5;
const WEIGHT_CONTEXT = 0.4;
const WEIGHT_PROXIMITY = 0.1;
/** How far (in content score) the best candidate must lead the runner-up to be chosen. */
const MARGIN = 0.05;
/** An exact occurrence whose context agrees at least this well is taken without a fuzzy search. */
const TRUSTED_CONTEXT = 0.75;
/** A fuzzy candidate this good, and clearly ahead, stops the widening of the search. */
const SETTLED_SCORE = 0.9;
/** Error budget cap per quote (Hypothesis caps at 256 too): long passages search in ≤ 9 blocks. */
const MAX_ERRORS = 256;
/** Occurrences of an exact quote scored in full; more (a quote that is one common word) are pre-filtered. */
const MAX_EXACT_SCORED = 2000;
/** Approximate matches scored per annotation (the fewest errors first). */
const MAX_FUZZY_SCORED = 200;
/** Fuzzy work (code units scanned × 32-unit blocks) per annotation: ~a dozen passes over 1 MB. */
const ANNOTATION_WORK = 24_000_000;
/** Fuzzy work for a whole reanchorAll call; past it, only the window around each old position is searched. */
const TOTAL_WORK = 96_000_000;

/**
 * Selectors for text.slice(start, end) with up to `context` code units of prefix and suffix. The
 * context is shortened by one unit rather than end inside a surrogate pair. Throws RangeError for an
 * empty, out-of-range or surrogate-splitting range, or a negative / fractional context.
 */
export function describeRange(text: string, start: number, end: number, context: number = DEFAULT_CONTEXT): Selectors {
  if (!Number.isInteger(start) || !Number.isInteger(end))
    throw new RangeError(`A passage's offsets must be integers (got ${start}–${end}).`);
  if (start < 0 || end > text.length)
    throw new RangeError(`The passage ${start}–${end} lies outside the text (0–${text.length}).`);
  if (end <= start) throw new RangeError(`A passage must end after it starts (got ${start}–${end}).`);
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new RangeError(`The passage ${start}–${end} would cut a character (a surrogate pair) in two.`);
  }
  if (!Number.isInteger(context) || context < 0)
    throw new RangeError(`The context must be a whole number of code units (got ${context}).`);
  let prefixStart = Math.max(0, start - context);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + context);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;
  return {
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd),
    },
    position: { start, end },
  };
}

/** Finds where the passage described by `selectors` now is in `text` (normalised). Pure, deterministic. */
export function anchor(text: string, selectors: Selectors, options?: AnchorOptions): AnchorResult {
  return anchorWith(text, selectors, resolveOptions(options), scanningFinder(text), {
    annotation: ANNOTATION_WORK,
    total: Number.POSITIVE_INFINITY,
  });
}

/**
 * Re-anchors many annotations against a new version of the text; results in input order, each the
 * same as `anchor` would give (until the work cap below is reached). Positions are checked first; only misses are looked up, through a
 * gram index shared by all of them; approximate searches start in a window around the old position
 * and widen only while nothing convincing is found. The fuzzy work of the whole call is capped
 * (TOTAL_WORK); once spent, remaining misses are searched only around their old position, so a
 * text that has nothing to do with the old one cannot make the call run for minutes.
 */
export function reanchorAll(text: string, selectors: Selectors[], options?: AnchorOptions): AnchorResult[] {
  const config = resolveOptions(options);
  const finder = text.length >= 65_536 && selectors.length > 1 ? indexedFinder(text) : scanningFinder(text);
  const budget: WorkBudget = { annotation: ANNOTATION_WORK, total: TOTAL_WORK };
  return selectors.map((s) => {
    budget.annotation = ANNOTATION_WORK;
    return anchorWith(text, s, config, finder, budget);
  });
}

/**
 * Where every passage of a source lands when its text changes from `previousText` to `nextText`;
 * results in input order. Positions are first carried through the lines both versions share (so a
 * passage in an untouched paragraph stays `anchored` however much text was inserted above it), then
 * re-anchored as `reanchorAll` does. The write (replacing a source's text) and the preview the analyst
 * sees before it both call this one function, so what is shown is what will be saved.
 */
export function planReanchoring(
  previousText: string,
  nextText: string,
  passages: readonly Selectors[],
  options?: AnchorOptions,
): AnchorResult[] {
  const map = offsetMap(previousText, nextText);
  return reanchorAll(
    nextText,
    passages.map((p) => ({ quote: p.quote, position: mapRange(map, p.position.start, p.position.end) ?? p.position })),
    options,
  );
}

interface Config {
  threshold: number;
  ratio: number;
}

function resolveOptions(options: AnchorOptions | undefined): Config {
  const threshold = options?.threshold ?? DEFAULT_THRESHOLD;
  const ratio = options?.maxFuzzyErrorsRatio ?? DEFAULT_MAX_FUZZY_ERRORS_RATIO;
  if (!(threshold >= 0 && threshold <= 1))
    throw new RangeError(`The threshold must lie between 0 and 1 (got ${threshold}).`);
  if (!(ratio >= 0 && ratio < 1)) throw new RangeError(`maxFuzzyErrorsRatio must lie in [0, 1) (got ${ratio}).`);
  return { threshold, ratio };
}

interface Candidate {
  start: number;
  end: number;
  /** 0.5 · quote + 0.4 · context: what "clearly ahead" compares. */
  content: number;
  proximity: number;
  /** content + 0.1 · proximity. */
  score: number;
}

/** Best content first; then the length nearest the quote's (for two readings of one place), then the nearest, then the first. */
const ranking =
  (quoteLength: number) =>
  (a: Candidate, b: Candidate): number =>
    b.content - a.content ||
    Math.abs(a.end - a.start - quoteLength) - Math.abs(b.end - b.start - quoteLength) ||
    b.proximity - a.proximity ||
    a.start - b.start;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;
const round = (x: number): number => Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;

const ORPHANED_NOT_FOUND: AnchorResult = { status: 'orphaned', reason: 'not-found' };
const ORPHANED_AMBIGUOUS: AnchorResult = { status: 'orphaned', reason: 'ambiguous' };

function anchorWith(
  text: string,
  selectors: Selectors,
  config: Config,
  finder: ExactFinder,
  budget: WorkBudget,
): AnchorResult {
  const { quote, position } = selectors;
  const exact = quote.exact;
  if (exact.length === 0) return { ...ORPHANED_NOT_FOUND };
  const byRank = ranking(exact.length);
  // An edge of the passage that was a character boundary when it was described must be one
  // wherever it is found: "النهر" is not found inside "النهرِ", nor 👍 inside 👍🏽.
  const described = `${quote.prefix || '\n'}${exact}${quote.suffix || '\n'}`;
  const startMustBeBoundary = isClusterBoundary(described, quote.prefix.length || 1);
  const endMustBeBoundary = isClusterBoundary(described, (quote.prefix.length || 1) + exact.length);
  const fits = (start: number, end: number): boolean =>
    (!startMustBeBoundary || isClusterBoundary(text, start)) && (!endMustBeBoundary || isClusterBoundary(text, end));
  const hint = Number.isFinite(position.start) ? Math.max(0, Math.min(text.length, Math.trunc(position.start))) : 0;

  const contextAt = (start: number, end: number): number => {
    let sum = 0;
    let sides = 0;
    if (quote.prefix.length > 0) {
      sum += contextSimilarity(quote.prefix, text, start, -1);
      sides += 1;
    }
    if (quote.suffix.length > 0) {
      sum += contextSimilarity(quote.suffix, text, end, 1);
      sides += 1;
    }
    return sides === 0 ? 1 : sum / sides;
  };
  const candidate = (start: number, end: number, quoteSimilarity: number): Candidate => {
    const content = WEIGHT_QUOTE * quoteSimilarity + WEIGHT_CONTEXT * contextAt(start, end);
    const proximity = 1 - Math.min(1, Math.abs(start - hint) / Math.max(1, text.length));
    return { start, end, content, proximity, score: content + WEIGHT_PROXIMITY * proximity };
  };
  // An approximate match ends where its errors are fewest, which can cut a reworded passage short
  // ("by abou" for "by about 15%."). Each edge is moved, within the error budget, to where the stored
  // context agrees longest, so the range covers the passage as it now reads.
  const refineEdges = (start: number, end: number, slack: number): { start: number; end: number } => {
    const best = (stored: string, from: number, direction: 1 | -1, lo: number, hi: number): number => {
      if (stored.length === 0) return from;
      let at = from;
      let agreement = edgeAgreement(stored, text, from, direction);
      for (let x = lo; x <= hi; x += 1) {
        const a = edgeAgreement(stored, text, x, direction);
        if (a > agreement || (a === agreement && Math.abs(x - from) < Math.abs(at - from))) {
          at = x;
          agreement = a;
        }
      }
      // Only a real stretch of agreement moves an edge; a letter or two happens anywhere.
      return agreement >= Math.min(stored.length, 6) ? at : from;
    };
    const newEnd = best(quote.suffix, end, 1, Math.max(start + 1, end - slack), Math.min(text.length, end + slack));
    const newStart = best(quote.prefix, start, -1, Math.max(0, start - slack), Math.min(newEnd - 1, start + slack));
    return { start: newStart, end: newEnd };
  };
  const exactCandidates = (mustInclude?: number): Candidate[] => {
    let starts = finder.find(exact).filter((s) => fits(s, s + exact.length));
    if (starts.length > MAX_EXACT_SCORED) {
      // A quote this frequent is a word, not a passage: keep the occurrences whose immediate
      // surroundings agree longest with the stored context, then score those in full.
      const edge = (s: number): number =>
        edgeAgreement(quote.prefix, text, s, -1) + edgeAgreement(quote.suffix, text, s + exact.length, 1);
      const kept = starts
        .map((s) => ({ s, e: edge(s), d: Math.abs(s - hint) }))
        .sort((a, b) => b.e - a.e || a.d - b.d || a.s - b.s)
        .slice(0, MAX_EXACT_SCORED)
        .map((x) => x.s);
      if (mustInclude !== undefined && !kept.includes(mustInclude)) kept.push(mustInclude);
      starts = kept;
    }
    return starts.map((s) => candidate(s, s + exact.length, 1)).sort(byRank);
  };

  // 1. The stored position.
  const { start, end } = position;
  if (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    end - start === exact.length &&
    end <= text.length &&
    text.startsWith(exact, start) &&
    fits(start, end)
  ) {
    const contextUnchanged =
      start >= quote.prefix.length &&
      text.startsWith(quote.prefix, start - quote.prefix.length) &&
      text.startsWith(quote.suffix, end);
    if (contextUnchanged) return { status: 'anchored', start, end };
    const occurrences = exactCandidates(start);
    const here = occurrences.find((c) => c.start === start);
    const rival = occurrences.find((c) => c.start !== start);
    if (!here || !rival || rival.content < here.content + MARGIN) return { status: 'anchored', start, end };
    return decideAmongExact(occurrences);
  }

  // 2. The exact quote elsewhere.
  const occurrences = exactCandidates();
  const bestExact = occurrences[0];
  if (bestExact && bestExact.content >= WEIGHT_QUOTE + WEIGHT_CONTEXT * TRUSTED_CONTEXT)
    return decideAmongExact(occurrences);

  // 3. Approximate matches (also when the exact occurrences' context is weak).
  const maxErrors = Math.min(MAX_ERRORS, Math.floor(config.ratio * exact.length));
  const fuzzy =
    maxErrors >= 1
      ? fuzzyCandidates(text, exact, maxErrors, hint, budget, occurrences, candidate, byRank, refineEdges)
      : [];
  const bestFuzzy = fuzzy[0];
  if (bestExact) {
    if (bestFuzzy && bestFuzzy.score >= config.threshold && bestFuzzy.content >= bestExact.content + MARGIN) {
      return decideFuzzy(fuzzy, config.threshold);
    }
    return decideAmongExact(occurrences);
  }
  return decideFuzzy(fuzzy, config.threshold);
}

/** Exact occurrences, ranked: the best is taken only if it is alone or clearly ahead. */
function decideAmongExact(ranked: Candidate[]): AnchorResult {
  const [best, runnerUp] = ranked;
  if (!best) return { ...ORPHANED_NOT_FOUND };
  if (runnerUp && best.content - runnerUp.content < MARGIN) return { ...ORPHANED_AMBIGUOUS };
  return { status: 'drifted', start: best.start, end: best.end, method: 'quote', score: round(best.score) };
}

/** Approximate candidates, ranked and without overlaps. */
function decideFuzzy(ranked: Candidate[], threshold: number): AnchorResult {
  const [best, runnerUp] = ranked;
  if (!best || best.score < threshold) return { ...ORPHANED_NOT_FOUND };
  if (runnerUp && best.content - runnerUp.content < MARGIN) return { ...ORPHANED_AMBIGUOUS };
  return { status: 'drifted', start: best.start, end: best.end, method: 'fuzzy', score: round(best.score) };
}

function fuzzyCandidates(
  text: string,
  quote: string,
  maxErrors: number,
  hint: number,
  budget: WorkBudget,
  exactOccurrences: Candidate[],
  candidate: (start: number, end: number, quoteSimilarity: number) => Candidate,
  byRank: (a: Candidate, b: Candidate) => number,
  refineEdges: (start: number, end: number, slack: number) => { start: number; end: number },
): Candidate[] {
  const scored = new Map<string, Candidate>();
  const rank = (matches: RawMatch[]): Candidate[] => {
    const chosen = [...matches]
      .sort((a, b) => a.errors - b.errors || Math.abs(a.start - hint) - Math.abs(b.start - hint) || a.start - b.start)
      .slice(0, MAX_FUZZY_SCORED);
    const candidates: Candidate[] = [];
    for (const m of chosen) {
      const refined = refineEdges(m.start, m.end, maxErrors);
      const start = snapStart(text, refined.start);
      const end = snapEnd(text, refined.end);
      const range = { start, end };
      // An exact occurrence is already a candidate in its own right.
      if (exactOccurrences.some((o) => overlaps(o, range))) continue;
      const key = `${start}:${end}:${m.errors}`;
      let c = scored.get(key);
      if (!c) {
        c = candidate(start, end, 1 - m.errors / quote.length);
        scored.set(key, c);
      }
      candidates.push(c);
    }
    // One candidate per place: overlapping matches are the same passage read slightly differently.
    const kept: Candidate[] = [];
    for (const c of candidates.sort(byRank)) if (!kept.some((k) => overlaps(k, c))) kept.push(c);
    return kept;
  };
  const matches = findApproximate({
    text,
    quote,
    maxErrors,
    hint,
    budget,
    settled: (found) => {
      const [best, runnerUp] = rank(found);
      return !!best && best.score >= SETTLED_SCORE && (!runnerUp || best.content - runnerUp.content >= MARGIN);
    },
  });
  return rank(matches);
}

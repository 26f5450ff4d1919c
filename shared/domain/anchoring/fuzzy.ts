/**
 * Approximate occurrences of a quote, found with approx-string-match in windows that start around
 * the expected position and widen only while no convincing candidate has turned up, within a work
 * budget.
 *
 * approx-string-match reports only the lowest-error matches of each call, so one call over a window
 * would hide a real (edited) passage behind a closer look-alike. Each window is therefore searched
 * best-first: after a call, the stretches between and around what it found are searched again, a
 * couple of levels deep, so that the runner-ups are seen too and can be compared on context.
 */
import search from 'approx-string-match';

export interface RawMatch {
  start: number;
  end: number;
  errors: number;
}

/** Work is counted in code units scanned × 32-unit blocks of the pattern's error band. */
export interface WorkBudget {
  /** Left for this annotation. */
  annotation: number;
  /** Left for the whole `reanchorAll` call (shared by every annotation). */
  total: number;
}

export const exhausted = (budget: WorkBudget): boolean => budget.annotation <= 0 || budget.total <= 0;

/** How many levels of "search again beside what was found" each window gets. */
const DEPTH = 2;

export interface FuzzySearch {
  text: string;
  quote: string;
  maxErrors: number;
  /** Where the passage is expected to start. */
  hint: number;
  budget: WorkBudget;
  /** Called after each widening; returning true stops the search (a convincing candidate is in hand). */
  settled: (matches: RawMatch[]) => boolean;
}

export function findApproximate({ text, quote, maxErrors, hint, budget, settled }: FuzzySearch): RawMatch[] {
  const found = new Map<string, RawMatch>();
  const span = quote.length + maxErrors; // the longest a match can be
  const minLength = Math.max(1, quote.length - maxErrors); // the shortest
  const blocks = Math.ceil((maxErrors + 1) / 32);

  const searchRange = (from: number, to: number, depth: number, mandatory: boolean): void => {
    if (to - from < minLength) return;
    if (!mandatory && exhausted(budget)) return;
    const cost = (to - from) * blocks;
    budget.annotation -= cost;
    budget.total -= cost;
    const matches = search(text.slice(from, to), quote, maxErrors)
      .map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    if (matches.length === 0) return;
    for (const m of matches) {
      const key = `${m.start}:${m.end}`;
      const known = found.get(key);
      if (!known || known.errors > m.errors) found.set(key, m);
    }
    if (depth === 0) return;
    // The stretches before, between and after the groups of overlapping matches just found.
    let groupEnd = from;
    for (const m of matches) {
      if (m.start >= groupEnd) searchRange(groupEnd, m.start, depth - 1, mandatory);
      groupEnd = Math.max(groupEnd, m.end);
    }
    searchRange(groupEnd, to, depth - 1, mandatory);
  };

  const n = text.length;
  const clampOffset = (x: number): number => Math.max(0, Math.min(n, x));
  let radius = Math.max(2048, 4 * span);
  let lo = clampOffset(hint - radius);
  let hi = clampOffset(hint + quote.length + radius);
  // The first window is always searched, whatever the budget, so an edit in place is always found.
  searchRange(lo, hi, DEPTH, true);
  for (;;) {
    const matches = [...found.values()];
    if ((lo === 0 && hi === n) || settled(matches) || exhausted(budget)) return matches;
    radius *= 4;
    const newLo = clampOffset(hint - radius);
    const newHi = clampOffset(hint + quote.length + radius);
    // Overlap the searched window by one match length so nothing straddling its edge is missed.
    if (newLo < lo) searchRange(newLo, Math.min(n, lo + span), DEPTH, false);
    if (newHi > hi) searchRange(Math.max(0, hi - span), newHi, DEPTH, false);
    lo = newLo;
    hi = newHi;
  }
}

/**
 * What changing a source's text will do to its passages, shown to the analyst before anything is
 * written: which stay, which move (to confirm under Review, with the changed words marked) and which
 * cannot be found. Built on planReanchoring, the function the write itself uses.
 */
import { planReanchoring, type AnchorResult, type Selectors } from './anchoring';
import { wordDiff, type WordChange } from './word-diff';

export interface PlannablePassage extends Selectors {
  id: string;
}

export type PlannedOutcome = 'stays' | 'moves' | 'lost';

export interface PlannedPassage {
  id: string;
  /** The words that were coded. */
  quote: string;
  outcome: PlannedOutcome;
  result: AnchorResult;
  /** What the new text reads at the place found (null when lost). */
  nowReads: string | null;
  /** The coded words against what the new text reads there, word by word (null when lost). */
  changes: WordChange[] | null;
}

export interface TextChangePlan {
  previousText: string;
  nextText: string;
  /** In the order the passages were given. */
  passages: PlannedPassage[];
  counts: Record<PlannedOutcome, number>;
}

const OUTCOME: Record<AnchorResult['status'], PlannedOutcome> = {
  anchored: 'stays',
  drifted: 'moves',
  orphaned: 'lost',
};

/**
 * The write re-anchors a source's passages in the order the database reads them (by id, the order
 * of the sourceId index), and approximate searches share one work budget across a call: the plan
 * takes them in that order too, so that it gives exactly the write's answer.
 */
export function byStoreOrder<T extends { id: string }>(passages: readonly T[]): T[] {
  return [...passages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function planTextChange(
  previousText: string,
  nextText: string,
  passages: readonly PlannablePassage[],
): TextChangePlan {
  const ordered = byStoreOrder(passages);
  const results = planReanchoring(previousText, nextText, ordered);
  const byId = new Map(ordered.map((p, i) => [p.id, results[i]!]));
  const counts: Record<PlannedOutcome, number> = { stays: 0, moves: 0, lost: 0 };
  const planned = passages.map((p): PlannedPassage => {
    const result = byId.get(p.id)!;
    const outcome = OUTCOME[result.status];
    counts[outcome] += 1;
    const nowReads = result.status === 'orphaned' ? null : nextText.slice(result.start, result.end);
    return {
      id: p.id,
      quote: p.quote.exact,
      outcome,
      result,
      nowReads,
      changes: nowReads === null ? null : wordDiff(p.quote.exact, nowReads),
    };
  });
  return { previousText, nextText, passages: planned, counts };
}

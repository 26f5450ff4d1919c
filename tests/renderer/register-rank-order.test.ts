// Ranks and counting sorts (rank-order.ts) give the order a comparison sort gives: each column in turn,
// ascending or descending, ties in the order given.
import { describe, expect, it } from 'vitest';
import { denseRanks, orderByRanks } from '../../renderer/features/register/rank-order';

const byNumber = (a: number, b: number) => a - b;
const caseless = (a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase());

/** A seeded table of rows: a few distinct numbers, words that differ only in case, and a stored position. */
function rows(count: number) {
  let seed = 11;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const words = ['water', 'Water', 'route', 'border', 'Border', 'cyber'];
  return Array.from({ length: count }, (_, i) => ({
    score: next(7) * 2.5,
    word: words[next(words.length)]!,
    // Stored positions shuffled against the rows' own order.
    stored: (i * 7919) % count,
  }));
}

describe('dense ranks', () => {
  it('numbers the distinct values from 0 in order, equal values sharing a rank', () => {
    const { ranks, distinct } = denseRanks([30, 10, 20, 10, 30], byNumber);
    expect([...ranks]).toEqual([2, 0, 1, 0, 2]);
    expect(distinct).toBe(3);
  });

  it('gives values the order cannot tell apart one rank', () => {
    const { ranks, distinct } = denseRanks(['Kosovo', 'albania', 'kosovo', 'Albania', 'Serbia'], caseless);
    expect([...ranks]).toEqual([1, 0, 1, 0, 2]);
    expect(distinct).toBe(3);
  });

  it('has nothing to rank in an empty column', () => {
    expect(denseRanks([], byNumber)).toEqual({ ranks: new Uint32Array(0), distinct: 0 });
  });
});

describe('order by ranks', () => {
  const data = rows(1000);
  const score = denseRanks(
    data.map((r) => r.score),
    byNumber,
  );
  const word = denseRanks(
    data.map((r) => r.word),
    caseless,
  );
  const stored = data.map((r) => r.stored);

  /** The same order from a comparison sort. */
  function compared(sorts: { key: 'score' | 'word'; desc: boolean }[]): number[] {
    return data
      .map((_, i) => i)
      .sort((a, b) => {
        for (const { key, desc } of sorts) {
          const difference =
            key === 'score' ? byNumber(data[a]!.score, data[b]!.score) : caseless(data[a]!.word, data[b]!.word);
          if (difference !== 0) return desc ? -difference : difference;
        }
        return stored[a]! - stored[b]!;
      });
  }

  it.each([false, true])('one column (descending: %s), ties in stored order', (desc) => {
    expect([...orderByRanks(data.length, [{ ranks: score, desc }], stored)]).toEqual(
      compared([{ key: 'score', desc }]),
    );
  });

  it('several columns, each its own way', () => {
    const sorts = [
      { key: 'word', desc: true },
      { key: 'score', desc: false },
    ] as const;
    expect([
      ...orderByRanks(
        data.length,
        [
          { ranks: word, desc: true },
          { ranks: score, desc: false },
        ],
        stored,
      ),
    ]).toEqual(compared([...sorts]));
  });

  it('keeps the rows’ own order for ties when no stored order is given', () => {
    const order = orderByRanks(data.length, [{ ranks: word, desc: false }]);
    for (let i = 1; i < order.length; i++) {
      const a = order[i - 1]!;
      const b = order[i]!;
      expect(word.ranks[a]! < word.ranks[b]! || (word.ranks[a] === word.ranks[b] && a < b)).toBe(true);
    }
  });

  it('answers the rows as they are with no column to sort by', () => {
    expect([...orderByRanks(4, [], [3, 2, 1, 0])]).toEqual([3, 2, 1, 0]);
    expect([...orderByRanks(3, [])]).toEqual([0, 1, 2]);
  });
});

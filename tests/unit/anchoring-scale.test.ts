import { describe, expect, it } from 'vitest';
import { seededRng } from '../support/fuzz';
import { type AnchorResult, describeRange, reanchorAll, type Selectors } from '../../shared/domain/anchoring';

const SYLLABLES = [
  ...'ka ra ta na sa ma la da ba ga ko ro to no so mo lo do bo go ki ri ti ni si mi li di bi gi'.split(' '),
  ...'қа ра ша ұл ән ғы ің өр үн һа іс жа тә'.split(' '),
];

/** About `size` code units of paragraphs of made-up words: every 40-unit stretch is unique. */
function article(rng: () => number, size: number): string {
  const parts: string[] = [];
  let length = 0;
  let words = 0;
  while (length < size) {
    let word = '';
    for (let s = 1 + Math.floor(rng() * 4); s > 0; s -= 1) word += SYLLABLES[Math.floor(rng() * SYLLABLES.length)];
    words += 1;
    const separator = words % 90 === 0 ? '.\n\n' : rng() < 0.08 ? ', ' : ' ';
    parts.push(word, separator);
    length += word.length + separator.length;
  }
  return parts.join('');
}

describe('reanchorAll at scale', () => {
  it('re-anchors 5,000 annotations on a 1 MB text after an insertion near the top, all correctly', () => {
    const rng = seededRng(5000);
    const before = article(rng, 1_000_000);
    expect(before.length).toBeGreaterThanOrEqual(1_000_000);
    const insertAt = before.indexOf('\n\n', 3000) + 2;
    const insertion = `${article(rng, 4000)}\n\n`;
    const after = before.slice(0, insertAt) + insertion + before.slice(insertAt);

    const selectors: Selectors[] = [];
    while (selectors.length < 5000) {
      const start = Math.floor(rng() * (before.length - 300));
      const end = start + 40 + Math.floor(rng() * 200);
      if (start < insertAt && end > insertAt) continue; // a passage cut in two by the insertion is another test
      selectors.push(describeRange(before, start, end));
    }
    // A few passages sit right at the insertion point, where one side of their context changes.
    selectors.push(describeRange(before, insertAt, insertAt + 60), describeRange(before, insertAt - 60, insertAt - 2));

    const results = reanchorAll(after, selectors);

    expect(results).toHaveLength(selectors.length);
    const wrong: { index: number; result: AnchorResult }[] = [];
    results.forEach((result, index) => {
      const { start, end } = (selectors[index] as Selectors).position;
      const expected =
        end <= insertAt
          ? { status: 'anchored', start, end }
          : { status: 'drifted', method: 'quote', start: start + insertion.length, end: end + insertion.length };
      if (!Object.entries(expected).every(([k, v]) => (result as Record<string, unknown>)[k] === v))
        wrong.push({ index, result });
    });
    expect(wrong).toEqual([]);
    const drifted = results.filter((r) => r.status === 'drifted');
    expect(drifted.length).toBeGreaterThan(4900);
    expect(Math.min(...drifted.map((r) => (r.status === 'drifted' ? r.score : 0)))).toBeGreaterThanOrEqual(0.7);
  });

  it('stays bounded when the new text has nothing to do with the old one', () => {
    const rng = seededRng(77);
    const before = article(rng, 300_000);
    const after = article(seededRng(78), 300_000);
    const selectors: Selectors[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const start = Math.floor(rng() * (before.length - 200));
      selectors.push(describeRange(before, start, start + 30 + Math.floor(rng() * 150)));
    }
    const results = reanchorAll(after, selectors);
    expect(results.filter((r) => r.status === 'drifted' && r.method === 'fuzzy')).toEqual([]);
    expect(results.every((r) => r.status === 'orphaned' || r.status === 'drifted')).toBe(true);
  });
});

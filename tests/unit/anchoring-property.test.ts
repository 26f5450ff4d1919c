import { describe, expect, it } from 'vitest';
import { seededRng } from '../support/fuzz';
import { anchor, type AnchorResult, describeRange, reanchorAll, type Selectors } from '../../shared/domain/anchoring';

const VOCABULARY = [
  ...'threat border canal river militant narcotics migration province fighters route market water security analyst report source'.split(
    ' ',
  ),
  ...'угроза граница канал боевики маршрут рынок вода безопасность провинция доклад'.split(' '),
  ...'қауіп шекара өзен әскери ағын ұлы үкімет һижра көші-қон ғылым жаңа'.split(' '),
  ...'تهدید مرز کانال آب امنیت می‌رود ولایت گزارش د اوبو لاره'.split(' '),
  '👍🏽',
  '🇰🇿',
  '🇦🇫',
  '👨‍👩‍👧',
  'Kosh-Tepa',
  'ISKP',
  'TTP',
  '2024',
  'й',
];
const SEPARATORS = [' ', ' ', ' ', ' ', ', ', '. ', '\n\n', ' — '];

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** Tokens alternate word, separator, word, …; edits replace whole tokens, so no character is cut. */
function tokens(rng: Rng, words: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) {
    if (i > 0) out.push(pick(rng, SEPARATORS));
    out.push(pick(rng, VOCABULARY));
  }
  return out;
}

const count = (text: string, quote: string): number => {
  let n = 0;
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) n += 1;
  return n;
};

const splitsPair = (text: string, i: number): boolean =>
  /[\uD800-\uDBFF]/.test(text.charAt(i - 1)) && /[\uDC00-\uDFFF]/.test(text.charAt(i));

interface Case {
  before: string;
  after: string;
  selectors: Selectors;
  /** Where the passage is in `after`. */
  start: number;
  end: number;
}

/** A random text, a random passage, and 1–5 random edits anywhere but inside the passage. */
function editedElsewhere(rng: Rng): Case {
  const toks = tokens(rng, int(rng, 30, 160));
  const first = int(rng, 0, toks.length - 1);
  const last = Math.min(toks.length - 1, first + int(rng, 2, 14)); // the passage: tokens first..last
  const offsetOf = (list: string[], index: number): number => list.slice(0, index).join('').length;
  const before = toks.join('');
  const start = offsetOf(toks, first);
  const end = offsetOf(toks, last + 1);
  const selectors = describeRange(before, start, end);

  let passageFirst = first;
  let passageLast = last;
  const edited = [...toks];
  for (let e = int(rng, 1, 5); e > 0; e -= 1) {
    const kind = pick(rng, ['insert', 'delete', 'replace'] as const);
    const fresh = tokens(rng, int(rng, 1, 12));
    // Choose a token range entirely before or entirely after the passage.
    const beforeSide = rng() < 0.5;
    const lo = beforeSide ? 0 : passageLast + 1;
    const hi = beforeSide ? passageFirst : edited.length; // exclusive
    const at = int(rng, lo, hi);
    const length = kind === 'insert' ? 0 : Math.min(hi - at, int(rng, 1, 6));
    const added = kind === 'delete' ? [] : [pick(rng, SEPARATORS), ...fresh, pick(rng, SEPARATORS)];
    edited.splice(at, length, ...added);
    if (beforeSide) {
      passageFirst += added.length - length;
      passageLast += added.length - length;
    }
  }
  const after = edited.join('');
  const newStart = offsetOf(edited, passageFirst);
  return { before, after, selectors, start: newStart, end: newStart + (end - start) };
}

describe('anchoring properties', () => {
  it('edits elsewhere in the text always re-find the passage at its shifted range', () => {
    const rng = seededRng(20240611);
    let checked = 0;
    let skipped = 0;
    for (let i = 0; i < 600; i += 1) {
      const c = editedElsewhere(rng);
      expect(c.after.slice(c.start, c.end)).toBe(c.selectors.quote.exact);
      // A passage the random edits happened to duplicate is a different question (see the look-alike tests).
      if (count(c.after, c.selectors.quote.exact) > 1) {
        skipped += 1;
        continue;
      }
      const result = anchor(c.after, c.selectors);
      const expected: AnchorResult =
        c.start === c.selectors.position.start
          ? { status: 'anchored', start: c.start, end: c.end }
          : {
              status: 'drifted',
              method: 'quote',
              start: c.start,
              end: c.end,
              score: (result as { score: number }).score,
            };
      expect(result, JSON.stringify({ before: c.before, after: c.after, selectors: c.selectors })).toEqual(expected);
      checked += 1;
    }
    expect(skipped).toBeLessThan(checked / 5);
  });

  it('an edit inside the passage never yields a range that cuts a character, nor one away from the passage', () => {
    const rng = seededRng(7);
    let drifted = 0;
    for (let i = 0; i < 400; i += 1) {
      const toks = tokens(rng, int(rng, 20, 80));
      const first = int(rng, 0, toks.length - 1);
      const last = Math.min(toks.length - 1, first + int(rng, 4, 14));
      const before = toks.join('');
      const start = toks.slice(0, first).join('').length;
      const end = toks.slice(0, last + 1).join('').length;
      const selectors = describeRange(before, start, end);
      const at = int(rng, first, last);
      const edited = [...toks];
      edited[at] = pick(rng, VOCABULARY) + (rng() < 0.5 ? '' : pick(rng, VOCABULARY));
      const after = edited.join('');
      const newEnd = edited.slice(0, last + 1).join('').length;
      const result = anchor(after, selectors);
      if (result.status === 'orphaned') continue;
      expect(splitsPair(after, result.start)).toBe(false);
      expect(splitsPair(after, result.end)).toBe(false);
      if (after.slice(start, newEnd) !== selectors.quote.exact && count(after, selectors.quote.exact) === 0) {
        // The passage really changed: whatever is proposed must overlap it and await confirmation.
        expect(result.status).toBe('drifted');
        if (result.status === 'drifted' && count(after, after.slice(start, newEnd)) === 1) {
          expect(result.start < newEnd && start < result.end).toBe(true);
        }
        drifted += 1;
      }
    }
    expect(drifted).toBeGreaterThan(100);
  });

  it('reanchorAll gives, in input order, exactly what anchor gives one by one', () => {
    const rng = seededRng(99);
    const c = editedElsewhere(rng);
    const toks = c.before;
    const selectors: Selectors[] = [];
    for (let i = 0; i < 200; i += 1) {
      let s = int(rng, 0, toks.length - 2);
      let e = Math.min(toks.length, s + int(rng, 1, 60));
      if (splitsPair(toks, s)) s -= 1;
      if (splitsPair(toks, e)) e += 1;
      selectors.push(describeRange(toks, s, e));
    }
    const texts = [c.after, c.before, c.after.replace(/a/g, 'á').normalize('NFC'), ''];
    for (const text of texts) expect(reanchorAll(text, selectors)).toEqual(selectors.map((s) => anchor(text, s)));
  });
});

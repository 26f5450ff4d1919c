// The plan shown before a source's text is replaced (issue 14, point 6), on the multilingual note of
// the end-to-end test: a paragraph inserted above, "15 %" → "12–15 %" inside a coded sentence, a
// duplicated closing paragraph removed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRange, planReanchoring } from '../../shared/domain/anchoring';
import { byStoreOrder, planTextChange, type PlannablePassage } from '../../shared/domain/text-change-plan';
import { normaliseText } from '../../shared/domain/text';
import { CODED as CODED_PASSAGES, MULTILINGUAL_NOTE, MULTILINGUAL_NOTE_REVISED } from './multilingual-note';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'replace');
const NOTE = normaliseText(readFileSync(join(FIXTURES, 'multilingual-note.txt'), 'utf8'));
const REVISED = normaliseText(readFileSync(join(FIXTURES, 'multilingual-note-revised.txt'), 'utf8'));
const ZWNJ = '\u200c';

const CODED = { ...CODED_PASSAGES, closing: 'Prepared for the institute’s weekly briefing' };

function coded(id: string, text: string, needle: string, occurrence = 0): PlannablePassage {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(needle, start + 1);
  return { id, ...describeRange(text, start, start + needle.length) };
}

const ids = [
  'c0000000-0000-4000-8000-000000000003',
  'a0000000-0000-4000-8000-000000000001',
  'd0000000-0000-4000-8000-000000000004',
  'b0000000-0000-4000-8000-000000000002',
];
const FOUR = [
  coded(ids[0]!, NOTE, CODED.russian),
  coded(ids[1]!, NOTE, CODED.kazakh),
  coded(ids[2]!, NOTE, CODED.dari),
  coded(ids[3]!, NOTE, CODED.english),
];

describe('planning a change of text', () => {
  it('the fixture is the issue’s note: four scripts, a figure, a duplicated closing paragraph', () => {
    // The files the end-to-end test imports are these texts exactly.
    expect(readFileSync(join(FIXTURES, 'multilingual-note.txt'), 'utf8')).toBe(MULTILINGUAL_NOTE);
    expect(readFileSync(join(FIXTURES, 'multilingual-note-revised.txt'), 'utf8')).toBe(MULTILINGUAL_NOTE_REVISED);
    expect(NOTE).toMatch(/[әғқңөұүһі]/u);
    expect(NOTE).toContain(ZWNJ);
    expect(NOTE).toContain('на 15 %');
    expect(NOTE.split(CODED.closing).length - 1).toBe(2);
    expect(REVISED).toContain('на 12–15 %');
    expect(REVISED.split(CODED.closing).length - 1).toBe(1);
  });

  it('three passages stay (at their new offsets), the changed sentence moves with "15" → "12–15" marked', () => {
    const plan = planTextChange(NOTE, REVISED, FOUR);
    expect(plan.counts).toEqual({ stays: 3, moves: 1, lost: 0 });
    expect(plan.passages.map((p) => p.id)).toEqual(FOUR.map((p) => p.id));
    const [russian, ...unchanged] = plan.passages;
    for (const p of unchanged) {
      expect(p.outcome).toBe('stays');
      expect(p.nowReads).toBe(p.quote);
      if (p.result.status !== 'anchored') throw new Error('not anchored');
      expect(REVISED.slice(p.result.start, p.result.end)).toBe(p.quote);
    }
    // Shifted by the inserted paragraph, not left at their old offsets.
    const dari = plan.passages.find((p) => p.quote === CODED.dari)!;
    expect(dari.result.status === 'anchored' && dari.result.start).toBe(REVISED.indexOf(CODED.dari));
    expect(REVISED.indexOf(CODED.dari)).toBeGreaterThan(NOTE.indexOf(CODED.dari));

    expect(russian!.outcome).toBe('moves');
    expect(russian!.nowReads).toBe(CODED.russian.replace('15 %', '12–15 %'));
    expect(russian!.changes!.filter((c) => c.kind !== 'same')).toEqual([
      { kind: 'removed', text: '15' },
      { kind: 'added', text: '12–15' },
    ]);
  });

  it('gives exactly what the write computes (planReanchoring over the passages in the store’s order)', () => {
    const plan = planTextChange(NOTE, REVISED, FOUR);
    const ordered = byStoreOrder(FOUR);
    expect(ordered.map((p) => p.id)).toEqual([...ids].sort());
    const written = planReanchoring(NOTE, REVISED, ordered);
    for (const [i, p] of ordered.entries())
      expect(plan.passages.find((x) => x.id === p.id)!.result).toEqual(written[i]);
  });

  it('of a duplicated paragraph cut to one copy, the copy kept stays and the other is proposed there for review', () => {
    const onFirst = coded('e0000000-0000-4000-8000-000000000005', NOTE, CODED.closing, 0);
    const onSecond = coded('e0000000-0000-4000-8000-000000000006', NOTE, CODED.closing, 1);
    const [first, second] = planTextChange(NOTE, REVISED, [onFirst, onSecond]).passages;
    const kept = { start: REVISED.indexOf(CODED.closing), end: REVISED.indexOf(CODED.closing) + CODED.closing.length };
    // Lines are matched from the end, so the second copy is the one kept in place.
    expect(second!.result).toEqual({ status: 'anchored', ...kept });
    // The first copy's words are found there too, but only as a proposal: moved, same words.
    expect(first!.result).toMatchObject({ status: 'drifted', method: 'quote', ...kept });
    expect(first!.changes).toEqual([{ kind: 'same', text: CODED.closing }]);
  });

  it('a passage whose words are gone is lost, kept with its quote', () => {
    const gone = coded(
      'f0000000-0000-4000-8000-000000000006',
      NOTE,
      'Узбекистан и Туркменистан получат меньше воды для орошения.',
    );
    const plan = planTextChange(
      NOTE,
      NOTE.replace('Узбекистан и Туркменистан получат меньше воды для орошения.', 'Дальше — о границе.'),
      [gone],
    );
    expect(plan.counts).toEqual({ stays: 0, moves: 0, lost: 1 });
    expect(plan.passages[0]).toMatchObject({ outcome: 'lost', nowReads: null, changes: null, quote: gone.quote.exact });
  });

  it('an unchanged text keeps every passage where it is', () => {
    expect(planTextChange(NOTE, NOTE, FOUR).counts).toEqual({ stays: 4, moves: 0, lost: 0 });
    expect(planTextChange(NOTE, REVISED, []).passages).toEqual([]);
  });
});

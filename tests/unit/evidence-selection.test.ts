import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../shared/domain/annotation';
import {
  endsSentence,
  isMention,
  quotedPassages,
  quoteWithEllipses,
  startsSentence,
} from '../../shared/domain/evidence-selection';
import type { Source } from '../../shared/domain/source';

const AT = '2026-03-12T09:00:00.000Z';

function source(id: string, reliability: Source['reliability'], credibility: number): Source {
  return {
    id,
    title: `Source ${id}`,
    author: 'A. Author',
    publisher: 'Publisher',
    url: '',
    publishedOn: '2024-01-01',
    language: 'en',
    reliability,
    credibility,
    file: null,
    textHash: 'x',
    textLength: 100,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
  } as Source;
}

let next = 0;
function passage(sourceId: string, exact: string, prefix = '', suffix = '', mention?: boolean): Annotation {
  next++;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    sourceId,
    quote: { exact, prefix, suffix },
    position: { start: next * 100, end: next * 100 + exact.length },
    anchor: 'anchored',
    tagIds: [],
    note: '',
    threatIds: [],
    countryCodes: [],
    actorIds: [],
    ...(mention === undefined ? {} : { mention }),
    createdAt: AT,
    updatedAt: AT,
  };
}

const good = source('good', 'A', 2);
const fair = source('fair', 'C', 3);
const sources = new Map([good, fair].map((s) => [s.id, s]));

describe('choosing the quotes of a threat', () => {
  it('takes a name standing alone for a mention, unless the analyst says otherwise', () => {
    expect(isMention(passage('good', 'Balochistan Liberation Army'))).toBe(true);
    expect(isMention(passage('good', 'Jamaat Ansarullah (JA)'))).toBe(true);
    expect(isMention(passage('good', 'All of them have training camps in various provinces of Afghanistan.'))).toBe(
      false,
    );
    expect(isMention(passage('good', 'Jamaat Ansarullah (JA)', '', '', false))).toBe(false);
    expect(isMention(passage('good', 'A long sentence that the analyst still marks as a mention.', '', '', true))).toBe(
      true,
    );
  });

  it('quotes by default the strongest: no mention, best graded, a whole sentence, the longer passage; up to the limit', () => {
    const name = passage('good', 'Islamic Movement of Uzbekistan');
    const fragment = passage('good', 'training camps and weapons depots in the north', 'have ', ' across');
    const sentence = passage('good', 'The group keeps camps in the north.', 'Earlier. ', ' Later.');
    const longer = passage('good', 'The group keeps camps and depots in three northern provinces.', '', '');
    const weaker = passage('fair', 'A weaker source says the same at greater length than any other passage here.');
    const all = [name, fragment, sentence, longer, weaker];
    expect(quotedPassages(all, null, 10, sources).map((a) => a.id)).toEqual([
      longer.id,
      sentence.id,
      fragment.id,
      weaker.id,
    ]);
    expect(quotedPassages(all, null, 2, sources).map((a) => a.id)).toEqual([longer.id, sentence.id]);
  });

  it('follows the analyst’s choice, dropping passages no longer linked, within the limit', () => {
    const a = passage('good', 'First sentence of evidence.');
    const b = passage('fair', 'Second sentence of evidence.');
    const c = passage('fair', 'Bare name');
    expect(quotedPassages([a, b, c], [c.id, b.id], 5, sources).map((p) => p.id)).toEqual([c.id, b.id]);
    expect(quotedPassages([a, b], [c.id, b.id], 5, sources).map((p) => p.id)).toEqual([b.id]);
    expect(quotedPassages([a, b, c], [a.id, b.id, c.id], 2, sources)).toHaveLength(2);
    expect(quotedPassages([a, b, c], [], 5, sources)).toEqual([]);
  });

  it('marks with an ellipsis a quote that begins or ends mid-sentence', () => {
    const whole = { exact: 'The canal will cut the flow by 15%.', prefix: 'Water. ', suffix: ' Next.' };
    expect(startsSentence(whole)).toBe(true);
    expect(endsSentence(whole)).toBe(true);
    expect(quoteWithEllipses(whole, whole.exact)).toBe(whole.exact);
    const middle = { exact: 'training camps and weapons depots', prefix: 'All of them have ', suffix: ' in various' };
    expect(quoteWithEllipses(middle, middle.exact)).toBe('… training camps and weapons depots …');
    const tail = { exact: 'Kabul gives them shelter', prefix: '', suffix: ', and more.' };
    expect(quoteWithEllipses(tail, tail.exact)).toBe('Kabul gives them shelter …');
    // Cyrillic and Arabic-script sentences end as sentences do.
    expect(endsSentence({ exact: 'сток может сократиться на 12–15 %.', prefix: '', suffix: ' Далее' })).toBe(true);
    expect(endsSentence({ exact: 'آیا این درست است؟', prefix: '', suffix: ' بعد' })).toBe(true);
  });
});

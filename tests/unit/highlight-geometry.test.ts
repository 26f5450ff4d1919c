// Offsets that no longer fit the text shown (issue 14): the checks every Range and margin stripe goes
// through. A passage re-anchored on one version of a text and painted over another must give no
// Range — never an IndexSizeError, never the wrong words.
import { describe, expect, it } from 'vitest';
import { describeRange } from '../../shared/domain/anchoring';
import {
  isPlaceable,
  offsetsMisfit,
  paragraphIndexAt,
  paragraphSpan,
  passageMisfit,
  type PlaceablePassage,
} from '../../shared/domain/passage-fit';
import { splitParagraphs } from '../../shared/domain/text';

const ZWNJ = '\u200c';
const TEXT = [
  'Записка о водных рисках',
  '',
  'Сток может сократиться на 15 % в маловодные годы.',
  '',
  'Қазақстан үшін әрдайым маңызды: өңірдегі ұйымдасқан қылмыс, һәм су тапшылығы.',
  '',
  `آب دریای آمو را برای آبیاری برداشت می${ZWNJ}کند.`,
  '',
  'Canal 🌊 draw, 15 % of the flow.',
].join('\n');
const PARAGRAPHS = splitParagraphs(TEXT);
const at = (needle: string) => {
  const start = TEXT.indexOf(needle);
  if (start === -1) throw new Error(`"${needle}" is not in the text`);
  return { start, end: start + needle.length };
};
const passage = (needle: string, anchor: PlaceablePassage['anchor'] = 'anchored'): PlaceablePassage => {
  const { quote, position } = describeRange(TEXT, at(needle).start, at(needle).end);
  return { anchor, quote, position };
};
/** What a span covers, read back from the paragraphs (what a Range over it would say). */
const spanText = (start: number, end: number): string | null => {
  const span = paragraphSpan(TEXT, PARAGRAPHS, start, end);
  if (!span) return null;
  if (span.first === span.last) return PARAGRAPHS[span.first]!.text.slice(span.startOffset, span.endOffset);
  const parts = [PARAGRAPHS[span.first]!.text.slice(span.startOffset)];
  for (let i = span.first + 1; i < span.last; i++) parts.push(PARAGRAPHS[i]!.text);
  parts.push(PARAGRAPHS[span.last]!.text.slice(0, span.endOffset));
  return parts.join('\n\n');
};

describe('offsets against the text they are painted on', () => {
  it('accepts a passage in each script, and reads back exactly its words', () => {
    for (const needle of ['15 %', 'ұйымдасқан қылмыс', `برداشت می${ZWNJ}کند`, 'Canal 🌊 draw']) {
      const { start, end } = at(needle);
      expect(offsetsMisfit(TEXT, start, end)).toBeNull();
      expect(spanText(start, end)).toBe(needle);
    }
  });

  it('refuses offsets beyond the text, inverted, empty, negative or not whole numbers', () => {
    expect(offsetsMisfit(TEXT, TEXT.length - 2, TEXT.length + 5)).toBe('outside-text');
    expect(offsetsMisfit(TEXT, TEXT.length + 10, TEXT.length + 20)).toBe('outside-text');
    expect(offsetsMisfit(TEXT, -3, 4)).toBe('outside-text');
    expect(offsetsMisfit(TEXT, 40, 12)).toBe('inverted');
    expect(offsetsMisfit(TEXT, 12, 12)).toBe('inverted');
    expect(offsetsMisfit(TEXT, 1.5, 4)).toBe('not-whole-numbers');
    expect(offsetsMisfit(TEXT, Number.NaN, 4)).toBe('not-whole-numbers');
    for (const [start, end] of [
      [TEXT.length - 2, TEXT.length + 5],
      [TEXT.length + 10, TEXT.length + 20],
      [40, 12],
      [12, 12],
      [-3, 4],
      [1.5, 4],
    ])
      expect(paragraphSpan(TEXT, PARAGRAPHS, start!, end!)).toBeNull();
  });

  it('refuses an edge in the middle of a surrogate pair (half of 🌊)', () => {
    const wave = TEXT.indexOf('🌊');
    expect(offsetsMisfit(TEXT, wave + 1, wave + 5)).toBe('splits-character');
    expect(offsetsMisfit(TEXT, wave - 3, wave + 1)).toBe('splits-character');
    expect(paragraphSpan(TEXT, PARAGRAPHS, wave + 1, wave + 5)).toBeNull();
    expect(spanText(wave, wave + 2)).toBe('🌊');
  });

  it('clamps a passage that runs past its paragraph into the gap, and skips one that starts in a gap', () => {
    const russian = PARAGRAPHS[1]!;
    const endOfParagraph = russian.start + russian.text.length;
    // The paragraph's last word and the line break after it: the break is not painted.
    expect(spanText(endOfParagraph - 5, endOfParagraph + 1)).toBe('годы.');
    // Starting in the blank line between two paragraphs: painting begins at the next one.
    expect(spanText(endOfParagraph + 1, PARAGRAPHS[2]!.start + 9)).toBe('Қазақстан');
    // Nothing but the gap: no span at all.
    expect(paragraphSpan(TEXT, PARAGRAPHS, endOfParagraph, endOfParagraph + 2)).toBeNull();
    // Across paragraphs: from the Russian figure to the Kazakh opening word.
    expect(spanText(at('15 %').start, PARAGRAPHS[2]!.start + 9)).toBe('15 % в маловодные годы.\n\nҚазақстан');
  });

  it('answers the paragraph holding an offset, and the first one before any paragraph', () => {
    expect(paragraphIndexAt(PARAGRAPHS, 0)).toBe(0);
    expect(paragraphIndexAt(PARAGRAPHS, at('ұйымдасқан').start)).toBe(2);
    expect(paragraphIndexAt(PARAGRAPHS, TEXT.length + 100)).toBe(PARAGRAPHS.length - 1);
    expect(paragraphSpan(TEXT, [], 0, 3)).toBeNull();
  });
});

describe('passages against the text they are shown with', () => {
  it('places an anchored passage whose words are at its offsets, in every script', () => {
    for (const needle of ['15 %', 'ұйымдасқан қылмыс', `آب دریای آمو`, 'Canal 🌊 draw'])
      expect(isPlaceable(TEXT, passage(needle))).toBe(true);
  });

  it('does not place an anchored passage whose offsets belong to another version of the text', () => {
    const coded = passage('ұйымдасқан қылмыс');
    // A paragraph was inserted above: the same offsets now hold other words.
    const shifted = `Обновлено: добавлены данные.\n\n${TEXT}`;
    expect(passageMisfit(shifted, coded)).toBe('quote-differs');
    expect(isPlaceable(shifted, coded)).toBe(false);
    // The duplicated closing paragraph was removed: the offsets run past the shorter text.
    const late = passage('15 % of the flow.');
    expect(passageMisfit(TEXT.slice(0, TEXT.length - 20), late)).toBe('outside-text');
  });

  it('places a drifted passage where it was found even though its words changed; orphaned ones claim no place', () => {
    const found = { anchor: 'drifted' as const, quote: { exact: 'на 15 %' }, position: at('на 15 %') };
    expect(isPlaceable(TEXT.replace('на 15 %', 'на 12 %'), found)).toBe(true);
    const lost = { ...found, anchor: 'orphaned' as const, position: { start: TEXT.length + 5, end: TEXT.length + 9 } };
    expect(passageMisfit(TEXT, lost)).toBeNull();
    expect(isPlaceable(TEXT, lost)).toBe(false);
    expect(passageMisfit(TEXT, { ...found, position: { start: 30, end: 10 } })).toBe('inverted');
  });
});

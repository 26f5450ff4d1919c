import { describe, expect, it } from 'vitest';
import { admiraltyGrade } from '../../shared/domain/source';
import { bandOf, DEFAULT_SCALE, likelihoodWords, riskScore } from '../../shared/domain/scoring';
import { normaliseText, splitParagraphs } from '../../shared/domain/text';

describe('scoring', () => {
  it('scores likelihood × impact and bands it by the register’s thresholds', () => {
    expect(riskScore(4, 5)).toBe(20);
    const bands = DEFAULT_SCALE.bands;
    expect([1, 3, 4, 7, 8, 14, 15, 25].map((s) => bandOf(s, bands))).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
    expect(bandOf(9, { medium: 3, high: 6, critical: 9 })).toBe('critical');
  });

  it('speaks likelihood in ICD 203 words, on any scale', () => {
    expect([1, 2, 3, 4, 5].map((l) => likelihoodWords(l))).toEqual([
      'Very unlikely',
      'Unlikely',
      'Roughly even chance',
      'Likely',
      'Very likely',
    ]);
    expect(likelihoodWords(1, 4)).toBe('Very unlikely');
    expect(likelihoodWords(4, 4)).toBe('Very likely');
  });

  it('writes Admiralty grades as analysts do', () => {
    expect(admiraltyGrade('B', 2)).toBe('B2');
  });
});

describe('text normalisation', () => {
  it('uses NFC and \\n line ends and drops a byte-order mark', () => {
    expect(normaliseText('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n');
    const decomposed = '\u0438\u0306'; // и + combining breve
    expect(normaliseText(decomposed)).toBe('\u0439'); // й
    expect(normaliseText(`Қазақ${decomposed}`).length).toBe(6);
  });

  it('splits paragraphs with their offsets in the text', () => {
    const text = 'First line\n\nSecond — Қазақстан\nافغانستان\n';
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map((p) => p.text)).toEqual(['First line', 'Second — Қазақстан', 'افغانستان']);
    for (const p of paragraphs) expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
  });

  it('keeps lines of spaces out and a last line without a line end in', () => {
    expect(splitParagraphs('\n  \n\tA\n \u00a0\nB  \n\nC')).toEqual([
      { start: 4, text: '\tA' },
      { start: 10, text: 'B  ' },
      { start: 15, text: 'C' },
    ]);
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs('\n\n')).toEqual([]);
  });
});

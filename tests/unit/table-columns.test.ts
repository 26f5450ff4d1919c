import { describe, expect, it } from 'vitest';
import {
  fitColumns,
  fitTable,
  longestWordWidth,
  unbreakablePieces,
  wordWidth,
  type MeasuredTable,
  type TableMeasure,
} from '../../shared/domain/table-columns';

const times = (size = 10, bold = false) => ({ family: 'Times New Roman', size, bold });
const arial = (size = 10, bold = false) => ({ family: 'Arial', size, bold });
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('word widths', () => {
  it('sums the advance widths of Times New Roman (Liberation Serif) and Arial (Liberation Sans)', () => {
    // Liberation Serif: "m" 778, "i" 278 thousandths of an em; Liberation Sans: "m" 833, "i" 222.
    expect(wordWidth('mi', times(10))).toBeCloseTo(10.56, 2);
    expect(wordWidth('mi', arial(10))).toBeCloseTo(10.55, 2);
    expect(wordWidth('mm', times(20))).toBeCloseTo(2 * wordWidth('mm', times(10)), 6);
  });

  it('measures Cyrillic, Kazakh and Uzbek letters from the fonts, bold wider than regular', () => {
    for (const word of ['Террористическая', 'Жамағат', 'Ансаруллах', 'Oʻzbekiston', 'ҳаракати'])
      expect(wordWidth(word, times(10, true))).toBeGreaterThan(wordWidth(word, times(10)));
    // Each Cyrillic letter is measured, not guessed: "ш" is wider than "г" in both faces.
    expect(wordWidth('ш', times())).toBeGreaterThan(wordWidth('г', times()));
    expect(wordWidth('ш', arial())).toBeGreaterThan(wordWidth('г', arial()));
  });

  it('takes a font it does not know as wider than either known face, and an ideograph as a square', () => {
    const word = 'Наркотрафик';
    const unknown = wordWidth(word, { family: 'PT Astra Serif', size: 10, bold: false });
    expect(unknown).toBeGreaterThan(Math.max(wordWidth(word, times()), wordWidth(word, arial())));
    expect(wordWidth('塔利班', times(10))).toBe(30);
  });

  it('cuts text where a line may end: spaces and after a hyphen between letters, not at a no-break space', () => {
    expect(unbreakablePieces('Исламское движение Узбекистана')).toEqual(['Исламское', 'движение', 'Узбекистана']);
    expect(unbreakablePieces('таджикско-афганскую границу')).toEqual(['таджикско-', 'афганскую', 'границу']);
    expect(unbreakablePieces('1\u00a0344\u00a0км')).toEqual(['1\u00a0344\u00a0км']);
    expect(unbreakablePieces('-5 % — 01–05 %')).toEqual(['-5', '%', '—', '01–05', '%']);
    expect(unbreakablePieces('ИГИЛ–Хорасан')).toEqual(['ИГИЛ–', 'Хорасан']);
    expect(unbreakablePieces('塔利班 rule')).toEqual(['塔', '利', '班', 'rule']);
    expect(longestWordWidth('Жамағат Ансаруллах', times())).toBe(wordWidth('Ансаруллах', times()));
  });
});

describe('fitting columns to their words', () => {
  it('keeps the preset proportions when every word fits them', () => {
    expect(fitColumns([10, 30, 60], [50, 50, 50], 1000, 20)).toEqual([100, 300, 600]);
  });

  it('widens a column to its longest word and shares the rest by the presets', () => {
    const widths = fitColumns([10, 30, 60], [250, 50, 50], 1000, 20);
    expect(widths[0]).toBe(250);
    expect(sum(widths)).toBe(1000);
    // The others keep their proportions (30 : 60) in what is left.
    expect(widths[1]).toBe(250);
    expect(widths[2]).toBe(500);
  });

  it('gives the longest words their minimum first when not all fit, the others shrinking toward theirs alike', () => {
    const minimums = [400, 300, 200, 200];
    const widths = fitColumns([25, 25, 25, 25], minimums, 900, 60);
    expect(sum(widths)).toBe(900);
    expect(widths[0]).toBe(400);
    expect(widths[1]).toBe(300);
    // 200 left for two columns that need 200 each: both at 100, neither below the floor.
    expect(widths.slice(2)).toEqual([100, 100]);
    // With a little more room, the next longest gets its minimum too, and the last keeps at least the floor.
    expect(fitColumns([25, 25, 25, 25], minimums, 1000, 60)).toEqual([400, 300, 200, 100]);
  });

  it('breaks only a word wider than any column can be, keeping the other columns whole', () => {
    const widths = fitColumns([50, 25, 25], [5000, 100, 100], 1000, 60);
    expect(sum(widths)).toBe(1000);
    expect(widths[1]).toBe(100);
    expect(widths[2]).toBe(100);
    expect(widths[0]).toBe(800);
  });

  it('adds up to the total exactly in whole units', () => {
    const widths = fitColumns([6, 26, 15, 14, 13, 15, 11], [30, 90, 80, 70, 80, 70, 60], 9071, 30);
    expect(sum(widths)).toBe(9071);
    expect(widths.every(Number.isInteger)).toBe(true);
  });
});

describe('a briefing table', () => {
  const measure: TableMeasure = {
    bodyFont: 'Times New Roman',
    headingFont: 'Arial',
    size: 9.5,
    smallest: 8,
    padding: 10.5,
    width: 453.5,
  };
  const cell = (text: string, bold = false) => ({ text, bold, heading: false });
  const table = (columns: [string, number][], rows: string[][]): MeasuredTable => ({
    columns: columns.map(([text, width]) => ({ text, width })),
    rows: rows.map((r) => r.map((t) => cell(t))),
  });

  it('makes each column as wide as its longest word (heading or cell) and the padding, at the style size', () => {
    const t = table(
      [
        ['№', 6],
        ['Угроза', 40],
        ['Категория', 20],
        ['Тенденция', 34],
      ],
      [['T1', 'Террористическая активность', 'Геополитическая', 'Стабильна']],
    );
    const { size, widths } = fitTable(t, measure);
    expect(size).toBe(9.5);
    expect(sum(widths)).toBeCloseTo(453.5, 6);
    expect(widths[1]).toBeGreaterThanOrEqual(wordWidth('Террористическая', times(9.5)) + 10.5);
    expect(widths[2]).toBeGreaterThanOrEqual(wordWidth('Геополитическая', times(9.5)) + 10.5);
    expect(widths[3]).toBeGreaterThanOrEqual(wordWidth('Тенденция', arial(9.5, true)) + 10.5);
  });

  it('leaves a table whose words fit its presets as designed', () => {
    const t = table(
      [
        ['No.', 10],
        ['Threat', 60],
        ['Trend', 30],
      ],
      [['T1', 'Drug trafficking', 'Rising']],
    );
    expect(fitTable(t, measure).widths).toEqual([45.35, 272.1, 136.05]);
  });

  it('sets a table smaller, a half point at a time, when its words do not fit at the style size', () => {
    const words = ['Террористическая', 'Геополитическая', 'Незначительный', 'Маловероятно', 'Катастрофический'];
    const t = table(
      words.map((w) => [w, 20]),
      [words],
    );
    const { size, widths } = fitTable(t, measure);
    expect(size).toBeLessThan(9.5);
    expect(size).toBeGreaterThanOrEqual(8);
    expect((size * 2) % 1).toBe(0);
    words.forEach((w, i) => expect(widths[i]).toBeGreaterThanOrEqual(wordWidth(w, arial(size, true)) + 10.5));
    // One size larger, they would not have fitted.
    const larger = size + 0.5;
    expect(sum(words.map((w) => wordWidth(w, arial(larger, true)) + 10.5))).toBeGreaterThan(453.5);
  });

  it('keeps the style size for a word no column can hold, breaking only that word', () => {
    const address =
      'https://www.example.org/reports/centralasia/2026/afghanistanthreatassessment/annexes/annexb/tables/fulltext/' +
      'appendixthree/countryprofiles/tajikistanuzbekistanturkmenistan.pdf';
    // Wider than the whole table even at 8 pt.
    expect(wordWidth(address, times(8))).toBeGreaterThan(measure.width);
    const t = table(
      [
        ['Источник', 70],
        ['Тенденция', 30],
      ],
      [[address, 'Стабильна']],
    );
    const { size, widths } = fitTable(t, measure);
    expect(size).toBe(9.5);
    expect(widths[1]).toBeGreaterThanOrEqual(wordWidth('Тенденция', arial(9.5, true)) + 10.5);
    expect(widths[0]).toBeLessThan(wordWidth(address, times(9.5)));
  });

  it('counts a heading note mark after the heading word', () => {
    const base = table(
      [
        ['Население', 50],
        ['Страна', 50],
      ],
      [],
    );
    const noted: MeasuredTable = { ...base, columns: [{ text: 'Население', width: 1, note: 19 }, base.columns[1]!] };
    const narrow = { ...measure, width: wordWidth('НаселениеСтрана', arial(9.5, true)) + 21 + 4 };
    const plain = fitTable({ ...base, columns: [{ ...base.columns[0]!, width: 1 }, base.columns[1]!] }, narrow);
    const withNote = fitTable(noted, narrow);
    expect(withNote.widths[0]).toBeGreaterThan(plain.widths[0]!);
  });
});

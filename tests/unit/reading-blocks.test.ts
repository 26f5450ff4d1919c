import { describe, expect, it } from 'vitest';
import {
  firstLetterDirection,
  lineBreaksWithin,
  LONGEST_BLOCK,
  readingBlocks,
  splitParagraphs,
  type ReadingBlock,
} from '../../shared/domain/text';

/** Each block is the text at its place, and together they cover every paragraph exactly. */
function expectTiling(text: string, blocks: ReadingBlock[], longest: number): void {
  for (const block of blocks) {
    expect(text.slice(block.start, block.start + block.text.length)).toBe(block.text);
    expect(block.text.length).toBeLessThanOrEqual(longest);
  }
  const rejoined: string[] = [];
  let current = '';
  for (const block of blocks) {
    current += block.text;
    if (!block.runsOn) {
      rejoined.push(current);
      current = '';
    }
  }
  expect(rejoined).toEqual(splitParagraphs(text).map((p) => p.text));
  for (let i = 1; i < blocks.length; i++)
    if (blocks[i - 1]!.runsOn) expect(blocks[i]!.start).toBe(blocks[i - 1]!.start + blocks[i - 1]!.text.length);
}

describe('reading blocks', () => {
  it('are the paragraphs themselves while none is long', () => {
    const text = 'First paragraph.\n\nSecond one.\n\nThird.';
    expect(readingBlocks(text)).toEqual(splitParagraphs(text));
    expect(readingBlocks(text).some((b) => b.runsOn || b.lineFollows)).toBe(false);
  });

  it('mark the lines of a paragraph where blank lines separate paragraphs and single breaks wrap lines', () => {
    const lines = (text: string) => readingBlocks(text).map((b) => (b.lineFollows ? `${b.text} ↩` : b.text));
    // A hard-wrapped text file: short lines, paragraphs after a blank line.
    const wrapped =
      'The Kosh-Tepa canal will draw a fifth of the Amu Darya\nin dry years, by the ministry’s own figures.\n\n' +
      'Downstream, Karakalpakstan loses\nthe most.\n';
    expect(lines(wrapped)).toEqual([
      'The Kosh-Tepa canal will draw a fifth of the Amu Darya ↩',
      'in dry years, by the ministry’s own figures.',
      'Downstream, Karakalpakstan loses ↩',
      'the most.',
    ]);
    // A poem's stanzas, in Dari: each line keeps its own direction (a line break ends a bidi paragraph).
    expect(lines('یک\nدو\n\nسه\nچهار')).toEqual(['یک ↩', 'دو', 'سه ↩', 'چهار']);
    expect(readingBlocks('یک\nدو\n\nسه\nچهار').every((b) => b.dir === undefined)).toBe(true);
    // A paragraph's address block in a report (a line break within a Word paragraph) among long paragraphs.
    const long = 'A paragraph of a report long enough to be longer than any hand-wrapped line of text, by far. '.repeat(
      2,
    );
    const imported = [long.repeat(2), 'Ministry of Water\nStreet 12\nTashkent', long, long].join('\n\n');
    expect(lines(imported).filter((l) => l.endsWith('↩'))).toEqual(['Ministry of Water ↩', 'Street 12 ↩']);
    // Long paragraphs a single break apart, a list of short items, blank lines here and there (as the sample
    // article is written): the list's items follow one another, the long paragraphs keep their gap.
    const mixed = `Title\n\n${long}\n${long}\n– one,\n– two,\n– three.\n${long}\n\n${long}`;
    expect(lines(mixed).filter((l) => l.endsWith('↩'))).toEqual(['– one, ↩', '– two, ↩', '– three. ↩']);
    expect(lineBreaksWithin(splitParagraphs(mixed))).toBe('after-short-lines');
    // A paragraph per line with a blank line after the title: long lines, so still a paragraph per line.
    const pasted = `Title\n\n${long.repeat(3)}\n${long.repeat(2)}\n${long.repeat(4)}`;
    expect(readingBlocks(pasted).some((b) => b.lineFollows)).toBe(false);
    // No blank line at all: nothing tells a paragraph from a line, and each line is a paragraph.
    expect(readingBlocks('one\ntwo\nthree').some((b) => b.lineFollows)).toBe(false);
    expect(lineBreaksWithin(splitParagraphs('one\ntwo\nthree'))).toBe('none');
    // In a hard-wrapped text a line longer than the rest still runs on; cut as any long paragraph, its
    // last piece carries the mark.
    const wrappedLong = `one\ntwo\nthree\nfour\nfive\n${'Sentence. '.repeat(80)}\nlast line\n\nnext`;
    expect(lineBreaksWithin(splitParagraphs(wrappedLong))).toBe('all');
    const cut = readingBlocks(wrappedLong, 300);
    expect(cut.slice(0, 5).every((b) => b.lineFollows)).toBe(true);
    const lastPiece = cut.findIndex((b) => b.text === 'last line') - 1;
    expect(cut[lastPiece]!.lineFollows).toBe(true);
    expect(cut.slice(5, lastPiece).every((b) => b.runsOn && !b.lineFollows)).toBe(true);
  });

  it('cut a paragraph without line breaks at sentence ends, each block at most the longest', () => {
    let flat = '';
    for (let i = 1; flat.length < 1_000_000; i++)
      flat += `Sentence ${i} of one flat text about water allocation on the Amu Darya and the Kosh-Tepa canal. `;
    const text = `Heading\n\n${flat.trim()}\n\nA closing paragraph.`;
    const blocks = readingBlocks(text);
    expectTiling(text, blocks, LONGEST_BLOCK);
    expect(blocks.length).toBeGreaterThan(1_000_000 / LONGEST_BLOCK);
    expect(blocks.length).toBeLessThan((2 * 1_000_000) / LONGEST_BLOCK + 3);
    // Every cut but the paragraph's last falls after a sentence's full stop and its space.
    for (const block of blocks.filter((b) => b.runsOn)) expect(block.text).toMatch(/canal\. $/);
    expect(blocks[0]).toEqual({ start: 0, text: 'Heading' });
    expect(blocks.at(-1)!.text).toBe('A closing paragraph.');
  });

  it('cut Russian, Dari and Chinese text at their own sentence ends', () => {
    const russian = 'Водозабор канала Кош-Тепа растёт в маловодные годы. '.repeat(40).trim();
    const dari = 'برداشت آب کانال قوش تپه در سال‌های کم‌آبی افزایش خواهد یافت؟ '.repeat(40).trim();
    const chinese = '阿姆河的水量在枯水年减少。'.repeat(200);
    for (const [text, end] of [
      [russian, /годы\. $/],
      [dari, /یافت؟ $/],
      [chinese, /。$/],
    ] as const) {
      const blocks = readingBlocks(text, 500);
      expectTiling(text, blocks, 500);
      expect(blocks.length).toBeGreaterThan(1);
      for (const block of blocks.filter((b) => b.runsOn)) expect(block.text).toMatch(end);
    }
  });

  it('give each block of a cut paragraph the paragraph’s direction, from its first letter', () => {
    // A Dari paragraph whose second block begins with a Latin name: still right to left.
    const dari =
      'برداشت آب کانال قوش تپه افزایش یافت. '.repeat(12) + 'NATO '.repeat(30) + 'گزارش پایان یافت. '.repeat(20);
    const blocks = readingBlocks(dari, 500);
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.some((b) => /^NATO/.test(b.text))).toBe(true);
    expect(new Set(blocks.map((b) => b.dir))).toEqual(new Set(['rtl']));
    // A paragraph starting with numbers and quotes takes the direction of its first letter.
    expect(firstLetterDirection('«12» — گزارش')).toBe('rtl');
    expect(firstLetterDirection('12. Report on Kosh-Tepa')).toBe('ltr');
    expect(firstLetterDirection('2026')).toBe('ltr');
    // Directional marks and strongly right-to-left punctuation count, as in dir="auto".
    expect(firstLetterDirection('\u200fNATO گزارش داد')).toBe('rtl');
    expect(firstLetterDirection('\u200eگزارش NATO')).toBe('ltr');
    expect(firstLetterDirection('؟ Why')).toBe('rtl');
    expect(firstLetterDirection('״ quoted')).toBe('rtl');
    expect(firstLetterDirection('𞤀𞤣𞤤𞤢𞤥')).toBe('rtl'); // Adlam
    // Paragraphs left whole keep no direction of their own: the browser finds it from the text.
    expect(readingBlocks('Short.\n\nکوتاه.').every((b) => b.dir === undefined)).toBe(true);
  });

  it('fall back to a space, and cut a run without spaces between whole characters', () => {
    const words = 'word '.repeat(300).trim();
    const blocks = readingBlocks(words, 100);
    expectTiling(words, blocks, 100);
    for (const block of blocks.filter((b) => b.runsOn)) expect(block.text).toMatch(/word $/);

    // Emoji (surrogate pairs, a family joined by ZWJs, a flag, a skin tone), letters with combining
    // marks, an Indic conjunct: every cut falls between two of the clusters a reader sees.
    const clusters = ['😀', 'e\u0301', '\u0628\u0650', '👨\u200d👩\u200d👧', '🇦🇫', '👍🏽', 'क्ष', 'x'];
    const run = clusters.join('').repeat(60);
    const cut = readingBlocks(run, 101);
    expectTiling(run, cut, 101);
    expect(cut.length).toBeGreaterThan(5);
    const boundaries = new Set<number>();
    let at = 0;
    for (let i = 0; i < 60; i++)
      for (const c of clusters) {
        boundaries.add(at);
        at += c.length;
      }
    for (const block of cut.slice(1)) expect(boundaries.has(block.start)).toBe(true);

    // However short the blocks asked for, each moves on: the cutting ends.
    for (const longest of [0, 1, 2]) expectTiling(run.slice(0, 50), readingBlocks(run.slice(0, 50), longest), 50);

    // A no-break space keeps its two words together.
    const kept = 'word\u00a0word '.repeat(40).trim();
    for (const block of readingBlocks(kept, 100).filter((b) => b.runsOn)) expect(block.text).toMatch(/word $/);
  });
});

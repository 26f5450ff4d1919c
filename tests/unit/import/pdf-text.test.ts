import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyArabicWordFixes,
  arabicWordFixes,
  mapArabicPresentationForms,
} from '../../../main/services/import/arabic-forms';
import { assetCandidates, pdfAssets } from '../../../main/services/import/pdf-assets';
import { pageText, type TextRun } from '../../../main/services/import/pdf-layout';
import { checkPageText } from '../../../main/services/import/text-quality';
import { pageProblemWords } from '../../../main/services/import/import-words';
import { importFixture } from './helpers';

/** A run of text at (x, y) in a 10-point font, about 5 points a character wide. */
function run(text: string, x: number, y: number, height = 10, extra: Partial<TextRun> = {}): TextRun {
  return { text, x, y, width: text.length * 5, height, rtl: false, endsLine: false, ...extra };
}

/** Lines of a column starting at x, one every 12 points down from y. */
function column(lines: string[], x: number, y: number): TextRun[] {
  return lines.map((text, i) => run(text, x, y - 12 * i, 10, { endsLine: true }));
}

describe('Arabic presentation forms', () => {
  it('maps initial, medial, final and isolated forms to the base letters', () => {
    // "اﻧﻮاع اﻟﻌﺮﺑﻴﺔ" as a PDF gives it: presentation forms in logical order.
    expect(mapArabicPresentationForms('اﻧﻮاع اﻟﻌﺮﺑﻴﺔ')).toBe('انواع العربية');
  });

  it('turns the lam-alef ligatures into lam then alef, the order the word is written in', () => {
    expect(mapArabicPresentationForms('اﻋﻼم')).toBe('اعلام');
    expect(mapArabicPresentationForms('وﻻﯾﺎت')).toBe('ولایات');
    expect(mapArabicPresentationForms('\uFEF7')).toBe('\u0644\u0623');
  });

  it('gives the spacing vowel marks back as the marks alone, and drops the byte-order mark', () => {
    expect(mapArabicPresentationForms('ب\uFE77')).toBe('ب\u064E');
    expect(mapArabicPresentationForms('\uFEFFسلام')).toBe('سلام');
  });

  it('leaves everything outside those blocks alone: no blanket NFKC', () => {
    const text = 'E = mc² ﬁnal （全角） کرده‌اند ١٢٣';
    expect(mapArabicPresentationForms(text)).toBe(text);
  });
});

describe('lam-alef ligatures and ZWNJs, from the glyphs a page draws', () => {
  // Glyph runs as LibreOffice's PDF of "لا بالا میخواهد. می‌شود" draws them, left to right: the ligature is
  // one glyph whose text is "لا", the ZWNJ a glyph of its own (pdfjs reads "ال باال میخواهد. میشود").
  const runs = [
    ['د', 'و', 'ش', '\u200C', 'ی', 'م'],
    ['.', 'د', 'ه', 'ا', 'و', 'خ', 'ی', 'م'],
    ['لا', 'ا', 'ب'],
    ['لا'],
  ];

  it('maps each word pdfjs reverses or joins wrongly to the word the glyphs spell', () => {
    const fixes = arabicWordFixes(runs);
    expect(Object.fromEntries(fixes)).toEqual({ میشود: 'می\u200Cشود', باال: 'بالا', ال: 'لا' });
    expect(applyArabicWordFixes('ال باال میخواهد. میشود', fixes)).toBe('لا بالا میخواهد. می\u200Cشود');
  });

  it('leaves a form alone that the same page also draws as a correct word ("ال", the article)', () => {
    const fixes = arabicWordFixes([...runs, ['ل', 'ا']]);
    expect(fixes.has('ال')).toBe(false);
    expect(fixes.get('باال')).toBe('بالا');
  });

  it('decomposes a ligature glyph in its logical order, as the letters are written (U+FCCB lam-with-khah)', () => {
    // ArabicCIDTrueType.pdf draws "الخطوط" as ا + ﳋ + ﻄ + ﻮ + ط; pdfjs reads "اخلطوط".
    const fixes = arabicWordFixes([['ط', 'ﻮ', 'ﻄ', 'ﳋ', 'ا']]);
    expect(mapArabicPresentationForms(applyArabicWordFixes('اخلﻄﻮط', fixes))).toBe('الخطوط');
  });

  it('skips runs that mix in Latin letters or digits, which pdfjs orders by the bidi algorithm', () => {
    expect(arabicWordFixes([['لا', 'A', 'ب']]).size).toBe(0);
  });
});

describe('the page text check', () => {
  it('passes ordinary text in several scripts', () => {
    for (const text of [
      'The Kosh-Tepa canal will divert water from the Amu Darya.',
      'Охрана границы с Афганистаном остаётся приоритетом.',
      'بلخ در شمال افغانستان با ازبکستان هم‌مرز است.',
      '電線接続端子部が次のいずれにも該当しないとき。ａ ねじ止め端子であること。',
      'Mitarbeiterinnen und Mitarbeiter arbeiten in über 100 Ländern, cœur, naïve.',
    ])
      expect(checkPageText(text), text).toEqual({ text, problems: [], unreadable: false });
  });

  it('turns control characters into U+FFFD, drops U+FFFF, and says so', () => {
    const quality = checkPageText('Version \u0081.\u0081 of the font\uFFFF');
    expect(quality.text).toBe('Version \uFFFD.\uFFFD of the font');
    expect(quality.problems.map((p) => pageProblemWords('en', p))).toEqual([
      '2 control characters where the font maps no letter',
      '1 non-character (such as U+FFFF)',
    ]);
    expect(quality.problems.map((p) => pageProblemWords('ru', p))).toEqual([
      'управляющие символы на месте букв: 2',
      'несимволы (например, U+FFFF): 1',
    ]);
    expect(quality.unreadable).toBe(false);
  });

  it('finds Shift-JIS read as Western letters', () => {
    const quality = checkPageText('Hello ASCII œ{ŒeXg');
    expect(quality.problems.map((p) => pageProblemWords('en', p))).toEqual([
      '1 word in the wrong encoding (such as Shift-JIS shown as Western letters)',
    ]);
  });

  it('finds glyph junk: words mixing unrelated scripts, and calls a page of it unreadable', () => {
    const quality = checkPageText('ΰԔϸЇ́Ψ ϣÎgϙ ķϢʆi ǎاور˄Ⱊ ĴǎƶơǎƹŎķ Ĭࠒۉ');
    expect(quality.problems.map((p) => pageProblemWords('en', p)).join('; ')).toMatch(
      /words mix letters of unrelated scripts/,
    );
    expect(quality.unreadable).toBe(true);
  });

  it('counts private-use characters', () => {
    expect(checkPageText('\uF0B7 First point').problems).toEqual([{ kind: 'private-use', count: 1 }]);
  });
});

describe('PDF page layout', () => {
  it('keeps a superscript inline', () => {
    expect(
      pageText([
        run('E = mc', 100, 700, 12),
        run('2', 137.7, 712, 8),
        run(' ', 142, 712, 0),
        run('is the mass-energy equivalence.', 145.5, 700, 12),
      ]),
    ).toBe('E = mc2 is the mass-energy equivalence.');
  });

  it('joins the lines of a paragraph, removing the hyphens of split words and keeping those before a name', () => {
    const runs = column(
      [
        'Dynamic languages are more difficult to com-',
        'pile than statically typed ones, and the Kosh-',
        'Tepa canal is a name with its own hyphen in it.',
      ],
      50,
      700,
    );
    expect(pageText(runs)).toBe(
      'Dynamic languages are more difficult to compile than statically typed ones, and the Kosh-Tepa canal is a name with its own hyphen in it.',
    );
  });

  it('starts a paragraph at a first-line indent and after a short line that ends a sentence', () => {
    const runs = column(
      [
        'The first paragraph runs over two lines of the',
        'column and ends here.',
        '    The second paragraph begins with an indent and',
        'goes on for a while before it is done at last.',
      ],
      50,
      700,
    );
    runs[2] = { ...runs[2]!, text: runs[2]!.text.trim(), x: 70 };
    expect(pageText(runs).split('\n\n')).toEqual([
      'The first paragraph runs over two lines of the column and ends here.',
      'The second paragraph begins with an indent and goes on for a while before it is done at last.',
    ]);
  });

  it('reads two columns one after the other, with a full-width title first, and runs a sentence on across them', () => {
    const left = [
      'Left column text that goes on and on for the',
      'length of a line, and then for another line of',
      'prose, and yet another line of running text so',
      'that there is enough of it to count as a column',
      'of the page, until the column ends in the midst',
    ];
    const right = [
      'of a sentence the right column ends.',
      'The right column then has a paragraph of its own',
      'that continues for several more lines of text so',
      'that it too counts as a column of running prose',
      'and it ends here, at the foot of the page.',
    ];
    // The PDF writes the lines row by row across both columns, as some producers do.
    const runs: TextRun[] = [run('A Title Across Both Columns of the Page, Centred', 150, 760, 14, { endsLine: true })];
    for (let i = 0; i < left.length; i++)
      runs.push(run(left[i]!, 50, 700 - 12 * i), run(right[i]!, 320, 700 - 12 * i, 10, { endsLine: true }));
    const text = pageText(runs);
    expect(text.split('\n\n')).toEqual([
      'A Title Across Both Columns of the Page, Centred',
      `${left.join(' ')} ${right[0]}`,
      right.slice(1).join(' '),
    ]);
  });
});

describe('where pdfjs’s character maps are looked for', () => {
  it('inside a packaged app: unpacked beside app.asar first, for the import worker’s plain file reads', () => {
    const found = assetCandidates(join('/opt', 'wb', 'resources', 'app.asar', 'dist', 'main'));
    expect(found[0]).toBe(join('/opt', 'wb', 'resources', 'app.asar.unpacked', 'dist', 'main', 'pdfjs'));
    expect(found[1]).toBe(join('/opt', 'wb', 'resources', 'app.asar', 'dist', 'main', 'pdfjs'));
  });

  it('unbundled: finds pdfjs-dist’s own folders in node_modules', () => {
    const assets = pdfAssets();
    expect(assets?.cMapUrl).toMatch(/node_modules[\\/]pdfjs-dist[\\/]cmaps[\\/]$/);
    expect(assets?.standardFontDataUrl).toMatch(/node_modules[\\/]pdfjs-dist[\\/]standard_fonts[\\/]$/);
  });
});

describe('a LibreOffice PDF of a note with a footnote', () => {
  it('joins wrapped lines into paragraphs, keeps the note number inline, and moves the footnote to Notes', async () => {
    const source = await importFixture('footnote-note.pdf');
    const paragraphs = source.text.split('\n\n');
    expect(paragraphs[0]).toBe('— page 1 —\nОбзор миграции');
    expect(paragraphs[1]).toMatch(
      /^Рост миграционных потоков .* в условиях нестабильности и миграции\.\[1\] Рост .* спецслужб\.$/u,
    );
    expect(paragraphs[2]).toMatch(/^Второй абзац: .* а также торговли\.$/u);
    expect(paragraphs[3]).toBe(
      'The third paragraph is in English and it also runs over more than one line of the page, so that its wrapped lines must be joined again.',
    );
    expect(paragraphs.slice(4)).toEqual(['Notes', '[1] Оценка основана на данных пограничной службы за 2025 год.']);
  });
});

describe('running headers, footers and page numbers', () => {
  it('are taken out; body text that begins alike on every page ("Section 2. The …") stays', async () => {
    const source = await importFixture('running-head.pdf');
    expect(source.text).not.toContain('Quarterly Border Review — Restricted');
    expect(source.text).not.toMatch(/Page \d of 3/);
    for (const page of [1, 2, 3])
      expect(source.text).toContain(
        `— page ${page} —\nSection ${page}. The Kosh-Tepa canal will divert water from the Amu Darya, and the states downstream are watching its construction closely.\n\nOfficials in Astana`,
      );
  });
});

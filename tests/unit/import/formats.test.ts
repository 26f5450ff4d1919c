import {
  AlignmentType,
  Document,
  EndnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractSource } from '../../../main/services/import';
import { DEFAULTS, fixture, importFixture } from './helpers';

/** The sample sentences written into the fixtures by scripts/make-import-fixtures.mjs. */
const SAMPLE = {
  english1:
    'The Kosh-Tepa canal will divert water from the Amu Darya, and the states downstream are watching its construction closely.',
  english2:
    'Officials in Astana describe the threat from ISIS-Khorasan as persistent but contained, citing border cooperation with Uzbekistan and Tajikistan.',
  russianKazakh:
    'Казахстан усиливает охрану южных границ. Жергілікті тұрғындар: «Қауіпсіздік әрқашан бірінші орында». Пограничный патруль дежурит круглосуточно.',
  dari: 'ولایت بلخ در شمال افغانستان با ازبکستان هم‌مرز است و بندر حیرتان مهم‌ترین گذرگاه تجاری آن است.',
  footnote: 'Interview with a border official, Almaty, March 2024.',
  kazakh: 'Ауғанстандағы жағдай Орталық Азия елдерінің қауіпсіздігіне тікелей әсер етеді.',
};

const paragraphsOf = (text: string) => text.split(/\n{2,}/);

function expectNormalised(text: string): void {
  expect(text).toBe(text.normalize('NFC'));
  expect(text).not.toMatch(/\r|\uFEFF/);
  expect(text).not.toMatch(/^\s*\n|\n\s*$/);
}

describe('HTML article pages', () => {
  it('keeps the article and drops the menu, sidebar, comments and reply form', async () => {
    const source = await importFixture('article.html');
    expect(source.format).toBe('html');
    expect(source.mime).toBe('text/html');
    expect(paragraphsOf(source.text)).toEqual([
      'Kosh-Tepa canal strains the Amu Darya basin',
      "The Taliban administration is pressing ahead with the Kosh-Tepa canal, a 285-kilometre channel that will draw water from the Amu Darya to irrigate the plains of northern Afghanistan. Engineers in Tashkent and Ashgabat estimate that it could take up to a fifth of the river's flow once completed.",
      'For Uzbekistan and Turkmenistan, which depend on the river for cotton and wheat, the canal is a question of water security rather than of diplomacy. Neither state has a water-sharing agreement with Kabul, and the canal was begun without consultation.',
      'What officials say',
      'Officials in Tashkent have chosen quiet engagement over public protest. A senior water official put it plainly:',
      'We cannot stop the canal, but we can insist on a technical dialogue before the gates are opened.',
      'Three concerns dominate the discussions:',
      '• seepage losses from an unlined earthen channel;',
      '• the effect on the Aral Sea delta;',
      '• the absence of any monitoring data shared across the border.',
      'Contact for the project office:\nMazar-i-Sharif, Balkh province\nAfghanistan',
      'Local reporting in Russian describes the mood in Termez as «спокойное, но настороженное» — calm, but watchful. Analysts expect the first phase to be commissioned within two years, with the second phase reaching Faryab province later.',
    ]);
    for (const boilerplate of [
      'Leave a Reply',
      'Great article',
      'Water wars',
      'Subscribe now',
      'Most read',
      'Newsletter',
      'All rights reserved',
      'Post Comment',
      'dataLayer',
      'margin',
    ]) {
      expect(source.text).not.toContain(boilerplate);
    }
    expect(source.warnings).toEqual([]);
    expectNormalised(source.text);
  });

  it('reads the metadata from <head>', async () => {
    const { metadata } = await importFixture('article.html');
    expect(metadata).toEqual({
      title: 'Kosh-Tepa canal strains the Amu Darya basin',
      author: 'Dana Serikbayeva',
      publisher: 'Steppe Monitor',
      publishedOn: '2024-03-15',
      language: 'en',
      url: 'https://steppe-monitor.example/2024/03/kosh-tepa',
    });
  });

  it('keeps the whole page when asked to', async () => {
    const source = await importFixture('article.html', { keepFullText: true });
    for (const text of [
      'Subscribe now',
      'Great article, thanks for sharing!',
      'Leave a Reply',
      'Most read',
      'What officials say',
    ]) {
      expect(source.text).toContain(text);
    }
    expect(source.text).not.toContain('dataLayer');
    expect(source.text).not.toContain('nav a {');
    expect(paragraphsOf(source.text)).toContain('1. Farhod');
  });

  it('falls back to the whole text, with a warning, when no article can be found', async () => {
    const html =
      '<html lang="ru"><head><title>Короткая заметка</title></head><body><nav>Главная</nav><p>Граница закрыта до понедельника.</p></body></html>';
    const source = await extractSource(new TextEncoder().encode(html), 'note.htm', DEFAULTS);
    expect(source.text).toBe('Главная\n\nГраница закрыта до понедельника.');
    expect(source.warnings).toEqual([expect.stringMatching(/whole page text was imported/)]);
    expect(source.metadata.title).toBe('Короткая заметка');
    expect(source.metadata.language).toBe('ru');
  });

  it('reads pages in Windows-1251 that say so, and tables row by row', async () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><meta property="og:locale" content="ru_RU"></head>' +
      '<body><table><tr><th>Страна</th><th>Беженцы</th></tr><tr><td>Таджикистан</td><td>12 000</td></tr></table></body></html>';
    const encoded = encodeWindows1251(html);
    const source = await extractSource(encoded, 'table.html', { ...DEFAULTS, keepFullText: true });
    expect(source.text).toBe('Страна | Беженцы\n\nТаджикистан | 12 000');
    expect(source.metadata.language).toBe('ru');
  });

  it('takes the language from the letters when the page declares the wrong one', async () => {
    const html = `<html lang="en"><body><p>${SAMPLE.kazakh} ${SAMPLE.kazakh}</p></body></html>`;
    const source = await extractSource(new TextEncoder().encode(html), 'kz.html', { ...DEFAULTS, keepFullText: true });
    expect(source.metadata.language).toBe('kk');
    expect(source.warnings).toEqual([
      expect.stringContaining('declares its language as "en", but its text is mostly in Cyrillic script'),
    ]);
  });
});

/** Windows-1251 for Russian letters and ASCII, enough for the tests (TextEncoder only writes UTF-8). */
function encodeWindows1251(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = char.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (code === 0x401) return 0xa8;
    if (code === 0x451) return 0xb8;
    if (code === 0xab) return 0xab;
    if (code === 0xbb) return 0xbb;
    throw new Error(`no Windows-1251 byte for ${char}`);
  });
}

describe('Word documents', () => {
  it('keeps every paragraph, in order, with the footnote under Notes', async () => {
    const source = await importFixture('briefing.docx');
    expect(source.format).toBe('docx');
    expect(source.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(paragraphsOf(source.text)).toEqual([
      'Northern Afghanistan border brief',
      SAMPLE.english1,
      `${SAMPLE.english2}[1]`,
      SAMPLE.russianKazakh,
      SAMPLE.dari,
      'Notes',
      `[1] ${SAMPLE.footnote}`,
    ]);
    expect(source.text).not.toContain('↑');
    expect(source.warnings).toEqual([]);
  });

  it('hands back NFC text with Cyrillic, Kazakh and Dari letters intact', async () => {
    const { text } = await importFixture('briefing.docx');
    expectNormalised(text);
    // The fixture spells "й" as и + combining breve; the import must compose it.
    expect(text).toContain('дежурит');
    expect(text).not.toContain('\u0306');
    expect(text).toContain('Қауіпсіздік әрқашан бірінші орында');
    // The zero-width non-joiner in هم‌مرز is part of the spelling.
    expect(text).toContain('هم\u200Cمرز');
  });

  it('reads title, author and date from docProps/core.xml, and guesses the language', async () => {
    const { metadata } = await importFixture('briefing.docx');
    expect(metadata).toEqual({
      title: 'Northern Afghanistan border brief',
      author: 'Aigerim Nurpeisova',
      publisher: '',
      publishedOn: '2024-03-15',
      language: 'en',
      url: '',
    });
  });

  it('uses dc:language, the company, and the first line when there is no title', async () => {
    const zip = await JSZip.loadAsync(await fixture('briefing.docx'));
    const core = (await zip.file('docProps/core.xml')!.async('string'))
      .replace(/<dc:title>[^<]*<\/dc:title>/, '<dc:title></dc:title>')
      .replace('</cp:coreProperties>', '<dc:language>kk-KZ</dc:language></cp:coreProperties>')
      .replace('<dc:creator>Aigerim Nurpeisova</dc:creator>', '<dc:creator>Иван &amp; Мария</dc:creator>');
    zip.file('docProps/core.xml', core);
    zip.file(
      'docProps/app.xml',
      '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>Institute for Strategic Studies</Company></Properties>',
    );
    const russian = (await zip.file('word/document.xml')!.async('string'))
      .replace(/The Kosh-Tepa[^<]*/, 'Граница с Афганистаном охраняется круглосуточно, сообщили в ведомстве.')
      .replace(
        /Officials in Astana[^<]*/,
        'Власти говорят, что угроза со стороны ИГИЛ-Хорасан сохраняется, но находится под контролем.',
      );
    zip.file('word/document.xml', russian);
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const { metadata, guessed } = await extractSource(
      bytes,
      'C:\\Users\\analyst\\Downloads\\border_brief_2024.docx',
      DEFAULTS,
    );
    // The document's heading, not its file name; a guess the analyst confirms.
    expect(metadata.title).toBe('Northern Afghanistan border brief');
    expect(guessed).toContain('title');
    expect(metadata.author).toBe('Иван & Мария');
    expect(metadata.publisher).toBe('Institute for Strategic Studies');
    // Declared Kazakh is kept over the guess (Russian): both are Cyrillic, so nothing contradicts it.
    expect(metadata.language).toBe('kk');
  });

  it('keeps endnotes, headings, tables and right-to-left paragraphs', async () => {
    const document = new Document({
      endnotes: { 1: { children: [new Paragraph('Source: UNHCR operational data portal.')] } },
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Refugee flows' }),
            new Paragraph({ children: [new TextRun('Arrivals rose in 2023.'), new EndnoteReferenceRun(1)] }),
            new Table({
              rows: [
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph('Country')] }),
                    new TableCell({ children: [new Paragraph('Arrivals')] }),
                  ],
                }),
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph('Iran')] }),
                    new TableCell({ children: [new Paragraph('480 000')] }),
                  ],
                }),
              ],
            }),
            new Paragraph({
              bidirectional: true,
              alignment: AlignmentType.RIGHT,
              children: [new TextRun({ text: 'د کډوالو شمېر زیات شوی دی.', rightToLeft: true })],
            }),
          ],
        },
      ],
    });
    const source = await extractSource(new Uint8Array(await Packer.toBuffer(document)), 'flows.docx', DEFAULTS);
    const paragraphs = paragraphsOf(source.text);
    expect(paragraphs[0]).toBe('Refugee flows');
    expect(paragraphs[1]).toBe('Arrivals rose in 2023.[1]');
    expect(paragraphs).toContain('د کډوالو شمېر زیات شوی دی.');
    expect(paragraphs.slice(-2)).toEqual(['Notes', '[1] Source: UNHCR operational data portal.']);
    // A table row is one paragraph, its cells apart, though mammoth puts a <p> in every cell.
    expect(paragraphs).toContain('Country | Arrivals');
    expect(paragraphs).toContain('Iran | 480 000');
  });
});

describe('PDF files', () => {
  it('keeps the text of both pages, each after its page marker', async () => {
    const source = await importFixture('two-pages.pdf');
    expect(source.format).toBe('pdf');
    expect(source.mime).toBe('application/pdf');
    const lines = source.text.split('\n');
    expect(lines[0]).toBe('— page 1 —');
    expect(lines.filter((line) => /^— page \d+ —$/.test(line))).toEqual(['— page 1 —', '— page 2 —']);
    const [page1, page2] = source.text.split(/\n\n— page 2 —\n/);
    // LibreOffice wraps the long sentences; the wrapped lines are joined back into their paragraph.
    expect(page1).toContain(SAMPLE.english1);
    expect(page1).toContain(SAMPLE.english2);
    expect(paragraphsOf(page1!)).toEqual([
      '— page 1 —\nBorder Security Review',
      'The Kosh-Tepa canal will divert water from the Amu Darya, and the states downstream are watching its construction closely.',
      'Officials in Astana describe the threat from ISIS-Khorasan as persistent but contained, citing border cooperation with Uzbekistan and Tajikistan.',
    ]);
    expect(page2).toContain(SAMPLE.kazakh);
    // Dari comes back in reading order (pdfjs hands over right-to-left runs left to right).
    for (const word of ['بلخ در شمال افغانستان با ازبکستان', 'بندر حیرتان', 'گذرگاه تجاری آن است.'])
      expect(page2).toContain(word);
    expect(page2!.indexOf('بلخ')).toBeLessThan(page2!.indexOf('حیرتان'));
    expectNormalised(source.text);
    expect(source.warnings).toEqual([]);
  });

  it('reads title, author, date and language from the document information', async () => {
    const { metadata } = await importFixture('two-pages.pdf');
    expect(metadata.title).toBe('Border Security Review');
    expect(metadata.author).toBe('Almat Toyekin');
    expect(metadata.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(metadata.language).toBe('en');
    expect(metadata.publisher).toBe('');
  });

  it('reads a hand-written PDF in a standard font that is not embedded', async () => {
    const source = await importFixture('standard-font.pdf');
    expect(source.text).toBe(
      '— page 1 —\nHand-written PDF with a standard, non-embedded font. Second line of the same paragraph.',
    );
    expect(source.metadata).toEqual({
      title: 'Standard font sample',
      author: 'Nodir Karimov',
      publisher: '',
      publishedOn: '2023-07-04',
      language: 'en',
      url: '',
    });
  });

  it('leaves the caller its bytes (pdfjs detaches the buffer it is given)', async () => {
    const bytes = await fixture('two-pages.pdf');
    const length = bytes.byteLength;
    await extractSource(bytes, 'two-pages.pdf', DEFAULTS);
    expect(bytes.byteLength).toBe(length);
    expect(String.fromCharCode(...bytes.subarray(0, 5))).toBe('%PDF-');
  });
});

describe('plain text and Markdown', () => {
  it('reads UTF-16 with a byte-order mark, as Notepad writes it', async () => {
    const source = await importFixture('kazakh-utf16le.txt');
    expect(source).toMatchObject({ format: 'text', mime: 'text/plain', warnings: [] });
    expect(source.text).toBe(
      `Қауіпсіздік шолуы\n\n${SAMPLE.kazakh}\nОхрана границы с Афганистаном остаётся приоритетом.`,
    );
    expect(source.metadata).toEqual({
      // The first line reads as a heading: it is the guessed title.
      title: 'Қауіпсіздік шолуы',
      author: '',
      publisher: '',
      publishedOn: null,
      language: 'kk',
      url: '',
    });
  });

  it('reads UTF-16 big-endian and UTF-8 with a byte-order mark', async () => {
    const text = 'Ауғанстан шекарасы\r\nҚауіпсіздік';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1]!;
      be[i + 1] = le[i]!;
    }
    const fromBe = await extractSource(
      new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be])),
      'be.txt',
      DEFAULTS,
    );
    const fromBom = await extractSource(
      new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
      'bom.txt',
      DEFAULTS,
    );
    expect(fromBe.text).toBe('Ауғанстан шекарасы\nҚауіпсіздік');
    expect(fromBom.text).toBe('Ауғанстан шекарасы\nҚауіпсіздік');
  });

  it('reads legacy Windows-1251 Russian files, with a warning to check them', async () => {
    const text =
      'Пограничная служба сообщает: обстановка на участке «Термез» спокойная.\nДоклад подготовлен в отделе анализа.';
    const source = await extractSource(encodeWindows1251(text), 'доклад.txt', DEFAULTS);
    expect(source.text).toBe(text);
    expect(source.metadata.language).toBe('ru');
    expect(source.warnings).toEqual([expect.stringContaining('Windows-1251')]);
  });

  it('keeps Markdown as written, titled by its first heading', async () => {
    const source = await importFixture('notes.md');
    expect(source).toMatchObject({ format: 'markdown', mime: 'text/markdown' });
    expect(source.text).toBe(new TextDecoder().decode(await fixture('notes.md')).trimEnd());
    expect(source.text).toContain('**2023-yilda** oʻsdi');
    expect(source.metadata.title).toBe('Oʻzbekiston va Afgʻoniston: chegara savdosi');
    expect(source.metadata.language).toBe('uz');
  });

  it('drops blank lines before and after the text, and normalises line ends and composition', async () => {
    const source = await extractSource(
      new TextEncoder().encode('\r\n \r\n  Indented first line\r\nу\u0306\r\n\r\n\r\n'),
      'draft.markdown',
      DEFAULTS,
    );
    expect(source.text).toBe('  Indented first line\nў');
    expect(source.format).toBe('markdown');
  });

  it('does not take a note that mentions a PDF header for a PDF', async () => {
    const source = await extractSource(
      new TextEncoder().encode('# File signatures\n\nA PDF starts with %PDF-1.7 and a zip with PK.'),
      'signatures.md',
      DEFAULTS,
    );
    expect(source.text).toContain('%PDF-1.7');
  });

  it('accepts a declared Uzbek over Uzbek Cyrillic text without a warning', async () => {
    const html =
      '<html lang="uz"><body><p>Ўзбекистон Республикаси Ташқи ишлар вазирлиги Афғонистон билан чегара савдосини кенгайтириш бўйича келишувлар имзоланганини маълум қилди.</p></body></html>';
    const source = await extractSource(new TextEncoder().encode(html), 'uz.html', { ...DEFAULTS, keepFullText: true });
    expect(source.metadata.language).toBe('uz');
    expect(source.warnings).toEqual([]);
  });

  it('imports UTF-8 with a stray bad byte, saying how many characters were lost', async () => {
    const good = new TextEncoder().encode('A long report on migration routes through Termez. '.repeat(40));
    const bytes = new Uint8Array([...good, 0xd0]);
    const source = await extractSource(bytes, 'cut.txt', DEFAULTS);
    expect(source.text.endsWith('\uFFFD')).toBe(true);
    expect(source.warnings).toEqual([
      '1 character could not be read and is shown as "\uFFFD". Check the text against the original.',
    ]);
  });
});

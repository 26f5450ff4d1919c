import * as docx from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractSource } from '../../../main/services/import';
import { authorFromHeader, dateFromHeader, titleFromHeader } from '../../../main/services/import/header';
import { authorNames, readHtml } from '../../../main/services/import/html';
import { detectLanguage, detectLanguages, paragraphLanguages } from '../../../shared/domain/language-detect';
import { MULTILINGUAL_NOTE } from '../multilingual-note';
import { DEFAULTS, fixture } from './helpers';

const encode = (text: string) => new TextEncoder().encode(text);
const html = (page: string) =>
  readHtml({ bytes: encode(page), fileName: 'page.html', options: DEFAULTS, signal: new AbortController().signal });

const SAMPLES = {
  en: 'The Islamic State Khorasan Province has claimed attacks in Kabul and across the border in Pakistan, and analysts warn of recruitment among Central Asian migrant workers.',
  ru: 'Министерство обороны Казахстана сообщило об усилении охраны государственной границы в связи с ситуацией в Афганистане и ростом наркотрафика.',
  kk: 'Қазақстан Республикасының Ұлттық қауіпсіздік комитеті Ауғанстандағы жағдайды мұқият бақылап отыр және шекара күзетін күшейтті.',
  uz: 'Oʻzbekiston Tashqi ishlar vazirligi Afgʻoniston bilan chegara savdosini kengaytirish va transport yoʻlaklarini rivojlantirish boʻyicha kelishuvlar imzolandi.',
  dari: 'ولایت بلخ در شمال افغانستان با ازبکستان هم‌مرز است و بندر حیرتان مهم‌ترین گذرگاه تجاری آن است.',
  pashto:
    'د افغانستان په شمال کې د بلخ ولایت له ازبکستان سره پوله لري او د حیرتان بندر یې تر ټولو مهمه سوداګریزه لاره ده.',
  arabic: 'أعلنت حركة طالبان يوم الاثنين أن الولايات الشمالية تخضع لسيطرتها وأن السكان يشعرون بالقلق من الوضع.',
};

describe('language (franc)', () => {
  it.each([
    ['en', SAMPLES.en],
    ['ru', SAMPLES.ru],
    ['kk', SAMPLES.kk],
    ['uz', SAMPLES.uz],
    ['fa', SAMPLES.dari],
    ['ps', SAMPLES.pashto],
    ['ar', SAMPLES.arabic],
  ])('tells %s', (tag, text) => {
    expect(detectLanguage(text)).toBe(tag);
  });

  it.each([
    'По данным пограничной службы, число задержанных выросло вдвое за первые два месяца года.',
    'В докладе говорится о росте наркотрафика через Таджикистан.',
    'Канал Кош-Тепа заберёт до трети стока Амударьи.',
    'Движение Талибан заявило о контроле над северными провинциями.',
  ])('takes a short Russian sentence for Russian, not a neighbour without its own letters: %s', (text) => {
    expect(detectLanguage(text)).toBe('ru');
  });

  it('still tells Ukrainian and Belarusian by their own letters', () => {
    expect(detectLanguage('Україна та Казахстан обговорили питання безпеки на кордоні.')).toBe('uk');
    expect(detectLanguage('Беларусь і Расія падпісалі дамову аб супрацоўніцтве ў сферы бяспекі.')).toBe('be');
  });

  it('names every language of a mixed text, the main one first, paragraph by paragraph', () => {
    const text = [SAMPLES.ru, SAMPLES.ru, SAMPLES.ru, SAMPLES.kk, SAMPLES.en].join('\n\n');
    expect(detectLanguages(text)).toEqual({ main: 'ru', all: ['ru', 'en', 'kk'] });
    expect(detectLanguages(SAMPLES.dari)).toEqual({ main: 'fa', all: ['fa'] });
    expect(detectLanguages('12.5 % — 2024')).toEqual({ main: 'und', all: [] });
  });

  it('marks the paragraphs in another language than the source’s, for the reader', () => {
    expect(paragraphLanguages([SAMPLES.ru, SAMPLES.kk, 'Алматы, 2026', SAMPLES.en], 'ru')).toEqual([
      null,
      'kk',
      null,
      'en',
    ]);
  });
});

describe('header lines', () => {
  it.each([
    ['Записка\nАлматы, 12 марта 2026 г.\nТекст.', '2026-03-12'],
    ['Шолу\nАстана, 2026 жылғы 5 наурыз\nМәтін.', '2026-03-05'],
    ['Шолу\nАстана, 5 наурыз 2026 ж.\nМәтін.', '2026-03-05'],
    ['Brief\nAlmaty, 12 March 2026\nText.', '2026-03-12'],
    ['Brief\nMarch 12, 2026\nText.', '2026-03-12'],
    ['Brief\n12.03.2026\nText.', '2026-03-12'],
    // A date inside a long sentence of the body is an event, not the document's date.
    [`Brief\n${'The meeting of the border commission was held in Termez '.repeat(3)}on 12 March 2024.`, null],
    // A day and month without a year say nothing citable.
    ['Записка\n12 марта\nТекст.', null],
  ])('reads the date of %j', (text, date) => {
    expect(dateFromHeader(text)).toBe(date);
  });

  it('reads author lines and the title line', () => {
    expect(authorFromHeader('Отчёт\nАвтор: Иван Петров\n\nТекст.')).toBe('Иван Петров');
    expect(authorFromHeader('Report\nBy Almat Toyekin, 12 March 2026\n\nText.')).toBe('Almat Toyekin');
    expect(authorFromHeader('By the end of 2025, the border was closed.')).toBe('');
    expect(titleFromHeader('Security threats from Afghanistan\n\nBy Almat Toyekin')).toBe(
      'Security threats from Afghanistan',
    );
    expect(titleFromHeader('This is the first sentence of a note.\nAnd more.')).toBe('');
  });

  it('gives a document the date of its text before its file date, and marks every guess', async () => {
    const text = 'Записка о миграции\nАлматы, 12 марта 2026 г.\nАвтор: Айгерим Нурпеисова\n\n' + SAMPLES.ru;
    const source = await extractSource(encode(text), 'note.txt', DEFAULTS);
    expect(source.metadata).toMatchObject({
      title: 'Записка о миграции',
      author: 'Айгерим Нурпеисова',
      publishedOn: '2026-03-12',
      language: 'ru',
    });
    expect(source.guessed).toEqual(['title', 'author', 'publishedOn', 'language']);
  });
});

describe('web pages', () => {
  it('cleans bylines: no "By", "por", dates or @handles, and several authors kept', () => {
    expect(authorNames(['By Jane Doe and John Roe'])).toBe('Jane Doe, John Roe');
    expect(authorNames(['Por María López, 12 de marzo'])).toBe('María López');
    expect(authorNames(['Jane Doe (@janedoe) | Updated March 3, 2024'])).toBe('Jane Doe');
    expect(authorNames(['Jane Doe, John Roe'])).toBe('Jane Doe, John Roe');
    expect(authorNames(['Jong, Michiel de'])).toBe('Jong, Michiel de');
    expect(authorNames(['@steppe_monitor'])).toBe('');
    // From Readability's test pages: roles on their own lines, a profile link, a magazine's name.
    expect(authorNames(['Written by Rob Ewaschuk\nEdited by Betsy Beyer'])).toBe('Rob Ewaschuk, Betsy Beyer');
    expect(authorNames(['Andrew Zonenberg, View my complete profile'])).toBe('Andrew Zonenberg');
    expect(authorNames(['Mac & i'])).toBe('Mac & i');
    expect(authorNames(['Kooman, F.', 'Jong, Michiel de'])).toBe('Kooman, F., Jong, Michiel de');
  });

  it('keeps repeated author tags, prefers the visible headline to og:title, and states what the tags say', () => {
    const draft = html(
      '<html lang="en"><head><title>Border | Steppe</title><meta property="og:title" content="Border closes: what it means for trade">' +
        '<meta name="author" content="By Jane Doe"><meta name="author" content="John Roe">' +
        '<meta name="citation_publication_date" content="2024/03/15"></head><body><article><h1>Uzbek border closes to trucks as talks stall</h1>' +
        `<p>${SAMPLES.en} ${SAMPLES.en}</p><p>${SAMPLES.en}</p></article></body></html>`,
    );
    expect(draft.metadata).toMatchObject({
      title: 'Uzbek border closes to trucks as talks stall',
      author: 'Jane Doe, John Roe',
      publishedOn: '2024-03-15',
    });
    expect(draft.stated).toEqual(['title', 'author', 'publishedOn']);
  });

  it('keeps MathML as its text, and makes no "| |" lines of empty cells', () => {
    const draft = html(
      `<html><body><article><p>${SAMPLES.en}</p><p>Energy is <math alttext="E = mc^2"><mi>E</mi></math> here, and <math><semantics><mi>x</mi><annotation encoding="application/x-tex">x^2</annotation></semantics></math>.</p>` +
        '<table><tr><td>Post</td><td></td><td>Open</td></tr><tr><td> </td><td>&nbsp;</td></tr></table>' +
        `<p>${SAMPLES.en}</p></article></body></html>`,
    );
    expect(draft.text).toContain('Energy is E = mc^2 here, and x^2.');
    expect(draft.text).toContain('Post | Open');
    expect(draft.text).not.toMatch(/\|\s*\|/);
  });
});

describe('Word tracked changes', () => {
  it('reads as if accepted — insertions kept, deletions left out — and says the file holds them', async () => {
    const zip = await JSZip.loadAsync(await fixture('briefing.docx'));
    const body = (await zip.file('word/document.xml')!.async('string')).replace(
      '<w:t xml:space="preserve">The Kosh-Tepa canal will divert water from the Amu Darya, and the states downstream are watching its construction closely.</w:t></w:r>',
      '<w:t xml:space="preserve">The Kosh-Tepa canal will divert water from the Amu Darya.</w:t></w:r>' +
        '<w:ins w:id="91" w:author="Editor" w:date="2026-03-12T10:00:00Z"><w:r><w:t xml:space="preserve"> Its first phase is finished.</w:t></w:r></w:ins>' +
        '<w:del w:id="92" w:author="Editor" w:date="2026-03-12T10:00:00Z"><w:r><w:delText xml:space="preserve"> Nobody objects.</w:delText></w:r></w:del>',
    );
    expect(body).toContain('<w:ins ');
    zip.file('word/document.xml', body);
    const source = await extractSource(await zip.generateAsync({ type: 'uint8array' }), 'tracked.docx', DEFAULTS);
    expect(source.text).toContain(
      'The Kosh-Tepa canal will divert water from the Amu Darya. Its first phase is finished.',
    );
    expect(source.text).not.toContain('Nobody objects');
    expect(source.warnings).toContainEqual(expect.stringMatching(/^The document holds 2 tracked changes; .*accepted/));
  });
});

describe('the multilingual note of issue 14', () => {
  it('is Russian, names its Kazakh, Dari and English too, and marks each paragraph’s language', async () => {
    const source = await extractSource(encode(MULTILINGUAL_NOTE), 'note.txt', DEFAULTS);
    expect(source.metadata.language).toBe('ru');
    expect(source.metadata.title).toBe('Записка о водных рисках бассейна Амударьи');
    expect([...(source.languages ?? [])].sort()).toEqual(['en', 'fa', 'kk', 'ru']);
    const paragraphs = source.text.split('\n\n');
    expect(paragraphLanguages(paragraphs, 'ru')).toEqual([null, null, 'kk', 'fa', 'en', 'en', 'en']);
  });
});

describe('Word comments', () => {
  it('come with the text they are attached to, telling which repeat of it', async () => {
    const comment = (id: number, text: string) => ({
      id,
      author: 'Reviewer',
      date: new Date('2026-03-13T10:00:00Z'),
      children: [new docx.Paragraph({ children: [new docx.TextRun(text)] })],
    });
    const document = new docx.Document({
      comments: { children: [comment(0, 'Which border?'), comment(1, 'Source?')] },
      sections: [
        {
          children: [
            new docx.Paragraph({ children: [new docx.TextRun('Patrols on the border grew.')] }),
            new docx.Paragraph({
              children: [
                new docx.TextRun('Trade across '),
                new docx.CommentRangeStart(0),
                new docx.TextRun('the border'),
                new docx.CommentRangeEnd(0),
                new docx.TextRun({ children: [new docx.CommentReference(0)] }),
                new docx.TextRun(' fell.'),
                new docx.TextRun({ children: [new docx.CommentReference(1)] }),
              ],
            }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await docx.Packer.toBuffer(document));
    const source = await extractSource(bytes, 'comments.docx', DEFAULTS);
    expect(source.comments).toEqual([
      { author: 'Reviewer', date: '2026-03-13', text: 'Which border?', quote: 'the border', occurrence: 1 },
      // A comment with no range: its whole paragraph.
      {
        author: 'Reviewer',
        date: '2026-03-13',
        text: 'Source?',
        quote: 'Trade across the border fell.',
        occurrence: 0,
      },
    ]);
    expect(source.text).toContain('Comments\n\n[1] Reviewer: Which border?\n\n[2] Reviewer: Source?');
  });
});

import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../main/services/import/dom';
import { decodeText, declaredHtmlCharset } from '../../../main/services/import/encoding';
import { pageMetadata } from '../../../main/services/import/html';
import { withinTime, zipExpansionLimit } from '../../../main/services/import/limits';
import { cleanTitle, toCalendarDate, toWebAddress } from '../../../main/services/import/metadata';
import { htmlToParagraphs } from '../../../main/services/import/paragraphs';
import { pageText, type TextRun } from '../../../main/services/import/pdf-layout';
import { displayName, extensionOf, formatBytes } from '../../../main/services/import/refusal';
import { markdownTitle } from '../../../main/services/import/text';
import { MB } from './helpers';

const paragraphs = (html: string) => {
  const document = parseHtmlDocument(html);
  return htmlToParagraphs(document.body ?? document.documentElement);
};

describe('HTML to paragraphs', () => {
  it('gives every block its own paragraph and keeps <br> as a line break', () => {
    expect(
      paragraphs(
        '<h2>Heading</h2><p>One <b>bold</b>\n   word.</p><blockquote>Quoted</blockquote><div>Line one<br>Line two</div>',
      ),
    ).toEqual(['Heading', 'One bold word.', 'Quoted', 'Line one\nLine two']);
  });

  it('splits at a double <br>, as many sites separate paragraphs', () => {
    expect(paragraphs('<div>First paragraph.<br><br>Second paragraph.</div>')).toEqual([
      'First paragraph.',
      'Second paragraph.',
    ]);
  });

  it('numbers ordered lists from their start and nests lists', () => {
    expect(
      paragraphs(
        '<ol start="4"><li>Fourth</li><li>Fifth<ul><li>Inner</li></ul></li></ol><ul><li><p>Bullet in a block</p></li><li><img src="x"></li></ul><p>After</p>',
      ),
    ).toEqual(['4. Fourth', '5. Fifth', '• Inner', '• Bullet in a block', 'After']);
  });

  it('keeps preformatted text as it is', () => {
    expect(paragraphs('<pre>  indented\n    more\n</pre><p>after</p>')).toEqual(['  indented\n    more', 'after']);
  });

  it('leaves out what a reader does not see', () => {
    expect(
      paragraphs(
        '<p>Seen</p><p hidden>Hidden</p><div style="display:none">None</div><script>x()</script><style>p{}</style><noscript>Enable JS</noscript><template>T</template><select><option>Opt</option></select>',
      ),
    ).toEqual(['Seen']);
  });

  it('reads a table row across, whatever blocks its cells hold', () => {
    expect(
      paragraphs(
        '<table><thead><tr><th>Group</th><th>Area</th></tr></thead><tbody><tr><td><p>TTP</p></td><td><p>Khyber</p><p>Pakhtunkhwa</p></td></tr></tbody></table>',
      ),
    ).toEqual(['Group | Area', 'TTP | Khyber Pakhtunkhwa']);
  });

  it('keeps non-breaking spaces and zero-width non-joiners, which are part of the text', () => {
    expect(paragraphs('<p>12\u00A0000 km — هم\u200Cمرز</p>')).toEqual(['12\u00A0000 km — هم\u200Cمرز']);
  });
});

describe('HTML metadata', () => {
  it('strips the site name from <title>, ignores profile links as authors and reads <time>', () => {
    const page = parseHtmlDocument(
      '<html xml:lang="kk"><head><title>Шекара жаңалықтары — Steppe Monitor</title><meta property="og:site_name" content="Steppe Monitor"><meta property="article:author" content="https://facebook.com/someone"></head>' +
        '<body><article><span itemprop="author">Ерлан Сәбитов</span><time datetime="2023-11-02">2 қараша</time></article></body></html>',
    );
    expect(pageMetadata(page).metadata).toEqual({
      title: 'Шекара жаңалықтары',
      author: 'Ерлан Сәбитов',
      publisher: 'Steppe Monitor',
      publishedOn: '2023-11-02',
      language: 'kk',
      url: '',
    });
  });

  it('reads Dublin Core tags, og:locale and og:url', () => {
    const page = parseHtmlDocument(
      '<html><head><meta name="DC.title" content="Report"><meta name="DC.creator" content="CSIS"><meta name="dc.date" content="15.03.2024"><meta property="og:locale" content="ps_AF"><meta property="og:url" content="https://example.org/r?id=1"></head><body></body></html>',
    );
    expect(pageMetadata(page).metadata).toMatchObject({
      title: 'Report',
      author: 'CSIS',
      publishedOn: '2024-03-15',
      language: 'ps_AF',
      url: 'https://example.org/r?id=1',
    });
  });
});

describe('dates', () => {
  it.each([
    ['2024-03-15T08:30:00+05:00', '2024-03-15'],
    ['2024-03-15', '2024-03-15'],
    ['2024-03-15 23:59', '2024-03-15'],
    ["D:20240315083000+05'00'", '2024-03-15'],
    ["D:20261128054445Z'", '2026-11-28'],
    ['20240315', '2024-03-15'],
    ['15.03.2024', '2024-03-15'],
    ['5.3.2024', '2024-03-05'],
    ['15 March 2024', '2024-03-15'],
    ['2024-02-30', null],
    ['2024-13-01', null],
    ['yesterday', null],
    ['', null],
    [undefined, null],
    [42, null],
  ])('%j → %j', (raw, date) => {
    expect(toCalendarDate(raw)).toBe(date);
  });
});

describe('small tidying rules', () => {
  it('cleans titles producers fill in by themselves', () => {
    expect(cleanTitle('Microsoft Word - border_report.docx')).toBe('border_report');
    expect(cleanTitle('Untitled')).toBe('');
    expect(cleanTitle('Document1')).toBe('');
    expect(cleanTitle('  Kosh-Tepa:\n the canal  ')).toBe('Kosh-Tepa: the canal');
  });

  it('keeps only web addresses', () => {
    expect(toWebAddress('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(toWebAddress('javascript:alert(1)')).toBe('');
    expect(toWebAddress('/relative/path')).toBe('');
  });

  it('takes the first level-one Markdown heading, unformatted', () => {
    expect(markdownTitle('Intro line\n\n## Not this\n# The **real** [title](http://x) #\n# Later')).toBe(
      'The real title',
    );
    expect(markdownTitle('#NoSpace\ntext')).toBe('');
  });

  it('formats sizes as a file manager does', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(10_419)).toBe('10 KB');
    expect(formatBytes(2.5 * MB)).toBe('2.5 MB');
    expect(formatBytes(73 * MB)).toBe('73 MB');
    expect(formatBytes(50.2 * MB, true)).toBe('50.2 MB');
  });

  it('names files without their folders and finds extensions', () => {
    expect(displayName('C:\\Reports\\Q1\\brief.DOCX')).toBe('brief.DOCX');
    expect(extensionOf('C:\\Reports\\Q1\\brief.DOCX')).toBe('docx');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
  });

  it('lets a .docx unpack to twenty times the import limit, never past 500 MB', () => {
    expect(zipExpansionLimit(MB)).toBe(20 * MB);
    expect(zipExpansionLimit(50 * MB)).toBe(500 * MB);
    expect(zipExpansionLimit(200 * MB)).toBe(500 * MB);
  });
});

describe('decoding text files', () => {
  it('reads a page in the charset it declares', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('<meta charset="koi8-r"><p>'),
      0xf0,
      0xd2,
      0xc9,
      0xd7,
      0xc5,
      0xd4,
    ]);
    expect(declaredHtmlCharset(bytes)).toBe('koi8-r');
    expect(decodeText(bytes, 'koi8-r')?.text).toBe('<meta charset="koi8-r"><p>Привет');
  });

  it('prefers valid UTF-8 over a stale declaration', () => {
    const bytes = new TextEncoder().encode('<meta charset="windows-1251"><p>Привет, Ташкент</p>');
    expect(decodeText(bytes, 'windows-1251')).toEqual({
      text: '<meta charset="windows-1251"><p>Привет, Ташкент</p>',
      encoding: 'utf-8',
    });
  });

  it('refuses UTF-32 rather than misreading it', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]))).toBeNull();
  });
});

describe('PDF page layout', () => {
  const run = (text: string, x: number, y: number, width: number, extra: Partial<TextRun> = {}): TextRun => ({
    text,
    x,
    y,
    width,
    height: 10,
    rtl: false,
    endsLine: false,
    ...extra,
  });

  it('joins the lines of a paragraph, and breaks paragraphs at changes of height and after short lines', () => {
    const runs = [
      run('Heading', 72, 760, 80, { height: 16, endsLine: true }),
      run('A long first line of the paragraph that fills the text width', 72, 740, 450, { endsLine: true }),
      run('and its short end.', 72, 728, 120, { endsLine: true }),
      run('Next paragraph, long enough to fill the whole width of the page', 72, 716, 450),
      run('without an end-of-line mark.', 72, 704, 200),
    ];
    expect(pageText(runs)).toBe(
      'Heading\n\nA long first line of the paragraph that fills the text width and its short end.\n\nNext paragraph, long enough to fill the whole width of the page without an end-of-line mark.',
    );
  });

  it('starts a paragraph at a gap wider than the line spacing', () => {
    const runs = [
      run('One line that is long', 72, 700, 400),
      run('Second line that is long', 72, 688, 400),
      run('After a gap, long line', 72, 650, 400),
      run('Last line, long as well', 72, 638, 400),
    ];
    expect(pageText(runs)).toBe(
      'One line that is long Second line that is long\n\nAfter a gap, long line Last line, long as well',
    );
  });

  it('reads right-to-left runs from the right edge', () => {
    const runs = [
      run('ترین گذرگاه', 99, 749, 118, { rtl: true }),
      run('مرز است', 217, 749, 118, { rtl: true }),
      run('ولایت بلخ', 335, 749, 188, { rtl: true }),
    ];
    expect(pageText(runs)).toBe('ولایت بلخ' + 'مرز است' + 'ترین گذرگاه');
  });

  it('puts back spaces between runs that are visibly apart, and none between runs that touch', () => {
    expect(pageText([run('Amu', 72, 700, 20), run('Dar', 95, 700, 18), run('ya', 113.2, 700, 12)])).toBe('Amu Darya');
  });

  it('keeps a superscript note number on its line', () => {
    expect(
      pageText([run('Kabul', 72, 700, 30), run('3', 102, 704, 4, { height: 6 }), run(' said.', 106, 700, 30)]),
    ).toBe('Kabul3 said.');
  });

  it('returns nothing for a page of empty runs', () => {
    expect(pageText([run('', 0, 0, 0, { endsLine: true }), run('   ', 72, 700, 10)])).toBe('');
  });
});

describe('withinTime', () => {
  it('rejects with the given error and aborts the work', async () => {
    let signal: AbortSignal | undefined;
    const never = withinTime(
      (s) => {
        signal = s;
        return new Promise(() => undefined);
      },
      5,
      () => new Error('too slow'),
    );
    await expect(never).rejects.toThrow('too slow');
    expect(signal?.aborted).toBe(true);
  });

  it('passes results and failures through when in time', async () => {
    await expect(
      withinTime(
        async () => 'done',
        1000,
        () => new Error('x'),
      ),
    ).resolves.toBe('done');
    await expect(
      withinTime(
        async () => Promise.reject(new Error('broken')),
        1000,
        () => new Error('x'),
      ),
    ).rejects.toThrow('broken');
  });
});

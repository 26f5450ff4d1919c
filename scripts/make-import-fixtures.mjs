// Writes the small sample files that tests/unit/import reads, into tests/fixtures/import/.
// The outputs are committed so the unit tests never need LibreOffice; re-run after changing a sample:
//   node scripts/make-import-fixtures.mjs
// The PDFs need LibreOffice (`soffice`, from libreoffice-writer-nogui) on the PATH.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import {
  AlignmentType,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import JSZip from 'jszip';

// FIXTURES_OUT=<folder> writes them elsewhere (to compare with the committed ones before replacing them).
const out = process.env.FIXTURES_OUT ?? fileURLToPath(new URL('../tests/fixtures/import/', import.meta.url));
const run = promisify(execFile);

// Fixed so that re-running the script gives the same metadata the tests assert.
const CREATED = '2024-03-15T09:00:00Z';
const MODIFIED = '2024-03-20T16:45:00Z';
const ZIP_DATE = new Date('2024-03-20T16:45:00Z');

const SAMPLE = {
  english1:
    'The Kosh-Tepa canal will divert water from the Amu Darya, and the states downstream are watching its construction closely.',
  english2:
    'Officials in Astana describe the threat from ISIS-Khorasan as persistent but contained, citing border cooperation with Uzbekistan and Tajikistan.',
  // "й" written decomposed (и + combining breve) on purpose: the importer must hand back NFC.
  russianKazakh:
    'Казахстан усиливает охрану южных границ. Жергілікті тұрғындар: «Қауіпсіздік әрқашан бірінші орында». Пограничный патруль дежурит круглосуточно.'.replace(
      'й',
      'и\u0306',
    ),
  // Contains a zero-width non-joiner (هم‌مرز), which must survive import.
  dari: 'ولایت بلخ در شمال افغانستان با ازبکستان هم‌مرز است و بندر حیرتان مهم‌ترین گذرگاه تجاری آن است.',
  footnote: 'Interview with a border official, Almaty, March 2024.',
  kazakh: 'Ауғанстандағы жағдай Орталық Азия елдерінің қауіпсіздігіне тікелей әсер етеді.',
};

function textRun(text, rtl = false) {
  return new TextRun({ text, font: 'DejaVu Sans', ...(rtl ? { rightToLeft: true } : {}) });
}

/** Rewrites docProps/core.xml with fixed dates (docx stamps "now") and fixes zip entry dates. */
async function pinDates(buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const core = await zip.file('docProps/core.xml').async('string');
  const pinned = core
    .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${CREATED}$2`)
    .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${MODIFIED}$2`);
  zip.file('docProps/core.xml', pinned);
  zip.forEach((_path, entry) => {
    entry.date = ZIP_DATE;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function briefingDocx() {
  const doc = new Document({
    title: 'Northern Afghanistan border brief',
    creator: 'Aigerim Nurpeisova',
    description: 'Sample for the import tests',
    footnotes: { 1: { children: [new Paragraph({ children: [textRun(SAMPLE.footnote)] })] } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [textRun('Northern Afghanistan border brief')] }),
          new Paragraph({ children: [textRun(SAMPLE.english1)] }),
          new Paragraph({ children: [textRun(SAMPLE.english2), new FootnoteReferenceRun(1)] }),
          new Paragraph({ children: [textRun(SAMPLE.russianKazakh)] }),
          new Paragraph({
            bidirectional: true,
            alignment: AlignmentType.RIGHT,
            children: [textRun(SAMPLE.dari, true)],
          }),
        ],
      },
    ],
  });
  return pinDates(await Packer.toBuffer(doc));
}

/** A two-page document for LibreOffice to turn into a PDF. */
async function twoPageDocx() {
  const doc = new Document({
    title: 'Border Security Review',
    creator: 'Almat Toyekin',
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [textRun('Border Security Review')] }),
          new Paragraph({ children: [textRun(SAMPLE.english1)] }),
          new Paragraph({ children: [textRun(SAMPLE.english2)] }),
          new Paragraph({ children: [new PageBreak()] }),
          new Paragraph({ children: [textRun(SAMPLE.kazakh)] }),
          new Paragraph({
            bidirectional: true,
            alignment: AlignmentType.RIGHT,
            children: [textRun(SAMPLE.dari, true)],
          }),
        ],
      },
    ],
  });
  return pinDates(await Packer.toBuffer(doc));
}

/**
 * A Russian note with a footnote, as a desk officer writes one in Word: LibreOffice's PDF of it sets the
 * note number raised in the text ("миграции.1") and the footnote at the foot of the page in the same size.
 */
async function footnoteNoteDocx() {
  const long =
    'Рост миграционных потоков из Афганистана в Центральную Азию остаётся предметом внимания правительств региона, которые усиливают пограничный контроль и сотрудничество спецслужб';
  const doc = new Document({
    title: 'Обзор миграции',
    creator: 'Almat Toyekin',
    footnotes: {
      1: {
        children: [new Paragraph({ children: [textRun('Оценка основана на данных пограничной службы за 2025 год.')] })],
      },
    },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [textRun('Обзор миграции')] }),
          new Paragraph({
            children: [
              textRun(`${long} в условиях нестабильности и миграции.`),
              new FootnoteReferenceRun(1),
              textRun(` ${long}.`),
            ],
          }),
          new Paragraph({ children: [textRun(`Второй абзац: ${long}, а также торговли.`)] }),
          new Paragraph({
            children: [
              textRun(
                'The third paragraph is in English and it also runs over more than one line of the page, so that its wrapped lines must be joined again.',
              ),
            ],
          }),
        ],
      },
    ],
  });
  return pinDates(await Packer.toBuffer(doc));
}

/** Three pages under a running header, with "Page N of 3" in the footer: the import keeps neither. */
async function runningHeadDocx() {
  const page = (n) => [
    new Paragraph({ children: [textRun(`Section ${n}. ${SAMPLE.english1}`)] }),
    new Paragraph({ children: [textRun(SAMPLE.english2)] }),
  ];
  const doc = new Document({
    title: 'Quarterly Border Review',
    sections: [
      {
        headers: {
          default: new Header({
            children: [new Paragraph({ children: [textRun('Quarterly Border Review — Restricted')] })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    font: 'DejaVu Sans',
                    children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          ...page(1),
          new Paragraph({ children: [new PageBreak()] }),
          ...page(2),
          new Paragraph({ children: [new PageBreak()] }),
          ...page(3),
        ],
      },
    ],
  });
  return pinDates(await Packer.toBuffer(doc));
}

/** A document whose last page is only a picture, after the given paragraphs. */
async function pictureDocx(before) {
  const picture = new ImageRun({ type: 'png', data: greyPng(400, 200), transformation: { width: 400, height: 200 } });
  const doc = new Document({ sections: [{ children: [...before, new Paragraph({ children: [picture] })] }] });
  return pinDates(await Packer.toBuffer(doc));
}

/** A grey PNG, built by hand so the "scan" needs no image library. */
function greyPng(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = (x * 7 + y * 13) % 256 > 128 ? 40 : 220;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A PDF written by hand, as simple generators write them: one page, text in Helvetica that is not
 * embedded (the reader must know the standard fonts), a document language and an information dictionary.
 */
function standardFontPdf() {
  const content =
    'BT /F1 12 Tf 72 770 Td (Hand-written PDF with a standard, non-embedded font.) Tj 0 -14 Td (Second line of the same paragraph.) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    "<< /Title (Standard font sample) /Author (Nodir Karimov) /CreationDate (D:20230704120000+05'00') >>",
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

async function soffice(workDir, input, filter = 'pdf') {
  const profile = `file://${join(workDir, 'lo-profile')}`;
  await run(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', filter, '--outdir', workDir, input],
    { timeout: 120_000 },
  );
  return readFile(input.replace(/\.[^.]+$/, '.pdf'));
}

const ARTICLE_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kosh-Tepa canal strains the Amu Darya basin | Steppe Monitor</title>
<meta property="og:title" content="Kosh-Tepa canal strains the Amu Darya basin">
<meta name="author" content="Dana Serikbayeva">
<meta property="og:site_name" content="Steppe Monitor">
<meta property="article:published_time" content="2024-03-15T08:30:00+05:00">
<meta property="og:url" content="https://steppe-monitor.example/2024/03/kosh-tepa?utm=feed">
<link rel="canonical" href="https://steppe-monitor.example/2024/03/kosh-tepa">
<style>nav a { margin: 0 1em }</style>
<script>window.dataLayer = [];</script>
</head>
<body>
<header class="site-header">
  <div class="logo">Steppe Monitor</div>
  <nav class="menu main-navigation"><ul>
    <li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/security">Security</a></li><li><a href="/subscribe">Subscribe now</a></li>
  </ul></nav>
</header>
<div class="wrapper">
<main>
<article class="post">
  <h1 class="entry-title">Kosh-Tepa canal strains the Amu Darya basin</h1>
  <p class="byline">By <span class="author">Dana Serikbayeva</span> · <time datetime="2024-03-15T08:30:00+05:00">15 March 2024</time></p>
  <div class="entry-content">
    <p>The Taliban administration is pressing ahead with the Kosh-Tepa canal, a 285-kilometre channel that will draw water from the Amu Darya to irrigate the plains of northern Afghanistan. Engineers in Tashkent and Ashgabat estimate that it could take up to a fifth of the river's flow once completed.</p>
    <p>For Uzbekistan and Turkmenistan, which depend on the river for cotton and wheat, the canal is a question of water security rather than of diplomacy. Neither state has a water-sharing agreement with Kabul, and the canal was begun without consultation.</p>
    <h2>What officials say</h2>
    <p>Officials in Tashkent have chosen quiet engagement over public protest. A senior water official put it plainly:</p>
    <blockquote><p>We cannot stop the canal, but we can insist on a technical dialogue before the gates are opened.</p></blockquote>
    <p>Three concerns dominate the discussions:</p>
    <ul>
      <li>seepage losses from an unlined earthen channel;</li>
      <li>the effect on the Aral Sea delta;</li>
      <li>the absence of any monitoring data shared across the border.</li>
    </ul>
    <p>Contact for the project office:<br>Mazar-i-Sharif, Balkh province<br>Afghanistan</p>
    <p>Local reporting in Russian describes the mood in Termez as «спокойное, но настороженное» — calm, but watchful. Analysts expect the first phase to be commissioned within two years, with the second phase reaching Faryab province later.</p>
  </div>
</article>
<section id="comments" class="comments-area">
  <h3 class="comments-title">2 comments</h3>
  <ol class="comment-list">
    <li class="comment"><div class="comment-author">Farhod</div><p>Great article, thanks for sharing!</p></li>
    <li class="comment"><div class="comment-author">Guest</div><p>Water wars are coming, mark my words.</p></li>
  </ol>
  <div id="respond" class="comment-respond">
    <h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
    <form action="/wp-comments-post.php" method="post" id="commentform">
      <p class="comment-notes">Your email address will not be published.</p>
      <p><label for="comment">Comment</label><textarea id="comment" name="comment"></textarea></p>
      <p><input type="submit" value="Post Comment"></p>
    </form>
  </div>
</section>
</main>
<aside class="sidebar widget-area">
  <section class="widget"><h3>Most read</h3><ul><li><a href="/a">Ten facts about the Fergana valley</a></li><li><a href="/b">Rogun dam timeline</a></li></ul></section>
  <section class="widget"><h3>Newsletter sign-up</h3><p>Get our weekly digest in your inbox.</p></section>
</aside>
</div>
<footer class="site-footer"><p>© 2024 Steppe Monitor. All rights reserved.</p></footer>
</body>
</html>
`;

const NOTES_MD = `# Oʻzbekiston va Afgʻoniston: chegara savdosi

Termiz orqali yuk tashish **2023-yilda** oʻsdi va Hayraton porti bilan aloqa kuchaydi.

- Temir yoʻl Mozori Sharifgacha ishlaydi.
- Bojxona punktlari kengaytirilmoqda.

Manba: mahalliy matbuot, tarjima bilan.
`;

const UTF16_TEXT = `Қауіпсіздік шолуы\r\n\r\n${SAMPLE.kazakh}\r\nОхрана границы с Афганистаном остаётся приоритетом.\r\n`;

await mkdir(out, { recursive: true });
const work = await mkdtemp(join(tmpdir(), 'wb-import-fixtures-'));
try {
  await writeFile(join(out, 'briefing.docx'), await briefingDocx());

  const twoPages = join(work, 'two-pages.docx');
  await writeFile(twoPages, await twoPageDocx());
  await writeFile(join(out, 'two-pages.pdf'), await soffice(work, twoPages));

  const locked = join(work, 'locked.docx');
  await writeFile(locked, await twoPageDocx());
  const passwordFilter =
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}';
  await writeFile(join(out, 'locked.pdf'), await soffice(work, locked, passwordFilter));

  // A "scan": a page holding only a picture. And a report whose page 2 is a scanned annex.
  const scanDocx = join(work, 'scan.docx');
  await writeFile(scanDocx, await pictureDocx([]));
  await writeFile(join(out, 'scan.pdf'), await soffice(work, scanDocx));
  const annexDocx = join(work, 'scanned-annex.docx');
  await writeFile(
    annexDocx,
    await pictureDocx([
      new Paragraph({ children: [textRun(SAMPLE.english1)] }),
      new Paragraph({ children: [new PageBreak()] }),
    ]),
  );
  await writeFile(join(out, 'scanned-annex.pdf'), await soffice(work, annexDocx));

  const runningHead = join(work, 'running-head.docx');
  await writeFile(runningHead, await runningHeadDocx());
  await writeFile(join(out, 'running-head.pdf'), await soffice(work, runningHead));

  const footnoteNote = join(work, 'footnote-note.docx');
  await writeFile(footnoteNote, await footnoteNoteDocx());
  await writeFile(join(out, 'footnote-note.pdf'), await soffice(work, footnoteNote));

  await writeFile(join(out, 'standard-font.pdf'), standardFontPdf());
  await writeFile(join(out, 'article.html'), ARTICLE_HTML);
  await writeFile(join(out, 'notes.md'), NOTES_MD);
  // UTF-16 LE with a byte-order mark, CRLF line ends: what Windows Notepad writes as "Unicode".
  await writeFile(
    join(out, 'kazakh-utf16le.txt'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UTF16_TEXT, 'utf16le')]),
  );
  console.log(`Wrote the import fixtures to ${out}`);
} finally {
  await rm(work, { recursive: true, force: true });
}

// The .docx writer, end to end: the model's document tree goes through the real channel (dispatch →
// zod → main's writer → atomic write into exports/), then LibreOffice opens the file as a reader would
// and pdftotext reads back every page. Nothing is skipped: LibreOffice is installed wherever tests run.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { loadDemoWorkspace } from '../../main/services/demo-workspace';
import { SourceStore } from '../../main/services/source-store';
import type { Annotation } from '../../shared/domain/annotation';
import { Briefing, defaultBriefingSections } from '../../shared/domain/briefing';
import { BAND_PRINT_COLOURS, type BriefingDocument } from '../../shared/domain/briefing-document';
import { buildBriefingDocument } from '../../shared/domain/briefing-model';
import { passageLocator } from '../../shared/domain/citation-engine';
import { layoutIsAffordable, writeBriefingDocx } from '../../main/services/briefing-docx';
import type { Source } from '../../shared/domain/source';
import { printedLines, readDocx, stripBidiControls, type PrintedLine, type ReadDocument } from '../support/docx-reader';
import { PROJECT_ROOT, realHandlerTable } from '../support/handler-table';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const AT = '2026-03-12T09:00:00.000Z';
const KAZAKH_QUOTE =
  'Қазақстан мен Өзбекстан шекарасында есірткі тасымалы күшейді; Россия усилила контроль на границе.';
const DARI_QUOTE = 'طالبان در بدخشان کنترل مرزها را تشدید کردند';
const MARKING = 'FOR OFFICIAL USE ONLY';

let folder = '';
let doc: BriefingDocument;
let path = '';
let read: ReadDocument;
let zip: JSZip;

const flat = (text: string) => stripBidiControls(text).replace(/\s+/g, ' ');

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'workbench-briefing-docx-'));
  const demo = await loadDemoWorkspace(
    join(PROJECT_ROOT, 'data'),
    new SourceStore(join(folder, 'store')),
    new Date(AT),
  );
  const isis = demo.threats.find((t) => t.title.startsWith('ISIS-Khorasan'))!;
  const source = (id: string, fields: Partial<Source>): Source => ({ ...demo.source, id, file: null, ...fields });
  const russian = source('6b1f3c2a-0c55-4f7e-8a11-2d3e4f5a6b01', {
    title: 'Угрозы безопасности Центральной Азии',
    author: 'Ерлан Қасымов',
    publisher: 'Қазақстан стратегиялық зерттеулер институты',
    publishedOn: '2024-05-02',
    language: 'kk',
    reliability: 'B',
    credibility: 2,
  });
  const dari = source('6b1f3c2a-0c55-4f7e-8a11-2d3e4f5a6b02', {
    title: 'گزارش امنیتی بدخشان',
    author: 'احمد رحیمی',
    publisher: 'طلوع نیوز',
    publishedOn: '2024-01-15',
    language: 'fa',
    reliability: 'C',
    credibility: 3,
  });
  const passage = (id: string, sourceId: string, exact: string): Annotation => ({
    ...demo.annotations[0]!,
    id,
    sourceId,
    quote: { exact, prefix: '', suffix: '' },
    position: { start: 10, end: 10 + exact.length },
    threatIds: [isis.id],
  });
  const kazakh = passage('6b1f3c2a-0c55-4f7e-8a11-2d3e4f5a6b03', russian.id, KAZAKH_QUOTE);
  const persian = passage('6b1f3c2a-0c55-4f7e-8a11-2d3e4f5a6b04', dari.id, DARI_QUOTE);
  const briefing = Briefing.parse({
    id: '6b1f3c2a-0c55-4f7e-8a11-2d3e4f5a6b05',
    title: 'Threats from Afghanistan to Central Asia',
    subtitle: 'Quarterly assessment for the Security Council',
    author: 'Dana Seitkali',
    date: '2026-03-12',
    audience: 'Ministry of Foreign Affairs, Department of Asia',
    marking: MARKING,
    bottomLine:
      'ISIS-Khorasan and the Kosh-Tepa canal are the gravest threats from Afghanistan to Central Asia, and both are rising. Border cooperation with the Taliban is the lever that matters most.',
    informationCutOff: '2026-03-01',
    sections: defaultBriefingSections(),
    filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [] },
    keyJudgments: [
      {
        id: '6b1f3c2a-0c55-4f7e-8a11-2d3e4f5a6b06',
        text: 'ISIS-K is likely to attempt at least one attack in Central Asia within twelve months.',
        confidence: 'moderate',
        passageIds: [kazakh.id],
      },
    ],
    recommendations: [
      { id: '6b1f3c2a-0c55-4f7e-8a11-2d3e4f5a6b07', text: 'Raise border monitoring on the Tajik–Afghan frontier.' },
    ],
    // Enough quotes per threat for the Dari passage (the weakest graded under ISIS-Khorasan) to be quoted too.
    quotesPerThreat: 20,
    exports: [],
    createdAt: AT,
    updatedAt: AT,
  });
  // The demo article's record lacks publisher and date; a reader's copy has them (fixture values).
  const article: Source = {
    ...demo.source,
    publisher: 'Institute for Foreign Policy Research',
    publishedOn: '2025-03-14',
  };
  const passageLocators = new Map(
    demo.annotations.map((a) => [a.id, passageLocator(demo.sourceText.text, a.position.start)!]),
  );
  passageLocators.set(kazakh.id, { label: 'page', value: 4 });
  passageLocators.set(persian.id, { label: 'paragraph', value: 2 });
  doc = buildBriefingDocument(briefing, {
    registers: [demo.register],
    threats: demo.threats,
    annotations: [...demo.annotations, kazakh, persian],
    sources: [article, russian, dari],
    passageLocators,
    actors: demo.actors,
    countries: demo.countries,
  });
  const table = await realHandlerTable(join(folder, 'data'));
  const result = await dispatch(table, 'exportBriefing', [{ document: doc }]);
  if (!result.ok) throw new Error(result.error);
  path = (result.value as { path: string }).path;
  zip = await JSZip.loadAsync(await readFile(path));
  read = await readDocx(path);
}, 180_000);

afterAll(async () => {
  await read?.cleanUp();
  await rm(folder, { recursive: true, force: true });
});

describe('the exported .docx, as Word stores it', () => {
  it('is written atomically into the data folder’s exports/, named by date and title', () => {
    expect(path).toBe(join(folder, 'data', 'exports', '2026-03-12 Threats from Afghanistan to Central Asia.docx'));
  });

  it('carries the title and author as document properties', async () => {
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:title>Threats from Afghanistan to Central Asia</dc:title>');
    expect(core).toContain('<dc:creator>Dana Seitkali</dc:creator>');
    expect(core).toContain('<dc:subject>Quarterly assessment for the Security Council</dc:subject>');
  });

  it('uses Word’s heading styles (the navigation pane), a TOC field, footnotes, band-coloured tables and right-to-left paragraphs', async () => {
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body.match(/<w:pStyle w:val="Heading1"\/>/g)?.length).toBe(10);
    expect(body.match(/<w:pStyle w:val="Heading2"\/>/g)?.length).toBe(12);
    // The contents: one entry per heading, hyperlinked to it, its page a live page reference (no TOC field,
    // whose numbers LibreOffice would print as written), in the "Table of Contents" block.
    const contents = /<w:docPartGallery w:val="Table of Contents"\/>[\s\S]*?<\/w:sdtContent>/.exec(body)![0];
    expect(contents).not.toContain('TOC \\');
    expect(contents.match(/<w:hyperlink w:history="1" w:anchor="_Toc\d+">/g)).toHaveLength(22);
    expect(contents.match(/<w:instrText xml:space="preserve">PAGEREF _Toc\d+ \\h<\/w:instrText>/g)).toHaveLength(22);
    expect(body.match(/<w:bookmarkStart w:name="_Toc\d+" w:id="\d+"\/>/g)).toHaveLength(22);
    expect(body.match(/<w:footnoteReference w:id="\d+"\/>/g)?.length).toBe(doc.footnotes.length);
    for (const band of Object.values(BAND_PRINT_COLOURS)) expect(body).toContain(`w:fill="${band.fill}"`);
    // The Dari quote's paragraph is bidirectional and its run right to left, in Dari.
    const dariParagraph = body
      .split('<w:p>')
      .concat(body.split('<w:p '))
      .find((p) => p.includes(DARI_QUOTE))!;
    expect(dariParagraph).toContain('<w:bidi/>');
    expect(dariParagraph).toContain('<w:rtl/>');
    expect(dariParagraph).toContain('w:bidi="fa-AF"');
    expect(body).toContain(KAZAKH_QUOTE);
    const notes = await zip.file('word/footnotes.xml')!.async('string');
    expect(notes).toContain(
      'Ерлан Қасымов, “Угрозы безопасности Центральной Азии” (Қазақстан стратегиялық зерттеулер институты, May 2, 2024), 4.',
    );
  });
});

describe('the exported .docx, as LibreOffice prints it', () => {
  it('has the marking at the top and bottom of every page, and page numbers on every page but the cover', () => {
    expect(read.pages.length).toBeGreaterThan(10);
    read.pages.forEach((page, index) => {
      const lines = stripBidiControls(page)
        .trim()
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines[0], `top of page ${index + 1}`).toBe(MARKING);
      expect(lines.at(-1), `bottom of page ${index + 1}`).toBe(MARKING);
      if (index === 0) expect(flat(page)).not.toMatch(/Page \d/);
      else
        expect(flat(page)).toContain(
          `Threats from Afghanistan to Central Asia · 12 March 2026 · Page ${index + 1} of ${read.pages.length}`,
        );
    });
  });

  it('opens with the cover page, then the table of contents with the headings and their pages', () => {
    const cover = flat(read.pages[0]!);
    for (const text of [
      'Analytical briefing'.toUpperCase(),
      'Threats from Afghanistan to Central Asia',
      'Quarterly assessment for the Security Council',
      'Prepared by Dana Seitkali',
      'Date 12 March 2026',
      'For Ministry of Foreign Affairs, Department of Asia',
    ]) {
      expect(cover).toContain(text);
    }
    const contents = stripBidiControls(read.pages[1]!);
    expect(contents).toContain('Contents');
    const headings = doc.blocks.flatMap((b) => (b.type === 'heading' ? [b.text] : []));
    expect(headings).toHaveLength(22);
    for (const heading of headings) {
      const entry = new RegExp(`${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\.+\\s*(\\d+)`).exec(contents);
      expect(entry, `TOC entry for ${heading}`).not.toBeNull();
      // The page the TOC gives is the page the heading is printed on.
      const printedOn =
        read.pages.findIndex(
          (p, i) =>
            i > 1 &&
            stripBidiControls(p)
              .split('\n')
              .some((line) => line.trim() === heading),
        ) + 1;
      expect(printedOn, `${heading} is printed`).toBeGreaterThan(2);
      expect(Number(entry![1]), `page of ${heading}`).toBe(printedOn);
    }
  });

  it('prints the key judgment, every included threat, the heat map table and the recommendations', () => {
    const text = flat(read.text);
    expect(text).toContain(
      '1. ISIS-K is likely to attempt at least one attack in Central Asia within twelve months. Moderate confidence',
    );
    for (const threat of doc.blocks.filter((b) => b.type === 'heading' && b.level === 2))
      expect(text).toContain((threat as { text: string }).text);
    const heatMapPage = flat(read.pages.find((p) => p.includes('Likelihood \\ Impact'))!);
    for (const label of [
      '5 Very likely',
      '4 Likely',
      '3 Roughly even chance',
      '2 Unlikely',
      '1 Very unlikely',
      '1 Minimal',
      '5 Severe',
      'T2, T3',
      'T10',
    ])
      expect(heatMapPage).toContain(label);
    expect(text).toContain('1. Raise border monitoring on the Tajik–Afghan frontier.');
    expect(text).toContain('Annex: Sources');
  });

  it('footnotes each quote by CSL (Chicago): the full note at a source’s first citation, short notes after, each with its locator', () => {
    const text = flat(read.text);
    expect(text).toContain(
      'Almat Toyekin, “Security Threats Emanating from Afghanistan: The View from Kazakhstan” (Institute for Foreign Policy Research, March 14, 2025), para.',
    );
    expect(text).toMatch(/Toyekin, “Security Threats Emanating from Afghanistan,” para\. \d+\./);
    expect(text).toContain('January 15, 2024), para. 2.');
    expect(doc.footnotes.find((f) => f.text.includes('طلوع نیوز'))!.text).toBe(
      'احمد رحیمی\u200e, “گزارش امنیتی بدخشان\u200e” (طلوع نیوز\u200e, January 15, 2024), para. 2.',
    );
    // Footnote 1 is the key judgment's passage, printed at the foot of the key judgments' page.
    const kjPage = flat(read.pages.find((p) => p.includes('Moderate confidence'))!);
    expect(kjPage).toContain(`«${KAZAKH_QUOTE}»1 [B2]`);
    expect(kjPage).toContain(
      'Ерлан Қасымов, “Угрозы безопасности Центральной Азии” (Қазақстан стратегиялық зерттеулер институты, May 2, 2024), 4.',
    );
    // No full note is printed twice, and nothing stands in for a missing part.
    const full = doc.footnotes.filter((f) => f.text.includes('(Institute for Foreign Policy Research'));
    expect(full).toHaveLength(1);
    expect(text).not.toMatch(/\bn\.p\.|\bn\.d\./);
  });

  it('keeps Cyrillic, Kazakh and Arabic-script quotes intact', () => {
    const text = flat(read.text);
    expect(text).toContain(`«${KAZAKH_QUOTE}»`);
    expect(text).toContain(DARI_QUOTE);
    expect(text).toContain('احمد رحیمی');
    expect(text).toContain('طلوع نیوز');
  });
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('the exported .docx, read as its reader reads it', () => {
  let lines: PrintedLine[][] = [];
  beforeAll(async () => {
    lines = await printedLines(read.pdfPath);
  });

  it('sets footnotes smaller than the body text, each number followed by a space', async () => {
    const noteLines = lines.flat().filter((l) => /^(Toyekin|Қасымов), (para\. )?\d+\.$/.test(l.text));
    const bodyLines = lines.flat().filter((l) => l.text.length > 60 && !noteLines.includes(l));
    expect(noteLines.length).toBeGreaterThan(20);
    const note = median(noteLines.flatMap((l) => l.heights));
    const body = median(bodyLines.flatMap((l) => l.heights));
    expect(note).toBeLessThan(body * 0.85);
    // Each note: its number (the footnote reference mark), then a space, then the citation.
    const notes = await zip.file('word/footnotes.xml')!.async('string');
    const bodies = [...notes.matchAll(/<w:footnote w:id="(\d+)">([\s\S]*?)<\/w:footnote>/g)];
    expect(bodies).toHaveLength(doc.footnotes.length);
    for (const [, id, body] of bodies)
      expect(body, `note ${id}`).toMatch(
        /<w:footnoteRef\/><\/w:r><w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t xml:space="preserve"> \S/,
      );
  });

  it('prints no page but the cover with less than 200 characters of its own text', () => {
    const own = (page: string) =>
      stripBidiControls(page)
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && l !== MARKING && !l.startsWith('Threats from Afghanistan to Central Asia · 12 March 2026'))
        .join(' ');
    read.pages.slice(1).forEach((page, i) => expect(own(page).length, `page ${i + 2}`).toBeGreaterThanOrEqual(200));
  });

  it('quotes each passage once: a passage used again is referred to where it is printed in full', async () => {
    const xml = await zip.file('word/document.xml')!.async('string');
    const body = xml
      .replace(/<w:tab\/>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    const quotes = doc.blocks.filter((b) => b.type === 'quote');
    expect(quotes.length).toBeGreaterThan(5);
    expect(new Set(quotes.map((q) => q.passageId)).size).toBe(quotes.length);
    for (const q of quotes) {
      const opening = q.text.replace(/^… /, '').slice(0, 60);
      expect(body.split(opening).length - 1, opening).toBeGreaterThanOrEqual(1);
      // Printed in full once; a later use names it by its first words only, after "See …:".
      expect(body.split(q.text.replace(/^… /, '')).length - 1, q.text).toBe(1);
    }
    // The Kazakh passage backs key judgment 1 and ISIS-Khorasan: quoted under the judgment, referred to under T1.
    expect(body).toContain(`See key judgment 1: “${KAZAKH_QUOTE.split(' ').slice(0, 8).join(' ')} …”`);
    expect(body.match(/See (T\d+|key judgment \d+): “/g)!.length).toBeGreaterThan(1);
    // Bare names are not quoted as evidence.
    for (const name of ['Balochistan Liberation Army', 'Jamaat Ansarullah (JA)'])
      expect(quotes.map((q) => q.text)).not.toContain(name);
  });

  it('prints the heat map with its caption and legend on one page, its rows kept together', async () => {
    const page = read.pages.find((p) => flat(p).includes('Bands: low below'))!;
    expect(flat(page)).toMatch(/Table \d+\. Heat map\./);
    expect(flat(page)).toContain('Likelihood \\ Impact');
    const body = await zip.file('word/document.xml')!.async('string');
    const heatMap = body.slice(body.indexOf('Heat map.'), body.indexOf('Bands: low below'));
    const cells = heatMap.split('<w:tc>').slice(1);
    expect(cells.length).toBeGreaterThan(30);
    for (const cell of cells) expect(cell).toContain('<w:keepNext/>');
  });

  it('never repeats a full citation, and prints no placeholder words', () => {
    const text = flat(read.text);
    const full =
      'Almat Toyekin, “Security Threats Emanating from Afghanistan: The View from Kazakhstan” (Institute for Foreign Policy Research, March 14, 2025)';
    expect(text.split(full)).toHaveLength(2);
    for (const note of doc.footnotes.filter((f) => f.text.length > 80))
      expect(
        doc.footnotes.filter((f) => f.text === note.text),
        note.text,
      ).toHaveLength(1);
    for (const placeholder of [
      '(starter)',
      'n.p.',
      'n.d.',
      'Author not recorded',
      'undefined',
      'null',
      'No passage supports',
      '· status:',
      'Emanates from',
      'Handle it accordingly',
    ])
      expect(text, placeholder).not.toContain(placeholder);
  });

  it('leads with the bottom line, states scope, cut-off and sources, and keys the estimative words it uses', () => {
    const text = flat(read.text);
    expect(text).toContain('Bottom line ISIS-Khorasan and the Kosh-Tepa canal are the gravest threats');
    expect(text).toContain('Information cut-off: 1 March 2026');
    expect(flat(read.pages[0]!)).toContain(
      'This document is marked FOR OFFICIAL USE ONLY: share it only with the readers it is addressed to',
    );
    expect(text).toMatch(/The ratings and judgments draw on 3 sources: .*Resting on a single source, uncorroborated: /);
    expect(text).toContain('Roughly even chance 45–55 %');
    expect(text).toMatch(/This briefing uses [a-z ,]+ \(in bold\)\./);
    expect(text).toContain('Almost certain 95–99 %');
    expect(text).toContain('Low confidence: the information is scant');
  });

  it('rounds figures as a reader takes them in: no population to the last person', () => {
    const text = flat(read.text);
    expect(text).not.toMatch(/\d{1,3}(,\d{3}){2,}/);
    expect(text).toMatch(/China .*1\.41 billion \(2025\)/);
  });

  it('footnotes the country figures with the sources of the facts', async () => {
    const population = doc.footnotes.find((f) => f.text.startsWith('Population: '))!;
    const border = doc.footnotes.find((f) => f.text.startsWith('Border with Afghanistan: '))!;
    expect(population.text).toMatch(
      /^Population: CIA, The World Factbook, “[^”]+”(, “[^”]+”)+, People and Society > Population \(public domain\)\.$/,
    );
    for (const country of ['Tajikistan', 'China', 'United States']) expect(population.text).toContain(`“${country}”`);
    expect(border.text).toContain('CIA, The World Factbook');
    // The notes hang on the column headings, and the reader prints them at the foot of the table's page.
    const body = await zip.file('word/document.xml')!.async('string');
    const header = body.slice(body.indexOf('>Border with Afghanistan<'), body.indexOf('>Threats<'));
    expect(header).toContain(`<w:footnoteReference w:id="${border.number}"/>`);
    expect(header).toContain(`<w:footnoteReference w:id="${population.number}"/>`);
    const page = flat(read.pages.find((p) => p.includes('Border with Afghanistan'))!);
    expect(page).toContain(`${population.number} Population: CIA, The World Factbook`);
  });
});

describe('the exported .docx, as Word reads its styles and settings', () => {
  it('formats through styles: no fonts, sizes or colours on runs, only emphasis; tables by a table style', async () => {
    const body = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    for (const direct of ['<w:rFonts', '<w:sz ', '<w:szCs ', '<w:color ', '<w:caps/>', '<w:tblBorders>'])
      expect(body, direct).not.toContain(direct);
    const used = new Set([...body.matchAll(/<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"\/>/g)].map((m) => m[1]));
    for (const style of [
      'Heading1',
      'Heading2',
      'EvidenceQuote',
      'Caption',
      'TableText',
      'TableHeading',
      'BriefingTable',
    ])
      expect(used, style).toContain(style);
    for (const style of used) expect(styles, `style ${style} is defined`).toContain(`w:styleId="${style}"`);
    // One font scheme, in the theme; styles name its fonts, never Arial or Times themselves.
    expect(styles).not.toMatch(/w:ascii="(Arial|Times New Roman)"/);
    const theme = await zip.file('word/theme/theme1.xml')!.async('string');
    expect(theme).toContain('<a:latin typeface="Arial"');
    expect(theme).toContain('<a:latin typeface="Times New Roman"');
    // Every table has its numbered title above it.
    const tables = body.split('<w:tbl>').length - 1;
    expect(tables).toBe(doc.blocks.filter((b) => b.type === 'table').length);
    for (let n = 1; n <= tables; n++)
      expect(body).toMatch(new RegExp(`<w:t[^>]*>Table ${n}\\. [^<]+</w:t></w:r></w:p><w:tbl>`));
  });

  it('uses the footnote style, clean separators, keeps headings, captions and quotes together, and breaks pages for real', async () => {
    const notes = await zip.file('word/footnotes.xml')!.async('string');
    expect(notes.match(/<w:pStyle w:val="FootnoteText"\/>/g)).toHaveLength(doc.footnotes.length);
    const separators = notes.match(/<w:footnote w:type="(separator|continuationSeparator)"[\s\S]*?<\/w:footnote>/g)!;
    expect(separators).toHaveLength(2);
    for (const separator of separators) expect(separator).not.toContain('footnoteRef');
    const styles = await zip.file('word/styles.xml')!.async('string');
    const style = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)![0];
    for (const id of ['Heading1', 'Heading2', 'Caption', 'BriefingLabel', 'KeyJudgment'])
      expect(style(id), id).toContain('<w:keepNext/>');
    expect(style('EvidenceQuote')).toContain('<w:keepLines/>');
    expect(style('FootnoteText')).toContain('<w:sz w:val="17"/>');
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body).not.toMatch(/<w:tr>(?:(?!<\/w:trPr>).)*?<\/w:tr>/s);
    expect(body.match(/<w:cantSplit\/>/g)!.length).toBe(body.match(/<w:tr>/g)!.length);
    expect(body).not.toContain('<w:br w:type="page"/>');
    expect(body).toContain('<w:pageBreakBefore/>');
    // No empty paragraph outside the tables and the TOC field.
    const outside = body.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '').replace(/<w:sdt>[\s\S]*?<\/w:sdt>/g, '');
    expect(outside).not.toMatch(/<w:p>(<w:pPr>(?:(?!<\/w:pPr>).)*<\/w:pPr>)?<\/w:p>/);
  });

  it('asks Word to update the TOC on opening, starts with a cover without page number, and carries the marking in the properties', async () => {
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toMatch(/<w:updateFields( w:val="(true|1)")?\/>/);
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body).toContain('<w:titlePg/>');
    expect(body).toMatch(/<w:footerReference w:type="first"/);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain(`<cp:category>${MARKING}</cp:category>`);
    expect(core).toContain(`<cp:contentStatus>${MARKING}</cp:contentStatus>`);
    expect(core).toContain(`<cp:keywords>briefing; ${MARKING}</cp:keywords>`);
    const custom = await zip.file('docProps/custom.xml')!.async('string');
    expect(custom).toMatch(new RegExp(`name="Classification"><vt:lpwstr>${MARKING}</vt:lpwstr>`));
  });

  it('tags each run with its language, so Word spell-checks Kazakh, Russian and Dari as such', async () => {
    const body = await zip.file('word/document.xml')!.async('string');
    const runOf = (text: string) =>
      new RegExp(`<w:r>((?:(?!</w:r>).)*?)<w:t[^>]*>[«“]?${text}`, 's').exec(body)?.[1] ?? '';
    expect(runOf(KAZAKH_QUOTE.slice(0, 20))).toContain('<w:lang w:val="kk-KZ"/>');
    expect(runOf(DARI_QUOTE.slice(0, 10))).toContain('w:bidi="fa-AF"');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('<w:lang w:val="en-GB"/>');
    const notes = await zip.file('word/footnotes.xml')!.async('string');
    expect(notes).toMatch(/<w:lang w:val="ru-RU"\/>(?:(?!<\/w:r>).)*Ерлан Қасымов/s);
  });
});

describe('page-number layout for long briefings', () => {
  it('lays out the page numbers of a briefing of ordinary length, and leaves a very long one’s TOC for Word to number', async () => {
    expect(layoutIsAffordable(doc)).toBe(true);
    // Twelve copies of the briefing's threat details make a briefing of well over a hundred pages.
    const long: BriefingDocument = { ...doc, blocks: Array.from({ length: 12 }, () => doc.blocks).flat() };
    expect(layoutIsAffordable(long)).toBe(false);
    const written = await JSZip.loadAsync(await writeBriefingDocx(long));
    const body = await written.file('word/document.xml')!.async('string');
    // The TOC still lists the headings; it is written dirty, so Word updates its page numbers on opening.
    expect(body).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    expect(body).toMatch(/<w:fldChar w:fldCharType="begin" w:dirty="true"\/>/);
  }, 60_000);
});

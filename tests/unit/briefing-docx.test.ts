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
import { readDocx, stripBidiControls, type ReadDocument } from '../support/docx-reader';
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
    sections: defaultBriefingSections(),
    filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [] },
    keyJudgments: [
      {
        id: '6b1f3c2a-0c55-4f7e-8a11-2d3e4f5a6b06',
        text: 'ISIS-K is likely to attempt at least one attack in Central Asia within twelve months.',
        confidence: 'moderate',
        evidenceIds: [kazakh.id],
      },
    ],
    recommendations: [
      { id: '6b1f3c2a-0c55-4f7e-8a11-2d3e4f5a6b07', text: 'Raise border monitoring on the Tajik–Afghan frontier.' },
    ],
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
    expect(body.match(/<w:pStyle w:val="Heading1"\/>/g)?.length).toBe(7);
    expect(body.match(/<w:pStyle w:val="Heading2"\/>/g)?.length).toBe(12);
    expect(body).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
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
  it('has the marking at the top and bottom of every page, and page numbers', () => {
    expect(read.pages.length).toBeGreaterThan(10);
    read.pages.forEach((page, index) => {
      const lines = stripBidiControls(page)
        .trim()
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines[0], `top of page ${index + 1}`).toBe(MARKING);
      expect(lines.at(-1), `bottom of page ${index + 1}`).toBe(MARKING);
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
    expect(headings).toHaveLength(19);
    for (const heading of headings) {
      const entry = new RegExp(`${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\.+\\s*(\\d+)`).exec(contents);
      expect(entry, `TOC entry for ${heading}`).not.toBeNull();
      // The page the TOC gives is the page the heading is printed on (give or take the reader's own layout).
      const printedOn =
        read.pages.findIndex(
          (p, i) =>
            i > 1 &&
            stripBidiControls(p)
              .split('\n')
              .some((line) => line.trim() === heading),
        ) + 1;
      expect(Math.abs(Number(entry![1]) - printedOn), `page of ${heading}`).toBeLessThanOrEqual(1);
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

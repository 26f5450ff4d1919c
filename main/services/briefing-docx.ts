/**
 * Writes a briefing's document tree (shared/domain/briefing-document.ts) as a Word document with the
 * `docx` package: A4 pages with the security marking at the top and bottom of every page and "Page N of
 * M", document properties, Heading 1/2 styles that Word's navigation pane lists, a TOC field (its entries
 * and page numbers written in, so it reads right before Word updates it), footnotes for every quoted
 * passage, native tables coloured by risk band, and right-to-left paragraphs for Arabic-script quotes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import {
  BAND_PRINT_COLOURS,
  TABLE_HEADING_FILL,
  type BriefingDocument,
  type DocBlock,
  type DocCell,
  type DocInline,
  type TextDirection,
} from '../../shared/domain/briefing-document';
import { confidenceWords } from '../../shared/domain/briefing-model';

const BODY_FONT = 'Times New Roman';
const HEADING_FONT = 'Arial';
const INK = '1F2328';
const NAVY = '1F3864';
const GREY = '595959';
const RULE = 'A6A6A6';

/**
 * How much document text (as its JSON) docx's page layout may take on while the export stays within
 * about a second on a modest laptop; see the README's benchmark notes.
 */
export const PAGE_LAYOUT_LIMIT = 120_000;

export function layoutIsAffordable(doc: BriefingDocument): boolean {
  let size = 0;
  for (const b of doc.blocks) {
    size += JSON.stringify(b).length;
    if (size > PAGE_LAYOUT_LIMIT) return false;
  }
  for (const f of doc.footnotes) size += f.text.length;
  return size <= PAGE_LAYOUT_LIMIT;
}

/** A4, with 2.5 cm margins on the sides and room for the marking above and below. */
const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: 1418, bottom: 1418, left: 1418, right: 1418, header: 567, footer: 567 },
};
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

/** Word's language tags for the quotes' languages (proofing tools and the right shaping of each script). */
const WORD_LANGUAGES: Record<string, string> = {
  en: 'en-GB',
  ru: 'ru-RU',
  kk: 'kk-KZ',
  uz: 'uz-Latn-UZ',
  'uz-Cyrl': 'uz-Cyrl-UZ',
  ky: 'ky-KG',
  tg: 'tg-Cyrl-TJ',
  fa: 'fa-AF',
  ps: 'ps-AF',
  ar: 'ar-SA',
  ur: 'ur-PK',
};

function runLanguage(lang: string, dir: TextDirection): IRunOptions['language'] {
  const tag = WORD_LANGUAGES[lang] ?? WORD_LANGUAGES[lang.split('-')[0] ?? ''] ?? (lang || undefined);
  if (!tag) return undefined;
  return dir === 'rtl' ? { bidirectional: tag } : { value: tag };
}

function runs(inlines: readonly DocInline[], dir: TextDirection, base: IRunOptions = {}): ParagraphChild[] {
  return inlines.map((inline) =>
    inline.kind === 'note'
      ? new FootnoteReferenceRun(inline.number)
      : new TextRun({
          ...base,
          text: inline.text,
          bold: inline.bold ?? base.bold,
          italics: inline.italic ?? base.italics,
          rightToLeft: dir === 'rtl' || undefined,
        }),
  );
}

function alignmentOf(align: 'start' | 'center' | 'end', dir: TextDirection) {
  if (align === 'center') return AlignmentType.CENTER;
  // START and END follow the paragraph's direction, so a right-to-left cell starts on the right.
  if (dir === 'rtl') return align === 'start' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  return align === 'start' ? AlignmentType.LEFT : AlignmentType.RIGHT;
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: RULE };

function tableCell(cell: DocCell, widthPercent: number, header: boolean): TableCell {
  const colours = cell.band ? BAND_PRINT_COLOURS[cell.band] : null;
  const fill = colours?.fill ?? (header || cell.heading ? TABLE_HEADING_FILL : undefined);
  return new TableCell({
    width: { size: Math.round((TEXT_WIDTH * widthPercent) / 100), type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 60, bottom: 60, left: 90, right: 90 },
    ...(fill ? { shading: { type: ShadingType.CLEAR, fill, color: 'auto' } } : {}),
    children: [
      new Paragraph({
        alignment: alignmentOf(cell.align, cell.dir),
        bidirectional: cell.dir === 'rtl' || undefined,
        spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
        children: cell.text
          ? [
              new TextRun({
                text: cell.text,
                bold: cell.bold || header,
                size: 19,
                color: colours?.text ?? INK,
                rightToLeft: cell.dir === 'rtl' || undefined,
                font: header ? HEADING_FONT : undefined,
              }),
            ]
          : [],
      }),
    ],
  });
}

function table(block: Extract<DocBlock, { type: 'table' }>): (Paragraph | Table)[] {
  const widths = block.columns.map((c) => c.width);
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((c, i) =>
      tableCell(
        { text: c.text, align: c.align, band: null, bold: true, heading: true, dir: 'ltr' },
        widths[i] ?? 10,
        true,
      ),
    ),
  });
  const rows = block.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        // Heat-map rows are squares, tall enough to read the threat numbers in them.
        ...(block.kind === 'heat-map' ? { height: { value: 620, rule: 'atLeast' as const } } : {}),
        children: row.map((cell, i) => tableCell(cell, widths[i] ?? 10, false)),
      }),
  );
  const out: (Paragraph | Table)[] = [
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths.map((w) => Math.round((TEXT_WIDTH * w) / 100)),
      layout: TableLayoutType.FIXED,
      borders: { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin },
      rows: [headerRow, ...rows],
    }),
  ];
  if (block.caption) out.push(new Paragraph({ style: 'TableCaption', children: [new TextRun(block.caption)] }));
  else out.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  return out;
}

function titleBlock(block: Extract<DocBlock, { type: 'title' }>): Paragraph[] {
  const out: Paragraph[] = [];
  if (block.cover) out.push(new Paragraph({ spacing: { before: 2000 }, children: [] }));
  if (block.kicker) {
    out.push(
      new Paragraph({
        spacing: { after: 120 },
        children: [
          new TextRun({ text: block.kicker, font: HEADING_FONT, size: 20, bold: true, allCaps: true, color: GREY }),
        ],
      }),
    );
  }
  out.push(
    new Paragraph({
      style: 'BriefingTitle',
      bidirectional: undefined,
      spacing: { before: 0, after: block.cover ? 240 : 120, line: 240, lineRule: LineRuleType.AUTO },
      children: [new TextRun({ text: block.title, size: block.cover ? 48 : 36 })],
    }),
  );
  if (block.subtitle) out.push(new Paragraph({ style: 'BriefingSubtitle', children: [new TextRun(block.subtitle)] }));
  out.push(
    new Paragraph({
      spacing: { before: 120, after: 240 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: NAVY, space: 4 } },
      children: [],
    }),
  );
  for (const fact of block.facts) {
    out.push(
      new Paragraph({
        spacing: { after: block.cover ? 120 : 40 },
        tabStops: [{ type: TabStopType.LEFT, position: 1700 }],
        indent: { left: 1700, hanging: 1700 },
        children: [
          new TextRun({ text: `${fact.label}`, bold: true, font: HEADING_FONT, size: 20, color: GREY }),
          new TextRun({ text: `\t${fact.value}` }),
        ],
      }),
    );
  }
  if (block.cover && block.marking) {
    out.push(
      new Paragraph({
        spacing: { before: 1800 },
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            text: `This document is marked ${block.marking}. Handle it accordingly.`,
            italics: true,
            size: 20,
            color: GREY,
          }),
        ],
      }),
    );
  }
  return out;
}

function block(b: DocBlock, listInstance: () => number): (Paragraph | Table | TableOfContents)[] {
  switch (b.type) {
    case 'title':
      return titleBlock(b);
    case 'contents':
      return [
        new Paragraph({ style: 'ContentsHeading', children: [new TextRun(b.title)] }),
        new TableOfContents(b.title, { hyperlink: true, headingStyleRange: '1-2' }),
      ];
    case 'heading':
      return [
        new Paragraph({
          heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          bidirectional: b.dir === 'rtl' || undefined,
          children: [new TextRun({ text: b.text, rightToLeft: b.dir === 'rtl' || undefined })],
        }),
      ];
    case 'paragraph': {
      const style = { body: undefined, label: 'BriefingLabel', facts: 'BriefingFacts', note: 'BriefingNote' }[b.style];
      return [
        new Paragraph({
          style,
          bidirectional: b.dir === 'rtl' || undefined,
          keepNext: b.style === 'label' || undefined,
          children: runs(b.inlines, b.dir, { language: runLanguage(b.lang, b.dir) }),
        }),
      ];
    }
    case 'list': {
      const instance = listInstance();
      return b.items.map(
        (item) =>
          new Paragraph({
            numbering: { reference: b.ordered ? 'briefing-numbers' : 'briefing-bullets', level: 0, instance },
            bidirectional: item.dir === 'rtl' || undefined,
            spacing: { after: 80 },
            children: runs(item.inlines, item.dir),
          }),
      );
    }
    case 'judgment':
      return [
        new Paragraph({
          style: 'KeyJudgment',
          tabStops: [{ type: TabStopType.LEFT, position: 567 }],
          bidirectional: b.dir === 'rtl' || undefined,
          keepNext: true,
          children: [
            new TextRun({ text: `${b.number}.\t`, bold: true, color: NAVY }),
            new TextRun({ text: b.text, bold: true, rightToLeft: b.dir === 'rtl' || undefined }),
          ],
        }),
        new Paragraph({
          style: 'BriefingFacts',
          indent: { left: 567 },
          keepNext: true,
          children: [new TextRun({ text: confidenceWords(b.confidence) })],
        }),
      ];
    case 'quote': {
      const rtl = b.dir === 'rtl';
      const language = runLanguage(b.lang, b.dir);
      return [
        new Paragraph({
          style: 'EvidenceQuote',
          bidirectional: rtl || undefined,
          children: [
            new TextRun({ text: `${b.open}${b.text}${b.close}`, rightToLeft: rtl || undefined, language }),
            new FootnoteReferenceRun(b.note),
            ...(b.grade ? [new TextRun({ text: ` [${b.grade}]`, italics: false, size: 18, color: GREY })] : []),
          ],
        }),
      ];
    }
    case 'table':
      return table(b);
    case 'page-break':
      return [new Paragraph({ pageBreakBefore: true, spacing: { before: 0, after: 0 }, children: [] })];
  }
}

function markingParagraph(marking: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 0 },
    children: [new TextRun({ text: marking, bold: true, font: HEADING_FONT, size: 20, color: INK })],
  });
}

/** The briefing as a .docx file's bytes. */
export async function writeBriefingDocx(doc: BriefingDocument): Promise<Uint8Array> {
  let lists = 0;
  const children = doc.blocks.flatMap((b) => block(b, () => ++lists));
  const footerLine = `${doc.page.title} · ${doc.page.date}`;
  const document = new Document({
    title: doc.page.title,
    subject: doc.page.subtitle || undefined,
    creator: doc.page.author || 'Analyst Workbench',
    lastModifiedBy: doc.page.author || 'Analyst Workbench',
    description: [doc.page.marking, doc.page.audience ? `For ${doc.page.audience}` : ''].filter(Boolean).join(' · '),
    keywords: `briefing; ${doc.page.marking}`,
    // The TOC's entries and page numbers are worked out here, so it reads right before Word updates it.
    // Only for briefings of modest length: the layout behind the numbers costs far more than writing the
    // file (most of a 100-page export); a longer briefing keeps its TOC entries and Word numbers them on opening.
    pageNumbers: layoutIsAffordable(doc) ? estimatePageNumbersWith({ guess: true }) : undefined,
    footnotes: Object.fromEntries(
      doc.footnotes.map((f) => [
        f.number,
        { children: [new Paragraph({ bidirectional: undefined, children: [new TextRun(f.text)] })] },
      ]),
    ),
    numbering: {
      config: [
        {
          reference: 'briefing-bullets',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 283 } } },
            },
          ],
        },
        {
          reference: 'briefing-numbers',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 397 } } },
            },
          ],
        },
      ],
    },
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: BODY_FONT, hAnsi: BODY_FONT, cs: BODY_FONT, eastAsia: BODY_FONT },
            size: 23,
            color: INK,
          },
          paragraph: { spacing: { after: 140, line: 264, lineRule: LineRuleType.AUTO } },
        },
        heading1: {
          run: { font: HEADING_FONT, size: 30, bold: true, color: NAVY },
          paragraph: {
            spacing: { before: 360, after: 160 },
            keepNext: true,
            keepLines: true,
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: NAVY, space: 2 } },
          },
        },
        heading2: {
          run: { font: HEADING_FONT, size: 24, bold: true, color: NAVY },
          paragraph: { spacing: { before: 280, after: 100 }, keepNext: true, keepLines: true },
        },
        footnoteText: {
          run: { size: 17 },
          paragraph: { spacing: { after: 40, line: 228, lineRule: LineRuleType.AUTO } },
        },
      },
      paragraphStyles: [
        {
          id: 'BriefingTitle',
          name: 'Briefing Title',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADING_FONT, bold: true, color: NAVY },
          paragraph: { keepNext: true },
        },
        {
          id: 'BriefingSubtitle',
          name: 'Briefing Subtitle',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADING_FONT, size: 28, color: GREY },
          paragraph: { spacing: { after: 120 } },
        },
        {
          id: 'ContentsHeading',
          name: 'Contents Heading',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADING_FONT, size: 30, bold: true, color: NAVY },
          paragraph: { spacing: { before: 120, after: 240 } },
        },
        {
          id: 'BriefingLabel',
          name: 'Briefing Label',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADING_FONT, size: 19, bold: true, color: GREY, allCaps: true },
          paragraph: { spacing: { before: 160, after: 60 }, keepNext: true },
        },
        {
          id: 'BriefingFacts',
          name: 'Briefing Facts',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADING_FONT, size: 18, color: GREY },
          paragraph: { spacing: { after: 120 } },
        },
        {
          id: 'BriefingNote',
          name: 'Briefing Note',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true, color: GREY, size: 21 },
        },
        {
          id: 'KeyJudgment',
          name: 'Key Judgment',
          basedOn: 'Normal',
          next: 'Normal',
          paragraph: { spacing: { before: 200, after: 40 }, indent: { left: 567, hanging: 567 } },
        },
        {
          id: 'EvidenceQuote',
          name: 'Evidence Quote',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true, size: 22 },
          paragraph: {
            indent: { left: 851, right: 567 },
            spacing: { after: 120 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'BFBFBF', space: 8 } },
          },
        },
        {
          id: 'TableCaption',
          name: 'Table Caption',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADING_FONT, size: 17, italics: true, color: GREY },
          paragraph: { spacing: { before: 60, after: 240 } },
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        headers: { default: new Header({ children: [markingParagraph(doc.page.marking)] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                spacing: { before: 0, after: 40 },
                children: [
                  new TextRun({ text: `${footerLine} · Page `, size: 16, color: GREY, font: HEADING_FONT }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16, color: GREY, font: HEADING_FONT }),
                  new TextRun({ text: ' of ', size: 16, color: GREY, font: HEADING_FONT }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, color: GREY, font: HEADING_FONT }),
                ],
              }),
              markingParagraph(doc.page.marking),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/**
 * Writes a briefing's document tree (shared/domain/briefing-document.ts) as a Word document with the
 * `docx` package: A4 pages with the security marking at the top and bottom of every page and "Page N of
 * M", document properties, Heading 1/2 styles that Word's navigation pane lists, a TOC field (its entries
 * and page numbers written in, so it reads right before Word updates it), footnotes for every quoted
 * passage, native tables coloured by risk band, and right-to-left paragraphs for Arabic-script quotes.
 */
import {
  ImageRun,
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
import JSZip from 'jszip';
import {
  BAND_PRINT_COLOURS,
  TABLE_HEADING_FILL,
  type BriefingDocument,
  type DocBlock,
  type DocCell,
  type DocInline,
  type TextDirection,
} from '../../shared/domain/briefing-document';
import { handlingLine } from '../../shared/domain/briefing-names';
import { FIXED_TEXTS, type FixedTexts, type TemplateLogo } from '../../shared/domain/briefing-template';
import {
  A4_PAGE,
  LETTER_PAGE,
  TABLE_TEXT_SIZE,
  TABLE_WIDTH,
  tableFonts,
  tableLayout,
  type TableFonts,
} from '../../shared/domain/briefing-table-layout';
import { dominantScript, guessLanguage, scriptOfLanguage } from '../../shared/domain/language';

// The document's one font scheme is its theme's (the template's fonts, else THEME_FONTS in briefing-table-layout): Word lists them as "(Headings)" and "(Body)"; styles refer to them.
const HEADINGS = { theme: 'headings' } as const;
const BODY = { theme: 'body' } as const;
const INK = '1F2328';
const NAVY = '1F3864';
const GREY = '595959';
const RULE = 'A6A6A6';
/** Body text size in half-points (11.5 pt); footnotes are set smaller (8.5 pt). */
const BODY_SIZE = 23;
const NOTE_SIZE = 17;

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

const PAGE = A4_PAGE;
const LETTER = LETTER_PAGE;
const TEXT_WIDTH = TABLE_WIDTH;

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

function wordLanguage(lang: string): string | undefined {
  return WORD_LANGUAGES[lang] ?? WORD_LANGUAGES[lang.split('-')[0] ?? ''] ?? (lang || undefined);
}

/**
 * The language tag of a run, so Word's spell-check uses the right dictionary: the passage's or source's
 * language when known, otherwise told from the text's script (English text needs none: it is the default).
 * Arabic-script text is tagged as complex-script (`w:bidi`) beside the run's other language.
 */
function runLanguage(text: string, base: string, lang = ''): IRunOptions['language'] {
  const script = dominantScript(text);
  const known = lang && (script === null || scriptOfLanguage(lang) === script) ? lang : '';
  const told = wordLanguage(known || (script === 'Latin' || script === null ? '' : guessLanguage(text)));
  // Latin text of no known language is English; in a Russian document it says so, or Word checks it as Russian.
  const tag = told ?? (script === 'Latin' && base !== ENGLISH ? ENGLISH : undefined);
  const arabic = /\p{Script=Arabic}/u.test(text);
  if (script === 'Arabic') return tag ? { bidirectional: tag } : undefined;
  const bidi = arabic ? wordLanguage(guessLanguage(text.replace(/[^\p{Script=Arabic}\s]/gu, ''))) : undefined;
  if (!tag && !bidi) return undefined;
  // Text in another script than Latin is always tagged (Cyrillic may be Russian or Kazakh); English only off its default.
  const write = tag && (tag !== base || (script !== 'Latin' && script !== null));
  return { ...(write ? { value: tag } : {}), ...(bidi ? { bidirectional: bidi } : {}) };
}

const ENGLISH = 'en-GB';

/** The document's own language (its styles' default): that of the fixed texts. */
function documentLanguage(doc: BriefingDocument): string {
  return doc.page.language === 'ru' ? 'ru-RU' : ENGLISH;
}

/** A run of the document's fixed text, tagged with its language. */
function fixedRun(text: string, base: string, style?: string): TextRun {
  return new TextRun({ text, style, language: runLanguage(text, base) });
}

function runs(inlines: readonly DocInline[], dir: TextDirection, base: string, lang = ''): ParagraphChild[] {
  return inlines.map((inline) =>
    inline.kind === 'note'
      ? new FootnoteReferenceRun(inline.number)
      : new TextRun({
          text: inline.text,
          // Emphasis is the only formatting a run carries itself; everything else comes from styles.
          bold: inline.bold,
          italics: inline.italic,
          rightToLeft: dir === 'rtl' || undefined,
          language: runLanguage(inline.text, base, lang),
        }),
  );
}

function alignmentOf(align: 'start' | 'center' | 'end', dir: TextDirection) {
  if (align === 'center') return AlignmentType.CENTER;
  // START and END follow the paragraph's direction, so a right-to-left cell starts on the right.
  if (dir === 'rtl') return align === 'start' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  return align === 'start' ? AlignmentType.LEFT : AlignmentType.RIGHT;
}

const BAND_STYLES = { low: 'BandLow', medium: 'BandMedium', high: 'BandHigh', critical: 'BandCritical' } as const;

/** `together`: the cell's paragraph keeps with the next, so a table that must not split holds with its legend. */
function tableCell(
  cell: DocCell,
  /** The column's width in twips; the text size in half-points where the table is set smaller than its style. */
  { width, size }: { width: number; size: number | undefined },
  header: boolean,
  base: string,
  together = false,
  note?: number,
): TableCell {
  const colours = cell.band ? BAND_PRINT_COLOURS[cell.band] : null;
  // Band colours are data (the risk band of a score); the header row's shading comes from the table style.
  const fill = colours?.fill ?? (cell.heading && !header ? TABLE_HEADING_FILL : undefined);
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    ...(fill ? { shading: { type: ShadingType.CLEAR, fill, color: 'auto' } } : {}),
    children: [
      new Paragraph({
        style: header || cell.heading ? 'TableHeading' : 'TableText',
        keepNext: together || undefined,
        alignment: alignmentOf(cell.align, cell.dir),
        bidirectional: cell.dir === 'rtl' || undefined,
        children: cell.text
          ? [
              new TextRun({
                text: cell.text,
                style: cell.band ? BAND_STYLES[cell.band] : undefined,
                bold: (cell.bold && !header && !cell.heading) || undefined,
                size,
                rightToLeft: cell.dir === 'rtl' || undefined,
                language: runLanguage(cell.text, base),
              }),
              ...(note !== undefined ? [new FootnoteReferenceRun(note)] : []),
            ]
          : [],
      }),
    ],
  });
}

/** Numbers tables in the order they appear: "Table 1. …" above each. */
interface WriteState {
  /** The fixed texts in the template's language ("Table", the confidence words). */
  t: FixedTexts;
  tables: number;
  lists: number;
  /** A page break is due: the next paragraph starts a page. */
  breakBefore: boolean;
  /** The cover's handling sentence from the template ('' for the workbench's own). */
  handling: string;
  /** The issuer's logo, printed above the cover's title. */
  logo: TemplateLogo | null;
  /** The document's language tag (its fixed texts'): runs in it carry no tag of their own unless in another script. */
  language: string;
  /** The fonts the template names, by which table columns are measured. */
  fonts: TableFonts;
}

/** Takes the pending page break, for the first paragraph written after it. */
function takeBreak(state: WriteState): true | undefined {
  if (!state.breakBefore) return undefined;
  state.breakBefore = false;
  return true;
}

/** The table's columns in twips and its text size in half-points (undefined: the style's), from its words. */
function columnsOf(block: Extract<DocBlock, { type: 'table' }>, fonts: TableFonts) {
  const { widths, size } = tableLayout(block, fonts);
  return { widths, size: size === TABLE_TEXT_SIZE ? undefined : Math.round(size * 2) };
}

function table(block: Extract<DocBlock, { type: 'table' }>, state: WriteState): (Paragraph | Table)[] {
  const { widths, size } = columnsOf(block, state.fonts);
  // The heat map is read whole, with its legend below it: every row keeps with the next, and the last
  // row with the legend, so Word and LibreOffice move the table and legend to a page together.
  const together = block.kind === 'heat-map';
  const number = ++state.tables;
  const title = `${state.t.table} ${number}. ${block.label}.${block.caption ? ` ${block.caption}` : ''}`;
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((c, i) =>
      tableCell(
        { text: c.text, align: c.align, band: null, bold: true, heading: true, dir: 'ltr' },
        { width: widths[i]!, size },
        true,
        state.language,
        together,
        c.note,
      ),
    ),
  });
  const rows = block.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        // Heat-map rows are squares, tall enough to read the threat numbers in them.
        ...(block.kind === 'heat-map' ? { height: { value: 620, rule: 'atLeast' as const } } : {}),
        children: row.map((cell, i) =>
          tableCell(cell, { width: widths[i] ?? 0, size }, false, state.language, together),
        ),
      }),
  );
  return [
    new Paragraph({ style: 'Caption', pageBreakBefore: takeBreak(state), children: [fixedRun(title, state.language)] }),
    new Table({
      style: 'BriefingTable',
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [headerRow, ...rows],
    }),
  ];
}

function titleBlock(block: Extract<DocBlock, { type: 'title' }>, state: WriteState): Paragraph[] {
  const out: Paragraph[] = [];
  const cover = block.cover;
  if (cover && state.logo) {
    // The logo at most 4 cm wide and 2.5 cm high (in pixels at 96 dpi), its proportions kept.
    const { width, height, mime, data } = state.logo;
    const scale = Math.min(151 / width, 94 / height, 1);
    out.push(
      new Paragraph({
        style: 'CoverKicker',
        children: [
          new ImageRun({
            type: mime === 'image/png' ? 'png' : 'jpg',
            data: Buffer.from(data, 'base64'),
            transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
            altText: { name: 'Logo', description: state.t.logo, title: state.t.logo },
          }),
        ],
      }),
    );
  }
  if (block.kicker) {
    out.push(
      new Paragraph({
        style: cover ? 'CoverKicker' : 'BriefingKicker',
        pageBreakBefore: takeBreak(state),
        children: [fixedRun(block.kicker, state.language)],
      }),
    );
  }
  out.push(
    new Paragraph({
      style: cover ? 'CoverTitle' : 'BriefingTitle',
      pageBreakBefore: takeBreak(state),
      // The rule under the title block is the last title line's bottom border, not an empty paragraph.
      children: [new TextRun({ text: block.title, language: runLanguage(block.title, state.language) })],
    }),
  );
  if (block.subtitle)
    out.push(
      new Paragraph({
        style: 'BriefingSubtitle',
        children: [new TextRun({ text: block.subtitle, language: runLanguage(block.subtitle, state.language) })],
      }),
    );
  for (const fact of block.facts) {
    out.push(
      new Paragraph({
        style: cover ? 'CoverFact' : 'BriefingFact',
        // docx writes no tab stops into styles; the label column's stop sits on each fact line.
        tabStops: [{ type: TabStopType.LEFT, position: 1700 }],
        children: [
          fixedRun(fact.label, state.language, 'FactLabel'),
          new TextRun({ text: `\t${fact.value}`, language: runLanguage(fact.value, state.language) }),
        ],
      }),
    );
  }
  if (cover && block.marking) {
    out.push(
      new Paragraph({
        style: 'HandlingNote',
        children: [fixedRun(state.handling || handlingLine(block.marking), state.language)],
      }),
    );
  }
  return out;
}

function block(b: DocBlock, state: WriteState): (Paragraph | Table | TableOfContents)[] {
  switch (b.type) {
    case 'title':
      return titleBlock(b, state);
    case 'contents':
      return [
        new Paragraph({
          style: 'ContentsHeading',
          pageBreakBefore: takeBreak(state),
          children: [fixedRun(b.title, state.language)],
        }),
        new TableOfContents(b.title, { hyperlink: true, headingStyleRange: '1-2' }),
      ];
    case 'heading':
      return [
        new Paragraph({
          heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          pageBreakBefore: takeBreak(state),
          bidirectional: b.dir === 'rtl' || undefined,
          children: [
            new TextRun({
              text: b.text,
              rightToLeft: b.dir === 'rtl' || undefined,
              language: runLanguage(b.text, state.language),
            }),
          ],
        }),
      ];
    case 'paragraph': {
      const style = { body: undefined, label: 'BriefingLabel', facts: 'BriefingFacts', note: 'BriefingNote' }[b.style];
      return [
        new Paragraph({
          style,
          pageBreakBefore: takeBreak(state),
          bidirectional: b.dir === 'rtl' || undefined,
          children: runs(b.inlines, b.dir, state.language, b.lang),
        }),
      ];
    }
    case 'list': {
      const instance = ++state.lists;
      return b.items.map(
        (item) =>
          new Paragraph({
            style: 'ListParagraph',
            pageBreakBefore: takeBreak(state),
            numbering: { reference: b.ordered ? 'briefing-numbers' : 'briefing-bullets', level: 0, instance },
            bidirectional: item.dir === 'rtl' || undefined,
            children: runs(item.inlines, item.dir, state.language),
          }),
      );
    }
    case 'judgment':
      return [
        new Paragraph({
          style: 'KeyJudgment',
          pageBreakBefore: takeBreak(state),
          tabStops: [{ type: TabStopType.LEFT, position: 567 }],
          bidirectional: b.dir === 'rtl' || undefined,
          children: [
            new TextRun({ text: `${b.number}.\t`, style: 'JudgmentNumber' }),
            new TextRun({
              text: b.text,
              rightToLeft: b.dir === 'rtl' || undefined,
              language: runLanguage(b.text, state.language),
            }),
          ],
        }),
        new Paragraph({
          style: 'JudgmentConfidence',
          children: [fixedRun(state.t.confidence[b.confidence], state.language)],
        }),
      ];
    case 'quote': {
      const rtl = b.dir === 'rtl';
      return [
        new Paragraph({
          style: 'EvidenceQuote',
          pageBreakBefore: takeBreak(state),
          bidirectional: rtl || undefined,
          children: [
            new TextRun({
              text: `${b.open}${b.text}${b.close}`,
              rightToLeft: rtl || undefined,
              language: runLanguage(b.text, state.language, b.lang),
            }),
            new FootnoteReferenceRun(b.note),
            ...(b.grade ? [new TextRun({ text: ` [${b.grade}]`, style: 'EvidenceGrade' })] : []),
          ],
        }),
      ];
    }
    case 'table':
      return table(b, state);
    case 'page-break':
      // Not an empty paragraph: the next paragraph starts the page (Word's "page break before").
      state.breakBefore = true;
      return [];
  }
}

function markingParagraph(marking: string, base: string): Paragraph {
  return new Paragraph({ style: 'Marking', children: [fixedRun(marking, base)] });
}

/** The footer of every page but the cover: title, date and "Page N of M", then the marking. */
function pageFooter(footerLine: string, marking: string, t: FixedTexts, base: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: 'FooterText',
        children: [
          fixedRun(`${footerLine} · ${t.page} `, base),
          new TextRun({ children: [PageNumber.CURRENT] }),
          fixedRun(` ${t.of} `, base),
          new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
        ],
      }),
      markingParagraph(marking, base),
    ],
  });
}

/** A table style: thin grey rules, cell margins, and a shaded, bold header row (docx writes no table styles itself). */
const TABLE_STYLE_XML =
  '<w:style w:type="table" w:customStyle="1" w:styleId="BriefingTable"><w:name w:val="Briefing Table"/><w:uiPriority w:val="59"/><w:qFormat/>' +
  '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>' +
  '<w:tblPr><w:tblBorders>' +
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="${RULE}"/>`)
    .join('') +
  '</w:tblBorders><w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="90" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar></w:tblPr>' +
  `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${TABLE_HEADING_FILL}"/></w:tcPr></w:tblStylePr>` +
  '</w:style>';

/** The opening of the TOC field docx writes around the contents' entries, and its end, a paragraph of its own. */
const TOC_FIELD_BEGIN =
  /<w:r><w:fldChar w:fldCharType="begin"(?: w:dirty="true")?\/><w:instrText xml:space="preserve">TOC [^<]*<\/w:instrText><w:fldChar w:fldCharType="separate"\/><\/w:r>/;
const TOC_FIELD_END = '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent>';

/**
 * The contents' entries as live page references rather than the result of a TOC field. LibreOffice keeps a TOC
 * field's page numbers as written and never lays them out again, and its pagination differs from Word's (and from
 * docx's estimate of Word's) by a line here and there, so a heading near a page's foot was listed a page off.
 * A PAGEREF field outside a TOC field is worked out by LibreOffice from its own pages, and Word updates every
 * field on opening (`updateFields`): each reader sees the page the heading prints on. The entries stay in the
 * "Table of Contents" block, hyperlinked to their headings, in the TOC 1 and TOC 2 styles. Left as it is when
 * an entry has no page reference (a briefing too long to lay out here: Word numbers its TOC on opening).
 */
function livePageReferences(body: string): string {
  const start = body.search(TOC_FIELD_BEGIN);
  const end = body.indexOf(TOC_FIELD_END, start);
  if (start < 0 || end < 0) return body;
  const entries = body.slice(start, end);
  const count = (pattern: RegExp) => entries.match(pattern)?.length ?? 0;
  if (count(/<w:hyperlink /g) === 0 || count(/<w:hyperlink /g) !== count(/PAGEREF _Toc\d+ \\h/g)) return body;
  return (
    body.slice(0, start) +
    entries.replace(TOC_FIELD_BEGIN, '') +
    '</w:sdtContent>' +
    body.slice(end + TOC_FIELD_END.length)
  );
}

const xmlText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * What docx does not write itself: the contents' live page references, the table style, separators without a
 * stray footnote mark, and the marking as the core properties' category and content status (Word's File › Info
 * shows them; document-management systems index them).
 */
async function finish(bytes: Uint8Array, marking: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const body = await zip.file('word/document.xml')!.async('string');
  zip.file('word/document.xml', livePageReferences(body));
  const styles = await zip.file('word/styles.xml')!.async('string');
  zip.file('word/styles.xml', styles.replace('</w:styles>', `${TABLE_STYLE_XML}</w:styles>`));
  // docx puts a footnote mark before the separator line; a separator is the line alone.
  const notes = zip.file('word/footnotes.xml');
  if (notes) {
    const xml = await notes.async('string');
    zip.file(
      'word/footnotes.xml',
      xml.replace(
        /(<w:footnote w:type="(?:separator|continuationSeparator)"[^>]*>(?:(?!<\/w:footnote>).)*?)<w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteRef\/><\/w:r>/gs,
        '$1',
      ),
    );
  }
  const core = await zip.file('docProps/core.xml')!.async('string');
  zip.file(
    'docProps/core.xml',
    core.replace(
      '</cp:coreProperties>',
      `<cp:category>${xmlText(marking)}</cp:category><cp:contentStatus>${xmlText(marking)}</cp:contentStatus></cp:coreProperties>`,
    ),
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The briefing as a .docx file's bytes. */
export async function writeBriefingDocx(doc: BriefingDocument): Promise<Uint8Array> {
  const template = doc.page.template;
  const t = FIXED_TEXTS[doc.page.language === 'ru' ? 'ru' : 'en'];
  const language = documentLanguage(doc);
  const fonts = tableFonts(template);
  const state: WriteState = {
    fonts,
    language,
    t,
    tables: 0,
    lists: 0,
    breakBefore: false,
    handling: template?.handling ?? '',
    logo: template?.logo ?? null,
  };
  const page = template?.paper === 'Letter' ? LETTER : PAGE;
  const children = doc.blocks.flatMap((b) => block(b, state));
  const footerLine = `${doc.page.title} · ${doc.page.date}`;
  // The cover is a page of its own kind: the marking, but no page number.
  const first = doc.blocks[0];
  const cover = first?.type === 'title' && first.cover;
  const marking = doc.page.marking;
  const document = new Document({
    title: doc.page.title,
    subject: doc.page.subtitle || undefined,
    creator: doc.page.author || 'Analyst Workbench',
    lastModifiedBy: doc.page.author || 'Analyst Workbench',
    description: [marking, doc.page.audience ? `For ${doc.page.audience}` : ''].filter(Boolean).join(' · '),
    keywords: `briefing; ${marking}`,
    customProperties: [
      { name: 'Classification', value: marking },
      ...(template?.documentNumber ? [{ name: 'Document number', value: template.documentNumber }] : []),
      ...(template?.institution ? [{ name: 'Institution', value: template.institution }] : []),
      ...(doc.page.audience ? [{ name: 'Audience', value: doc.page.audience }] : []),
      { name: 'Document date', value: doc.page.isoDate },
    ],
    // Word refreshes the TOC (and every other field) when it opens the file.
    features: { updateFields: true },
    theme: { fonts },
    // The TOC's entries and page numbers are worked out here, so it reads right before Word updates it.
    // Only for briefings of modest length: the layout behind the numbers costs far more than writing the
    // file (most of a 100-page export); a longer briefing keeps its TOC entries and Word numbers them on opening.
    pageNumbers: layoutIsAffordable(doc) ? estimatePageNumbersWith({ guess: true }) : undefined,
    footnotes: Object.fromEntries(
      doc.footnotes.map((f) => [
        f.number,
        {
          children: [
            // The note's number (docx writes it first), then a space, then the citation.
            new Paragraph({
              style: 'FootnoteText',
              children: [new TextRun({ text: ` ${f.text}`, language: runLanguage(f.text, language) })],
            }),
          ],
        },
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
          run: { font: BODY, size: BODY_SIZE, color: INK, language: { value: language } },
          paragraph: { spacing: { after: 140, line: 264, lineRule: LineRuleType.AUTO } },
        },
        heading1: {
          run: { font: HEADINGS, size: 30, bold: true, color: NAVY },
          paragraph: {
            // Outline levels as Word's own heading styles have them: LibreOffice's navigator and TOC go by them.
            outlineLevel: 0,
            spacing: { before: 360, after: 160 },
            keepNext: true,
            keepLines: true,
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: NAVY, space: 2 } },
          },
        },
        heading2: {
          run: { font: HEADINGS, size: 24, bold: true, color: NAVY },
          paragraph: { outlineLevel: 1, spacing: { before: 280, after: 100 }, keepNext: true, keepLines: true },
        },
        footnoteText: {
          run: { size: NOTE_SIZE },
          paragraph: { spacing: { after: 40, line: 228, lineRule: LineRuleType.AUTO }, keepLines: true },
        },
      },
      paragraphStyles: [
        {
          id: 'BriefingKicker',
          name: 'Briefing Kicker',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADINGS, size: 20, bold: true, allCaps: true, color: GREY },
          paragraph: { spacing: { after: 120 }, keepNext: true },
        },
        {
          id: 'CoverKicker',
          name: 'Cover Kicker',
          basedOn: 'BriefingKicker',
          next: 'Normal',
          paragraph: { spacing: { before: 2000, after: 120 }, keepNext: true },
        },
        {
          id: 'BriefingTitle',
          name: 'Briefing Title',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADINGS, size: 36, bold: true, color: NAVY },
          paragraph: {
            keepNext: true,
            spacing: { before: 0, after: 240, line: 240, lineRule: LineRuleType.AUTO },
            border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: NAVY, space: 8 } },
          },
        },
        {
          id: 'CoverTitle',
          name: 'Cover Title',
          basedOn: 'BriefingTitle',
          next: 'Normal',
          run: { size: 48 },
          paragraph: { spacing: { before: 0, after: 360, line: 240, lineRule: LineRuleType.AUTO } },
        },
        {
          id: 'BriefingSubtitle',
          name: 'Briefing Subtitle',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADINGS, size: 28, color: GREY },
          paragraph: { spacing: { after: 240 }, keepNext: true },
        },
        {
          id: 'BriefingFact',
          name: 'Briefing Fact',
          basedOn: 'Normal',
          next: 'Normal',
          paragraph: {
            spacing: { after: 40 },
            indent: { left: 1700, hanging: 1700 },
          },
        },
        {
          id: 'CoverFact',
          name: 'Cover Fact',
          basedOn: 'BriefingFact',
          next: 'Normal',
          paragraph: { spacing: { after: 120 } },
        },
        {
          id: 'HandlingNote',
          name: 'Handling Note',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true, size: 20, color: GREY },
          paragraph: { spacing: { before: 1800 }, alignment: AlignmentType.CENTER },
        },
        {
          id: 'ContentsHeading',
          name: 'Contents Heading',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADINGS, size: 30, bold: true, color: NAVY },
          paragraph: { spacing: { before: 120, after: 240 }, keepNext: true },
        },
        {
          id: 'BriefingLabel',
          name: 'Briefing Label',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADINGS, size: 19, bold: true, color: GREY, allCaps: true },
          paragraph: { spacing: { before: 160, after: 60 }, keepNext: true },
        },
        {
          id: 'BriefingFacts',
          name: 'Briefing Facts',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADINGS, size: 18, color: GREY },
          // A facts line (a threat's score, a table's source) belongs to what follows: never alone at a page's foot.
          paragraph: { spacing: { after: 120 }, keepNext: true },
        },
        {
          id: 'BriefingNote',
          name: 'Briefing Note',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true, color: GREY, size: 21 },
        },
        {
          id: 'ListParagraph',
          name: 'List Paragraph',
          basedOn: 'Normal',
          next: 'ListParagraph',
          paragraph: { spacing: { after: 80 } },
        },
        {
          id: 'KeyJudgment',
          name: 'Key Judgment',
          basedOn: 'Normal',
          next: 'JudgmentConfidence',
          run: { bold: true },
          paragraph: {
            spacing: { before: 200, after: 40 },
            indent: { left: 567, hanging: 567 },
            keepNext: true,
            keepLines: true,
          },
        },
        {
          id: 'JudgmentConfidence',
          name: 'Judgment Confidence',
          basedOn: 'BriefingFacts',
          next: 'EvidenceQuote',
          paragraph: { indent: { left: 567 }, keepNext: true },
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
            keepLines: true,
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'BFBFBF', space: 8 } },
          },
        },
        {
          id: 'Caption',
          name: 'caption',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: HEADINGS, size: 18, bold: true, color: GREY },
          paragraph: { spacing: { before: 160, after: 80 }, keepNext: true, keepLines: true },
        },
        {
          id: 'TableText',
          name: 'Table Text',
          basedOn: 'Normal',
          next: 'TableText',
          run: { size: 19 },
          paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
        },
        {
          id: 'TableHeading',
          name: 'Table Heading',
          basedOn: 'TableText',
          next: 'TableText',
          run: { font: HEADINGS, bold: true },
        },
        {
          id: 'Marking',
          name: 'Marking',
          basedOn: 'Normal',
          next: 'Marking',
          run: { font: HEADINGS, size: 20, bold: true },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 } },
        },
        {
          id: 'FooterText',
          name: 'Footer Text',
          basedOn: 'Normal',
          next: 'FooterText',
          run: { font: HEADINGS, size: 16, color: GREY },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 40 } },
        },
      ],
      characterStyles: [
        {
          id: 'FactLabel',
          name: 'Fact Label',
          basedOn: 'DefaultParagraphFont',
          run: { font: HEADINGS, size: 20, bold: true, color: GREY },
        },
        { id: 'JudgmentNumber', name: 'Judgment Number', basedOn: 'DefaultParagraphFont', run: { color: NAVY } },
        {
          id: 'EvidenceGrade',
          name: 'Evidence Grade',
          basedOn: 'DefaultParagraphFont',
          run: { italics: false, size: 18, color: GREY },
        },
        ...(Object.entries(BAND_STYLES) as [keyof typeof BAND_STYLES, string][]).map(([band, id]) => ({
          id,
          name: `Band ${band}`,
          basedOn: 'DefaultParagraphFont',
          run: { color: BAND_PRINT_COLOURS[band].text },
        })),
      ],
    },
    sections: [
      {
        properties: {
          page: { size: { width: page.width, height: page.height }, margin: page.margin },
          titlePage: cover || undefined,
        },
        headers: {
          default: new Header({ children: [markingParagraph(marking, language)] }),
          ...(cover ? { first: new Header({ children: [markingParagraph(marking, language)] }) } : {}),
        },
        footers: {
          default: pageFooter(footerLine, marking, t, language),
          ...(cover ? { first: new Footer({ children: [markingParagraph(marking, language)] }) } : {}),
        },
        children,
      },
    ],
  });
  return finish(new Uint8Array(await Packer.toBuffer(document)), marking);
}

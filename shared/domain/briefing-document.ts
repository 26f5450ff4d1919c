/**
 * The document tree of a briefing: what `buildBriefingDocument` makes from the workspace, what the
 * renderer previews as HTML, and what main writes as a .docx. One tree, two renderers, so what the
 * analyst previews is what Word shows. Main receives it from the renderer and parses it with these
 * schemas before writing anything, so every limit here is also a refusal the analyst can read.
 */
import { z } from 'zod';
import type { Band } from './scoring';
import { Confidence } from './threat';
import { Paper, TemplateLogo } from './briefing-template';

export const BRIEFING_DOCUMENT_FORMAT = 'analyst-workbench/briefing-document@1';

/** The largest tree main accepts, measured as JSON text (quotes, tables and notes included). */
export const MAX_BRIEFING_DOCUMENT_CHARS = 4_000_000;
export const MAX_BRIEFING_BLOCKS = 5000;
export const MAX_BRIEFING_FOOTNOTES = 2000;
const MAX_TEXT = 50_000;
const MAX_LINE = 2000;

export const TextDirection = z.enum(['ltr', 'rtl']);
export type TextDirection = z.infer<typeof TextDirection>;

const BandName = z.enum(['low', 'medium', 'high', 'critical']);
const NoteNumber = z.number().int().min(1).max(MAX_BRIEFING_FOOTNOTES);
/** A BCP 47 tag such as "en", "ru", "kk", "fa" (or "" when it cannot be told). */
const LanguageTag = z
  .string()
  .max(35)
  .regex(/^([A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$/, 'a language must be a tag such as "ru" or "fa"');

export const DocInline = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string().min(1).max(MAX_TEXT),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
  }),
  /** A footnote reference: the number of a footnote in `footnotes`. */
  z.object({ kind: z.literal('note'), number: NoteNumber }),
]);
export type DocInline = z.infer<typeof DocInline>;

export const DocCell = z.object({
  text: z.string().max(MAX_LINE * 4),
  align: z.enum(['start', 'center', 'end']),
  /** Cells coloured by risk band (score cells, heat-map cells). */
  band: BandName.nullable(),
  bold: z.boolean(),
  /** A row or column heading, shaded like the header row. */
  heading: z.boolean(),
  dir: TextDirection,
});
export type DocCell = z.infer<typeof DocCell>;

export const DocColumn = z.object({
  text: z.string().max(MAX_LINE),
  /** Share of the table's width, in per cent, as designed; the .docx widens a column to its longest word (table-columns.ts). */
  width: z.number().int().min(1).max(100),
  align: z.enum(['start', 'center', 'end']),
  /** A footnote on the column's heading: where the column's figures come from. */
  note: NoteNumber.optional(),
});
export type DocColumn = z.infer<typeof DocColumn>;

export const DocBlock = z.discriminatedUnion('type', [
  /** The title: a full cover page, or a title block at the top of the first page. */
  z.object({
    type: z.literal('title'),
    cover: z.boolean(),
    /** A line above the title on the cover, e.g. "Analytical briefing". */
    kicker: z.string().max(200),
    title: z.string().min(1).max(MAX_LINE),
    subtitle: z.string().max(MAX_LINE),
    marking: z.string().max(200),
    /** "Prepared by", "Date", "For", "Scope", each with its value. */
    facts: z
      .array(
        z.object({
          label: z.string().min(1).max(100),
          value: z
            .string()
            .min(1)
            .max(MAX_LINE * 2),
        }),
      )
      .max(12),
  }),
  /** Where the table of contents goes: a TOC field in Word, the list of headings in the preview. */
  z.object({ type: z.literal('contents'), title: z.string().min(1).max(200) }),
  z.object({
    type: z.literal('heading'),
    level: z.union([z.literal(1), z.literal(2)]),
    text: z.string().min(1).max(MAX_LINE),
    dir: TextDirection,
  }),
  z.object({
    type: z.literal('paragraph'),
    style: z.enum(['body', 'label', 'facts', 'note']),
    inlines: z.array(DocInline).min(1).max(500),
    dir: TextDirection,
    lang: LanguageTag,
  }),
  z.object({
    type: z.literal('list'),
    ordered: z.boolean(),
    items: z
      .array(z.object({ inlines: z.array(DocInline).min(1).max(500), dir: TextDirection }))
      .min(1)
      .max(500),
  }),
  /** A key judgment: its number, the analyst's words and their confidence (its evidence follows as quotes). */
  z.object({
    type: z.literal('judgment'),
    number: z.number().int().min(1).max(1000),
    text: z.string().min(1).max(MAX_TEXT),
    confidence: Confidence,
    dir: TextDirection,
  }),
  /** A passage quoted as evidence; `note` is the footnote that cites its source. */
  z.object({
    type: z.literal('quote'),
    text: z.string().min(1).max(MAX_TEXT),
    open: z.string().max(2),
    close: z.string().max(2),
    dir: TextDirection,
    lang: LanguageTag,
    grade: z.string().max(4),
    note: NoteNumber,
    /** The passage quoted (its id), so the check before export can tell which cited passages await review. */
    passageId: z.string().max(100).optional(),
  }),
  z.object({
    type: z.literal('table'),
    /** The table's accessible name, e.g. "Threat overview". */
    label: z.string().min(1).max(200),
    caption: z.string().max(MAX_LINE),
    kind: z.enum(['overview', 'heat-map', 'countries', 'annex', 'key']),
    columns: z.array(DocColumn).min(1).max(20),
    rows: z.array(z.array(DocCell).min(1).max(20)).max(2000),
  }),
  z.object({ type: z.literal('page-break') }),
]);
export type DocBlock = z.infer<typeof DocBlock>;

export const DocFootnote = z.object({
  number: NoteNumber,
  /** The full citation: author, title, publisher, date and Admiralty grade. */
  text: z
    .string()
    .min(1)
    .max(MAX_LINE * 4),
  sourceId: z.string().max(100),
});
export type DocFootnote = z.infer<typeof DocFootnote>;

export const DocPage = z.object({
  title: z.string().min(1).max(MAX_LINE),
  subtitle: z.string().max(MAX_LINE),
  author: z.string().max(300),
  /** The date as printed, e.g. "12 March 2026". */
  date: z.string().max(100),
  /** The same date, ISO 8601, for the file name and the document properties. */
  isoDate: z.iso.date(),
  /** Printed at the top and bottom of every page. */
  marking: z.string().trim().min(1, 'choose a security marking (for example UNCLASSIFIED) before exporting').max(200),
  audience: z.string().max(500),
  language: LanguageTag,
  /** What the briefing template sets (briefing-template.ts); absent in documents from before templates. */
  template: z
    .object({
      institution: z.string().max(300),
      department: z.string().max(300),
      documentNumber: z.string().max(200),
      distribution: z.array(z.string().max(300)).max(100),
      /** The cover's handling sentence, already in the document's language. */
      handling: z.string().max(1000),
      headingFont: z.string().min(1).max(100),
      bodyFont: z.string().min(1).max(100),
      paper: Paper,
      logo: TemplateLogo.nullable(),
    })
    .optional(),
});
export type DocPage = z.infer<typeof DocPage>;

/** Footnote numbers in the order the blocks first cite them. */
export function noteReferences(blocks: readonly DocBlock[]): number[] {
  const numbers: number[] = [];
  const inlineNotes = (inlines: readonly DocInline[]) => {
    for (const inline of inlines) if (inline.kind === 'note') numbers.push(inline.number);
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') inlineNotes(block.inlines);
    else if (block.type === 'list') for (const item of block.items) inlineNotes(item.inlines);
    else if (block.type === 'quote') numbers.push(block.note);
    else if (block.type === 'table') for (const c of block.columns) if (c.note !== undefined) numbers.push(c.note);
  }
  return numbers;
}

const BriefingDocumentShape = z.object({
  format: z.literal(BRIEFING_DOCUMENT_FORMAT),
  page: DocPage,
  blocks: z.array(DocBlock).min(1).max(MAX_BRIEFING_BLOCKS),
  footnotes: z.array(DocFootnote).max(MAX_BRIEFING_FOOTNOTES),
});

export const BriefingDocument = BriefingDocumentShape.superRefine((doc, ctx) => {
  if (JSON.stringify(doc).length > MAX_BRIEFING_DOCUMENT_CHARS) {
    ctx.addIssue({
      code: 'custom',
      message: `the briefing is larger than ${MAX_BRIEFING_DOCUMENT_CHARS / 1_000_000} million characters; leave out some threats or sections and export again`,
    });
    return;
  }
  // Footnotes are numbered 1, 2, 3 … in the order the text first cites them, and every reference has its note.
  const numbers = doc.footnotes.map((f) => f.number);
  if (numbers.some((n, i) => n !== i + 1)) {
    ctx.addIssue({ code: 'custom', path: ['footnotes'], message: 'footnotes must be numbered 1, 2, 3 … without gaps' });
    return;
  }
  let next = 1;
  for (const n of noteReferences(doc.blocks)) {
    if (n > doc.footnotes.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['blocks'],
        message: `the text cites footnote ${n}, which the briefing does not have`,
      });
      return;
    }
    if (n === next) next++;
    else if (n > next) {
      ctx.addIssue({
        code: 'custom',
        path: ['blocks'],
        message: `footnote ${n} is cited before footnote ${next}; notes must follow the order of the text`,
      });
      return;
    }
  }
  if (next !== doc.footnotes.length + 1) {
    ctx.addIssue({ code: 'custom', path: ['footnotes'], message: `footnote ${next} is never cited in the text` });
  }
});
export type BriefingDocument = z.infer<typeof BriefingDocumentShape>;

/**
 * Fill and text colours of each band, as Word and the preview print them: paper colours, the same in
 * light and dark themes, dark enough text to read in greyscale.
 */
export const BAND_PRINT_COLOURS: Record<Band, { fill: string; text: string }> = {
  low: { fill: 'C6EFCE', text: '1E5B27' },
  medium: { fill: 'FFEB9C', text: '6B4D00' },
  high: { fill: 'F8CBAD', text: '7A3400' },
  critical: { fill: 'F4B6BB', text: '8A0F18' },
};

/** Grey of header rows and row headings in tables. */
export const TABLE_HEADING_FILL = 'E7E9EC';

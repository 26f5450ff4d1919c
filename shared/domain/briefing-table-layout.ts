import type { DocBlock } from './briefing-document';
import { fitTable } from './table-columns';

/**
 * A briefing's page and its tables' columns, shared by the .docx main writes and the preview the
 * renderer shows, so both set a table's columns (and, where its words need it, its smaller text) alike.
 */

/** A4 in twips, with 2.5 cm margins on the sides and room for the marking above and below. */
export const A4_PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: 1418, bottom: 1418, left: 1418, right: 1418, header: 567, footer: 567 },
} as const;
/** US Letter, the same margins; tables keep A4's text width, which fits both. */
export const LETTER_PAGE = { ...A4_PAGE, width: 12240, height: 15840 } as const;
/** The width tables are set to, in twips: A4's text width. */
export const TABLE_WIDTH = A4_PAGE.width - A4_PAGE.margin.left - A4_PAGE.margin.right;

/** The fonts a briefing's template names, by which its table columns are measured. */
export interface TableFonts {
  headings: string;
  body: string;
}

/** The document theme's fonts, for a briefing whose template names none. */
export const THEME_FONTS: TableFonts = { headings: 'Arial', body: 'Times New Roman' };

/** Table text is 9.5 pt (the TableText style); cells are padded 90 twips a side (the table style), within hairline rules. */
export const TABLE_TEXT_SIZE = 9.5;
const CELL_PADDING = (90 + 90) / 20;
/** Borders and the readers' own rounding of a column's width, in points: a word that just fits still fits. */
const CELL_SLACK = 1.5;
/** Long words may set a table smaller, down to 8 pt (the size of the footer), rather than break in a narrow column. */
const TABLE_TEXT_SMALLEST = 8;

export interface BriefingTableLayout {
  /** Each column's width in twips; they add up to `TABLE_WIDTH`. */
  widths: number[];
  /** The table's text size in points: `TABLE_TEXT_SIZE`, or smaller where its words would not fit at it. */
  size: number;
  /** Every word fits its column. */
  fits: boolean;
}

/** The table's columns and text size, from its words in the template's fonts (table-columns.ts). */
export function tableLayout(block: Extract<DocBlock, { type: 'table' }>, fonts: TableFonts): BriefingTableLayout {
  const { size, widths, fits } = fitTable(block, {
    bodyFont: fonts.body,
    headingFont: fonts.headings,
    size: TABLE_TEXT_SIZE,
    smallest: TABLE_TEXT_SMALLEST,
    padding: CELL_PADDING + CELL_SLACK,
    width: TABLE_WIDTH / 20,
  });
  const twips = widths.map((p) => Math.floor(p * 20));
  twips[twips.length - 1]! += TABLE_WIDTH - twips.reduce((a, b) => a + b, 0);
  return { widths: twips, size, fits };
}

/** The fonts a briefing's tables are measured in: its template's, else the theme's. */
export function tableFonts(template: { headingFont?: string; bodyFont?: string } | null | undefined): TableFonts {
  return {
    headings: template?.headingFont ?? THEME_FONTS.headings,
    body: template?.bodyFont ?? THEME_FONTS.body,
  };
}

/**
 * Column widths for a briefing's tables, worked out from what the columns hold. A word is never broken by a
 * reader (Word, LibreOffice) unless it is wider than its column, so each column is made at least as wide as
 * its longest word, heading and cells alike, plus the cell's padding; the rest of the table's width is shared
 * out in proportion to the table's preset widths. Pure: no DOM, no fonts loaded, the same inputs give the
 * same widths.
 *
 * Word widths are estimated from real advance widths of the Liberation fonts (font-advance-widths.ts), which
 * are metric-compatible with Times New Roman and Arial, the template's default fonts, and are what
 * LibreOffice prints those names with where they are not installed, and of DejaVu. A font the table does not
 * know is measured by the widest of them at each letter: a column a little too wide costs less than a word
 * broken in two.
 */
import { ADVANCE_RANGES, ADVANCE_WIDTHS } from './font-advance-widths';

type Face = keyof typeof ADVANCE_WIDTHS;

export interface TableFont {
  /** The font's name as the document names it, e.g. "Times New Roman". */
  family: string;
  bold: boolean;
  /** Size in points. */
  size: number;
}

/** Font names measured by each family's faces: Times New Roman and Arial by their metric twins. */
const FAMILIES: Record<string, { regular: Face; bold: Face }> = {
  'times new roman': { regular: 'serif', bold: 'serifBold' },
  'liberation serif': { regular: 'serif', bold: 'serifBold' },
  tinos: { regular: 'serif', bold: 'serifBold' },
  times: { regular: 'serif', bold: 'serifBold' },
  arial: { regular: 'sans', bold: 'sansBold' },
  'liberation sans': { regular: 'sans', bold: 'sansBold' },
  arimo: { regular: 'sans', bold: 'sansBold' },
  helvetica: { regular: 'sans', bold: 'sansBold' },
  'dejavu serif': { regular: 'dejavuSerif', bold: 'dejavuSerifBold' },
  'dejavu sans': { regular: 'dejavuSans', bold: 'dejavuSansBold' },
};
/**
 * A font it has no metrics for is measured, letter by letter, by the widest of the faces it has: DejaVu, wide
 * itself, is also what LibreOffice on Linux prints a font with that is not installed.
 */
const UNKNOWN = {
  regular: ['serif', 'sans', 'dejavuSerif', 'dejavuSans'],
  bold: ['serifBold', 'sansBold', 'dejavuSerifBold', 'dejavuSansBold'],
} as const;

/** Thousandths of an em by code point, for one face. */
function advanceTable(face: Face): Map<number, number> {
  const widths = ADVANCE_WIDTHS[face];
  const table = new Map<number, number>();
  let k = 0;
  for (const [first, last] of ADVANCE_RANGES)
    for (let code = first; code <= last; code++, k++) {
      const width = widths[k];
      if (width) table.set(code, width);
    }
  return table;
}

const TABLES = new Map<Face, Map<number, number>>();
function tableOf(face: Face): Map<number, number> {
  let table = TABLES.get(face);
  if (!table) TABLES.set(face, (table = advanceTable(face)));
  return table;
}

/**
 * A letter outside the tables: an average width for its script. Ideographs, kana and Hangul are square;
 * Arabic letters join and are narrow; anything else is taken as a wide Latin letter.
 */
function scriptAverage(code: number): number {
  if ((code >= 0x2e80 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xffef))
    return 1000;
  if (code >= 0x0600 && code <= 0x08ff) return 500;
  // Combining marks take no room of their own.
  if (code >= 0x0300 && code <= 0x036f) return 0;
  return 600;
}

/** The width of `word` in points, set in `font`. */
export function wordWidth(word: string, font: TableFont): number {
  const family = FAMILIES[font.family.trim().toLowerCase()];
  const faces: readonly Face[] = family
    ? [font.bold ? family.bold : family.regular]
    : UNKNOWN[font.bold ? 'bold' : 'regular'];
  let thousandths = 0;
  for (const letter of word) {
    const code = letter.codePointAt(0)!;
    thousandths += Math.max(...faces.map((face) => tableOf(face).get(code) ?? scriptAverage(code)));
  }
  return (thousandths * font.size) / 1000;
}

/** Ideographs, kana and Hangul syllables: a line may break between any two of them. */
const BREAK_ANYWHERE = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;

/**
 * The pieces of `text` a reader will not break: words between spaces (a no-break space holds its neighbours
 * together), split after a hyphen or dash between letters, where a line may end, and single ideographs.
 */
export function unbreakablePieces(text: string): string[] {
  return text
    .split(/[ \t\n\r\u1680\u2000-\u200a\u2028\u2029\u205f\u3000]+/u)
    .flatMap((word) => word.split(/(?<=\p{L}[\u002d\u2010\u2013\u2014])(?=\p{L})/u))
    .flatMap((word) =>
      BREAK_ANYWHERE.test(word) ? word.split(/(?=[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff])/u) : [word],
    )
    .filter((piece) => piece !== '');
}

/** The width of the widest piece of `text` that cannot be broken, in points. */
export function longestWordWidth(text: string, font: TableFont): number {
  return Math.max(0, ...unbreakablePieces(text).map((piece) => wordWidth(piece, font)));
}

/**
 * Shares `total` among columns in proportion to `weights`, none below its `floor`: columns whose share would
 * fall below their floor get the floor, and the others share what is left (water-filling).
 */
function share(total: number, weights: readonly number[], floors: readonly number[]): number[] {
  const widths = new Array<number>(weights.length).fill(0);
  const open = new Set(weights.keys());
  let left = total;
  for (;;) {
    const weight = [...open].reduce((sum, i) => sum + Math.max(weights[i]!, 1e-9), 0);
    const short = [...open].filter((i) => (left * Math.max(weights[i]!, 1e-9)) / weight < floors[i]!);
    if (short.length === 0) {
      for (const i of open) widths[i] = (left * Math.max(weights[i]!, 1e-9)) / weight;
      return widths;
    }
    for (const i of short) {
      widths[i] = floors[i]!;
      left -= floors[i]!;
      open.delete(i);
    }
    if (open.size === 0) return widths;
  }
}

/** Whole units, adding up to `total` exactly: the remainders go to the largest fractions. */
function whole(widths: readonly number[], total: number): number[] {
  const out = widths.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = widths.map((w, i) => ({ i, f: w - Math.floor(w) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--) out[order[k]!.i]! += 1;
  return out;
}

/**
 * Column widths, in the units of `total`, for columns that need at least `minimums` (their longest word and
 * padding) and were designed at `presets` (shares of the table's width, any scale).
 *
 * When every minimum fits, each column gets at least its minimum and the rest follows the presets. When they
 * cannot all fit, the columns with the widest words get their minimum first, as long as the others keep
 * their `floor` each (a few letters and padding), and those others shrink toward their minimums alike. Only
 * then may a word break: in a column that could not be given its minimum.
 */
export function fitColumns(
  presets: readonly number[],
  minimums: readonly number[],
  total: number,
  floor: number,
): number[] {
  const n = presets.length;
  if (n === 0) return [];
  const needed = minimums.reduce((a, b) => a + b, 0);
  if (needed <= total) return whole(share(total, presets, minimums), total);
  const floors = minimums.map((m) => Math.min(m, floor, total / n));
  const served = new Set<number>();
  let left = total;
  for (const i of [...minimums.keys()].sort((a, b) => minimums[b]! - minimums[a]! || a - b)) {
    const othersFloor = floors.reduce((sum, f, k) => (k === i || served.has(k) ? sum : sum + f), 0);
    if (left - minimums[i]! >= othersFloor) {
      served.add(i);
      left -= minimums[i]!;
    }
  }
  const rest = [...minimums.keys()].filter((i) => !served.has(i));
  const shared = share(
    left,
    rest.map((i) => minimums[i]!),
    rest.map((i) => floors[i]!),
  );
  const widths = minimums.map((m, i) => (served.has(i) ? m : 0));
  rest.forEach((i, k) => (widths[i] = shared[k]!));
  return whole(widths, total);
}

export interface TableMeasure {
  /** The font of the body cells (bold cells are measured bold). */
  bodyFont: string;
  /** The font of the header row and of row headings (set bold). */
  headingFont: string;
  /** The table's text size in points, as its style sets it. */
  size: number;
  /** The smallest size the table's text may be set at so that its words fit; `size` when absent. */
  smallest?: number;
  /** Left plus right cell padding, with the cell's borders, in points. */
  padding: number;
  /** The table's whole width, in points. */
  width: number;
}

export interface MeasuredTable {
  columns: readonly { text: string; width: number; note?: number | undefined }[];
  rows: readonly (readonly { text: string; bold: boolean; heading: boolean }[])[];
}

export interface TableLayout {
  /** The text size in points: the style's, or smaller where the table's words would not fit at it. */
  size: number;
  /** Each column's width in points; they add up to the table's width. */
  widths: number[];
  /** Every column is as wide as its widest word: no word of the table breaks. */
  fits: boolean;
}

/** A footnote mark is set at about two thirds of the size, raised. */
const NOTE_MARK_SCALE = 0.67;

/** The least a column is ever made, when not all words can fit: three wide letters and the padding. */
const FLOOR_LETTERS = 3;

/** Sizes are tried in half points, the unit Word sets type in. */
const SIZE_STEP = 0.5;

/** Hundredths of a point, so the shares add up exactly in whole numbers. */
const SCALE = 100;

/** Each column's least width (its widest word, or heading word with its note mark, and the padding), in hundredths of a point. */
function minimumWidths(table: MeasuredTable, measure: TableMeasure, size: number): number[] {
  const heading: TableFont = { family: measure.headingFont, size, bold: true };
  return table.columns.map((column, i) => {
    let widest = longestWordWidth(column.text, heading);
    const last = unbreakablePieces(column.text).at(-1);
    if (column.note !== undefined && last !== undefined) {
      // The note mark is printed straight after the heading's last word.
      const mark = wordWidth(String(column.note), { ...heading, size: size * NOTE_MARK_SCALE, bold: false });
      widest = Math.max(widest, wordWidth(last, heading) + mark);
    }
    for (const row of table.rows) {
      const cell = row[i];
      if (!cell) continue;
      const font: TableFont = cell.heading ? heading : { family: measure.bodyFont, size, bold: cell.bold };
      widest = Math.max(widest, longestWordWidth(cell.text, font));
    }
    return Math.ceil((widest + measure.padding) * SCALE);
  });
}

/**
 * The table's text size and column widths: the largest size, from the style's down to `smallest` in half
 * points, at which every column gets its widest word. A word too wide for any column at any of those sizes
 * (a long address, say) does not set the table smaller: the size is the largest at which every other column
 * still gets its word, and only that word breaks.
 */
export function fitTable(table: MeasuredTable, measure: TableMeasure): TableLayout {
  const total = Math.round(measure.width * SCALE);
  const presets = table.columns.map((c) => c.width);
  const at = (size: number) => {
    const minimums = minimumWidths(table, measure, size);
    const letter = wordWidth('МШЩ', { family: measure.headingFont, size, bold: true }) / 3;
    const floor = Math.ceil((letter * FLOOR_LETTERS + measure.padding) * SCALE);
    const widths = fitColumns(presets, minimums, total, floor);
    return { size, minimums, widths };
  };
  const smallest = at(Math.min(measure.size, measure.smallest ?? measure.size));
  const fitting = smallest.minimums.flatMap((m, i) => (smallest.widths[i]! >= m ? [i] : []));
  let layout = smallest;
  for (let size = measure.size; size > smallest.size + 1e-9; size -= SIZE_STEP) {
    const candidate = at(size);
    if (fitting.every((i) => candidate.widths[i]! >= candidate.minimums[i]!)) {
      layout = candidate;
      break;
    }
  }
  return {
    size: layout.size,
    widths: layout.widths.map((w) => w / SCALE),
    fits: layout.minimums.every((m, i) => layout.widths[i]! >= m),
  };
}

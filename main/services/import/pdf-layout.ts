/**
 * A PDF page's text back in reading order. A PDF holds positioned runs of glyphs, not lines, columns or
 * paragraphs; these are rebuilt from where the runs sit:
 *
 * - lines: consecutive runs on one baseline; a superscript or subscript right after a run (a raised
 *   "2" in "E = mc2", a footnote number) stays in its line;
 * - columns: a gutter is a vertical strip that the page's narrow lines never cross, with prose on both
 *   sides; columns are read one after the other, and a line that crosses the gutter (a title, a
 *   figure caption across both columns) is read where it stands, between the column parts above and
 *   below it;
 * - paragraphs: a line starts a new one after a wider gap than the page's line spacing, at a first-line
 *   indent, after a short line that ends a sentence, or at a change of font size — but never where the
 *   line before ends mid-sentence and this one goes on in lower case (a sentence running on into the
 *   next column or around a figure);
 * - footnotes: the small-print lines at the foot of a column that begin with a note number; they are
 *   handed back apart, and the raised note numbers in the text that point to them become "[n]".
 */

export interface TextRun {
  text: string;
  /** Left edge and baseline, in PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** Font size, roughly. */
  height: number;
  rtl: boolean;
  endsLine: boolean;
}

interface Line {
  runs: TextRun[];
  /** Runs raised or lowered off the baseline (superscripts, subscripts). */
  scripts: Set<TextRun>;
  /** Baseline of the line's main text. */
  y: number;
  height: number;
  left: number;
  right: number;
  /** Column index (0, 1, …); -1 for a line across the gutter, or when the page has no columns. */
  column: number;
  text: string;
}

export interface PageLine {
  text: string;
  /** Baseline and extent, in PDF units. */
  y: number;
  left: number;
  right: number;
  height: number;
  /** True when this line begins a paragraph. */
  startsParagraph: boolean;
}

export interface PageLayout {
  /** The page's lines in reading order, footnotes excluded. */
  lines: PageLine[];
  /** Footnotes at the foot of the page, each one paragraph beginning with its number ("[1] …"). */
  footnotes: string[];
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF]/u;

function startLine(run: TextRun): Line {
  return {
    runs: [run],
    scripts: new Set(),
    y: run.y,
    height: run.height,
    left: run.x,
    right: run.x + run.width,
    column: -1,
    text: '',
  };
}

function addRun(line: Line, run: TextRun, script: boolean): void {
  line.runs.push(run);
  if (script) line.scripts.add(run);
  else line.height = Math.max(line.height, run.height);
  line.left = Math.min(line.left, run.x);
  line.right = Math.max(line.right, run.x + run.width);
}

/** A run set off the baseline right after the run before it, in a smaller size: a superscript or subscript. */
function isScript(run: TextRun, line: Line, previous: TextRun): boolean {
  const dy = Math.abs(run.y - line.y);
  if (dy > 1.2 * line.height || run.height > 0.85 * line.height) return false;
  const gap = run.x - (previous.x + previous.width);
  return gap > -0.5 * line.height && gap < 1.5 * line.height;
}

/** Consecutive runs on one baseline form a line; superscripts and subscripts stay in it. */
function groupLines(runs: readonly TextRun[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  let previous: TextRun | null = null;
  let lineEnded = false;
  for (const run of runs) {
    if (!run.text) {
      // pdfjs marks line ends with empty runs as well as on the last run of a line.
      if (run.endsLine) lineEnded = true;
      continue;
    }
    if (current && previous && !lineEnded) {
      const tolerance = 0.5 * Math.max(run.height, current.height, 1);
      if (Math.abs(run.y - current.y) <= tolerance) {
        // A smaller run a little off the baseline is a superscript or subscript ("миграции.1").
        const script =
          Boolean(run.text.trim()) &&
          run.height < 0.85 * current.height &&
          Math.abs(run.y - current.y) > 0.15 * current.height;
        if (run.height > 1.15 * current.height && current.runs.every((r) => r.height < 0.85 * run.height)) {
          // The line began with a raised mark (a footnote's number): the baseline is this run's.
          for (const earlier of current.runs) if (earlier.text.trim()) current.scripts.add(earlier);
          current.y = run.y;
        }
        addRun(current, run, script);
      } else if (!run.text.trim() || isScript(run, current, previous)) {
        addRun(current, run, Boolean(run.text.trim()));
      } else {
        current = startLine(run);
        lines.push(current);
      }
    } else if (current && previous && lineEnded && isScript(run, current, previous) && run.y > current.y) {
      // pdfjs sometimes marks the end of a line before the superscript that closes it.
      addRun(current, run, true);
    } else {
      current = startLine(run);
      lines.push(current);
    }
    previous = run;
    lineEnded = run.endsLine;
  }
  return lines;
}

function isRtl(line: Line): boolean {
  const rtl = line.runs.reduce((sum, run) => sum + (run.rtl ? run.text.length : 0), 0);
  return rtl > 0.5 * line.runs.reduce((sum, run) => sum + run.text.length, 0);
}

/**
 * Runs in reading order, joined. Right-to-left lines (Dari, Pashto) come from most producers as runs
 * laid out left to right on the page, so they are read from the right edge; a space is put back where
 * runs are visibly apart but the PDF stored none. Raised note numbers that a footnote on the page
 * answers become "[n]".
 */
function lineText(line: Line, noteNumbers: ReadonlySet<string>): string {
  const rtl = isRtl(line);
  const runs = rtl ? [...line.runs].sort((a, b) => b.x - a.x) : line.runs;
  let text = '';
  let previous: TextRun | null = null;
  for (const run of runs) {
    const script = line.scripts.has(run);
    let piece = run.text;
    if (script && noteNumbers.has(piece.trim())) piece = `[${piece.trim()}]`;
    if (previous && !script && !line.scripts.has(previous)) {
      const gap = rtl ? previous.x - (run.x + run.width) : run.x - (previous.x + previous.width);
      if (gap > 0.15 * Math.max(run.height, previous.height) && !/\s$/.test(text) && !/^\s/.test(piece)) text += ' ';
    } else if (previous && line.scripts.has(previous) && !script) {
      // After a superscript, a space where the text itself has a gap.
      const gap = run.x - (previous.x + previous.width);
      if (gap > 0.2 * run.height && !/\s$/.test(text) && !/^\s/.test(piece)) text += ' ';
    }
    text += piece;
    previous = run;
  }
  return composeSpacingAccents(text.replace(/\s+/g, ' ').trim());
}

const SPACING_ACCENTS: Record<string, string> = {
  '\u00A8': '\u0308',
  '\u00B4': '\u0301',
  '`': '\u0300',
  '\u02C6': '\u0302',
  '\u02DC': '\u0303',
  '\u00B8': '\u0327',
  '\u02C7': '\u030C',
};

/**
 * TeX and some other producers draw an accented letter as the letter and a separate accent glyph, so
 * the text holds "na¨ıve": the spacing accent is put back on the letter after it ("naïve").
 */
function composeSpacingAccents(text: string): string {
  return text.replace(
    /([\u00A8\u00B4`\u02C6\u02DC\u00B8\u02C7])([\u0131a-zA-Z])/gu,
    (whole, accent: string, letter: string, at: number) => {
      // Only inside a word: a lone backtick or accent between spaces is meant as it is.
      if (at === 0 || !/\p{L}/u.test(text[at - 1]!)) return whole;
      return `${letter === '\u0131' ? 'i' : letter}${SPACING_ACCENTS[accent]}`.normalize('NFC');
    },
  );
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

function charCount(line: Line): number {
  return line.runs.reduce((sum, run) => sum + run.text.trim().length, 0);
}

interface Gutter {
  from: number;
  to: number;
}

interface Segment {
  left: number;
  right: number;
  chars: number;
}

/** A line's pieces between wide gaps: two columns' lines that a PDF wrote as one row come apart here. */
function segmentsOf(line: Line): Segment[] {
  const runs = line.runs.filter((run) => run.text.trim()).sort((a, b) => a.x - b.x);
  const segments: Segment[] = [];
  for (const run of runs) {
    const last = segments.at(-1);
    if (last && run.x - last.right <= 1.5 * line.height) {
      last.right = Math.max(last.right, run.x + run.width);
      last.chars += run.text.trim().length;
    } else {
      segments.push({ left: run.x, right: run.x + run.width, chars: run.text.trim().length });
    }
  }
  return segments;
}

/**
 * Gutters between columns: strips at least a line-height wide that no narrow piece of a line (under
 * 60 % of the text's width) crosses, with several lines of prose on each side. Tables and forms, whose
 * cells are short, have no gutters by this rule and keep their rows.
 */
function findGutters(lines: readonly Line[]): Gutter[] {
  if (lines.length < 6) return [];
  const left = Math.min(...lines.map((line) => line.left));
  const right = Math.max(...lines.map((line) => line.right));
  const width = right - left;
  if (width <= 0) return [];
  // Centred lines (a title, an affiliation under the title) cross the gutter without being columns' text.
  const centre = (left + right) / 2;
  const centred = (segment: Segment) =>
    Math.abs((segment.left + segment.right) / 2 - centre) < 0.03 * width &&
    segment.left < centre &&
    segment.right > centre;
  const narrow = lines
    .flatMap(segmentsOf)
    .filter((segment) => segment.right - segment.left < 0.6 * width && segment.chars > 0 && !centred(segment));
  if (narrow.length < 6) return [];
  const bodyHeight = median(lines.map((line) => line.height));
  const step = 1;
  const buckets = Math.ceil(width / step) + 1;
  const covered = new Uint16Array(buckets);
  for (const segment of narrow) {
    const from = Math.max(0, Math.floor((segment.left - left) / step));
    const to = Math.min(buckets - 1, Math.ceil((segment.right - left) / step));
    for (let b = from; b <= to; b++) covered[b]!++;
  }
  const gutters: Gutter[] = [];
  // A stray line or two across the gutter (a wide equation, a label) does not close it.
  const tolerated = Math.max(1, Math.floor(0.03 * narrow.length));
  let start = -1;
  for (let b = 0; b <= buckets; b++) {
    const empty = b < buckets && covered[b]! <= tolerated;
    if (empty && start < 0) start = b;
    if (!empty && start >= 0) {
      const from = left + start * step;
      const to = left + b * step;
      if (start > 0 && b < buckets && to - from >= Math.max(bodyHeight, 6)) gutters.push({ from, to });
      start = -1;
    }
  }
  // Each side of a gutter must hold prose: enough lines, long enough to be running text.
  return gutters.filter((gutter) => {
    const before = narrow.filter((segment) => segment.right <= gutter.from + 1);
    const after = narrow.filter((segment) => segment.left >= gutter.to - 1);
    const prose = (side: Segment[]) =>
      side.length >= 4 && side.reduce((sum, segment) => sum + segment.chars, 0) / side.length >= 18;
    return prose(before) && prose(after);
  });
}

/** Splits lines that the PDF wrote across a gutter in one go (both columns' lines on one baseline). */
function splitAtGutters(lines: readonly Line[], gutters: readonly Gutter[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    let pieces: Line[] = [line];
    for (const gutter of gutters) {
      const next: Line[] = [];
      for (const piece of pieces) {
        const before = piece.runs.filter((run) => run.x + run.width <= gutter.from + 1);
        const after = piece.runs.filter((run) => run.x >= gutter.to - 1);
        if (before.length > 0 && after.length > 0 && before.length + after.length === piece.runs.length) {
          for (const side of [before, after]) {
            const part = startLine(side[0]!);
            for (const run of side.slice(1)) addRun(part, run, piece.scripts.has(run));
            part.y = piece.y;
            part.height = Math.max(...side.filter((run) => !piece.scripts.has(run)).map((run) => run.height), 0);
            next.push(part);
          }
        } else {
          next.push(piece);
        }
      }
      pieces = next;
    }
    out.push(...pieces);
  }
  return out;
}

/** Column of each line; lines across a gutter get -1. Then: reading order by sweeping down the page. */
function orderByColumns(lines: Line[], gutters: readonly Gutter[]): Line[] {
  const bounds = [-Infinity, ...gutters.map((g) => (g.from + g.to) / 2), Infinity];
  for (const line of lines) {
    const inside = gutters.some((g) => line.left < g.from && line.right > g.to);
    line.column = inside ? -1 : bounds.findIndex((bound, i) => line.left >= bound && line.left < bounds[i + 1]!);
  }
  const byHeight = [...lines].sort((a, b) => b.y - a.y || a.left - b.left);
  const ordered: Line[] = [];
  let region: Line[] = [];
  const flush = () => {
    for (let column = 0; column < bounds.length - 1; column++)
      ordered.push(...region.filter((line) => line.column === column));
    region = [];
  };
  for (const line of byHeight) {
    if (line.column === -1) {
      flush();
      ordered.push(line);
    } else {
      region.push(line);
    }
  }
  flush();
  return ordered;
}

const SENTENCE_END = /[.!?:;…。！？]["'”’»)\]]*$|[.!?]["'”’»)\]]+$/u;

/** The line before ends a sentence, or a heading, list item or table row that ends without one. */
function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

function startsLowercase(text: string): boolean {
  return /^["'“‘«(]*\p{Ll}/u.test(text);
}

interface ColumnMargins {
  left: number;
  right: number;
}

function marginsOf(lines: readonly Line[], bodyHeight: number): Map<number, ColumnMargins> {
  const margins = new Map<number, ColumnMargins>();
  for (const column of new Set(lines.map((line) => line.column))) {
    const own = lines.filter(
      (line) => line.column === column && Math.abs(line.height - bodyHeight) <= 0.2 * bodyHeight,
    );
    const sample = own.length > 0 ? own : lines.filter((line) => line.column === column);
    margins.set(column, {
      left: percentile(
        sample.map((line) => line.left),
        0.2,
      ),
      right: percentile(
        sample.map((line) => line.right),
        0.8,
      ),
    });
  }
  return margins;
}

function startsParagraph(
  line: Line,
  before: Line,
  typicalGap: number,
  margins: Map<number, ColumnMargins>,
  nextLine: Line | undefined,
  bodyHeight: number,
): boolean {
  // A table of contents: each entry, with its dot leaders and page number, is a line of its own.
  if (/(?:\. ?){4,}\s*\S{1,6}$/u.test(before.text)) return true;
  const goesOn = !endsSentence(before.text) && startsLowercase(line.text);
  const em = Math.max(line.height, 1);
  const gap = before.y - line.y;
  const jumped = line.column !== before.column || gap <= -0.3 * em || gap > 4 * Math.max(typicalGap, em);
  if (jumped) return !goesOn;
  if (Math.abs(line.height - before.height) > 0.2 * Math.max(line.height, before.height)) return true;
  if (goesOn) return false;
  if (line.height > 1.15 * bodyHeight) return gap > 1.6 * line.height; // a heading's lines run on
  if (typicalGap > 0 && gap > 1.35 * typicalGap) return true;
  const margin = margins.get(line.column) ?? { left: line.left, right: line.right };
  const indent = line.left - margin.left;
  // A first-line indent: this line starts in from the margin, the line after it does not.
  if (
    indent > 0.8 * em &&
    indent < 8 * em &&
    before.left - margin.left < 0.5 * em &&
    (!nextLine || nextLine.left - margin.left < 0.5 * em)
  )
    return true;
  const short = before.right < margin.right - 2 * em;
  // A short line that ends a sentence ends its paragraph; a short line without one (a heading, a
  // list item, a table row) does too when the next line begins in upper case or with a number.
  return short;
}

/**
 * What a document's own words say about a hyphen at a line break between "before-" and "after":
 * 'keep' when it writes that hyphenated word elsewhere and never the joined one ("Kosh-Tepa",
 * "run-time"), 'drop' when it writes the joined word and never the hyphenated one ("TraceMonkey"),
 * 'unknown' otherwise.
 */
export type HyphenRule = (before: string, after: string) => 'keep' | 'drop' | 'unknown';

const noDictionary: HyphenRule = () => 'unknown';

function joinLines(text: string, next: string, hyphenRule: HyphenRule = noDictionary): string {
  if (!text) return next;
  const split = /(\p{L}+)[-\u00AD]$/u.exec(text);
  const continuation = /^\p{L}+/u.exec(next);
  if (split && continuation) {
    const said = text.endsWith('-') ? hyphenRule(split[1]!, continuation[0]) : 'drop';
    // Unknown: a hyphen before a lower-case letter splits a word ("com-pile"); before a capital it
    // belongs to a name ("Kosh-Tepa").
    const keep = said === 'unknown' ? !/^\p{Ll}/u.test(next) : said === 'keep';
    return `${text.slice(0, -1)}${keep ? '-' : ''}${next}`;
  }
  if (/[-\u2010\u2013\u2014/]$/u.test(text)) return `${text}${next}`;
  if (CJK.test(text.at(-1) ?? '') && CJK.test(next[0] ?? '')) return `${text}${next}`;
  return `${text} ${next}`;
}

/** A line that starts a footnote: a small note number (raised or not) followed by text. */
function noteNumberOf(line: Line): string | null {
  const first = line.runs.find((run) => run.text.trim());
  if (!first) return null;
  const raised = line.scripts.has(first) || first.height < 0.85 * line.height;
  const match = raised
    ? /^\s*(\d{1,3}|[*†‡§¶∗])\s*$/u.exec(first.text) || /^\s*(\d{1,3}|[*†‡§¶∗])(?=\s*\S)/u.exec(first.text)
    : /^\s*(\d{1,3}|[*†‡§¶∗])(?:[.)]?\s+|(?=\p{Lu}))/u.exec(first.text);
  return match ? match[1]! : null;
}

/** The raised numbers and marks in the body's lines: what a footnote's number must answer. */
function raisedMarks(lines: readonly Line[]): Set<string> {
  const marks = new Set<string>();
  for (const line of lines)
    for (const run of line.scripts) for (const mark of run.text.match(/\d{1,3}|[*†‡§¶∗]/gu) ?? []) marks.add(mark);
  return marks;
}

/**
 * Footnotes: the block of lines at the foot of a column, set off by a clear gap, whose first line begins
 * with a note number — in small print, or numbered as a raised number in the text above answers.
 * Small print at the foot of a column with no note number (a copyright or permission box) is read after
 * the page's columns instead, so that the column's text runs on into the next column unbroken.
 */
function splitFootnotes(ordered: Line[], bodyHeight: number, hasColumns: boolean): { body: Line[]; notes: Line[][] } {
  const notes: Line[][] = [];
  const isNote = new Set<Line>();
  const floats: Line[] = [];
  const marks = raisedMarks(ordered);
  for (const column of new Set(ordered.map((line) => line.column))) {
    if (column === -1 && hasColumns) continue;
    const own = ordered.filter((line) => line.column === column);
    // The block at the foot: lines close under each other, back up to the first clear gap.
    let start = own.length - 1;
    while (start > 0) {
      const above = own[start - 1]!;
      const gap = above.y - own[start]!.y;
      if (gap <= 0 || gap > 1.8 * Math.max(above.height, own[start]!.height)) break;
      start--;
    }
    if (start <= 0) continue;
    const tail = own.slice(start);
    const above = own[start - 1]!;
    const gap = above.y - tail[0]!.y;
    const small = tail.every((line) => line.height < 0.9 * bodyHeight);
    if (gap <= 0 || (!small && gap < 2.5 * bodyHeight)) continue;
    const number = noteNumberOf(tail[0]!);
    if (!number || !(small || marks.has(number))) {
      if (small && hasColumns) floats.push(...tail);
      continue;
    }
    let current: Line[] = [];
    for (const line of tail) {
      if (noteNumberOf(line) && current.length > 0) {
        notes.push(current);
        current = [];
      }
      current.push(line);
      isNote.add(line);
    }
    if (current.length > 0) notes.push(current);
  }
  const moved = new Set(floats);
  return { body: [...ordered.filter((line) => !isNote.has(line) && !moved.has(line)), ...floats], notes };
}

/** The page laid out: body lines in reading order with their paragraph starts, and its footnotes apart. */
export function layoutPage(runs: readonly TextRun[]): PageLayout {
  const grouped = groupLines(runs).filter((line) => line.runs.some((run) => run.text.trim()));
  if (grouped.length === 0) return { lines: [], footnotes: [] };
  const gutters = findGutters(grouped);
  const lines = gutters.length > 0 ? orderByColumns(splitAtGutters(grouped, gutters), gutters) : grouped;
  const bodyHeight = median(lines.flatMap((line) => Array<number>(Math.max(1, charCount(line))).fill(line.height)));

  const { body, notes } = splitFootnotes(lines, bodyHeight, gutters.length > 0);
  const noteNumbers = new Set(notes.map((note) => noteNumberOf(note[0]!)!));
  const footnotes = notes.map((note) => {
    const number = noteNumberOf(note[0]!)!;
    const text = note.map((line) => lineText(line, new Set())).reduce((text, next) => joinLines(text, next), '');
    const rest = text.replace(/^\s*(?:\[\d+\]|\d{1,3}|[*†‡§¶∗])[.)]?\s*/u, '');
    return `[${number}] ${rest}`;
  });
  for (const line of body) line.text = lineText(line, noteNumbers);
  const kept = body.filter((line) => line.text.length > 0);

  const gaps: number[] = [];
  for (let i = 1; i < kept.length; i++) {
    const gap = kept[i - 1]!.y - kept[i]!.y;
    if (kept[i]!.column === kept[i - 1]!.column && gap > 0 && Math.abs(kept[i]!.height - bodyHeight) < 0.2 * bodyHeight)
      gaps.push(gap);
  }
  const typicalGap = median(gaps);
  const margins = marginsOf(kept, bodyHeight);
  return {
    lines: kept.map((line, i) => ({
      text: line.text,
      y: line.y,
      left: line.left,
      right: line.right,
      height: line.height,
      startsParagraph: i === 0 || startsParagraph(line, kept[i - 1]!, typicalGap, margins, kept[i + 1], bodyHeight),
    })),
    footnotes,
  };
}

/** Lines joined into paragraphs, with the hyphens of words split at a line break taken out. */
export function paragraphsOf(lines: readonly PageLine[], hyphenRule: HyphenRule = noDictionary): string[] {
  const paragraphs: string[] = [];
  for (const line of lines) {
    if (line.startsParagraph || paragraphs.length === 0) paragraphs.push(line.text);
    else paragraphs[paragraphs.length - 1] = joinLines(paragraphs.at(-1)!, line.text, hyphenRule);
  }
  return paragraphs;
}

/** A page alone: its paragraphs, separated by a blank line. */
export function pageText(runs: readonly TextRun[]): string {
  return paragraphsOf(layoutPage(runs).lines).join('\n\n');
}

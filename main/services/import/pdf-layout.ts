/**
 * A PDF page's text back in reading order. A PDF holds positioned runs of glyphs, not lines or
 * paragraphs; these are rebuilt from where the runs sit: a run that ends a line (pdfjs's hasEOL) or a
 * jump in height starts a new line, and a new font size, a wide gap or a short line before it starts
 * a new paragraph. Lines keep their breaks, as in the PDF; paragraphs are separated by a blank line.
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
  y: number;
  height: number;
  left: number;
  right: number;
  text: string;
}

function startLine(run: TextRun): Line {
  return { runs: [run], y: run.y, height: run.height, left: run.x, right: run.x + run.width, text: '' };
}

function addRun(line: Line, run: TextRun): void {
  line.runs.push(run);
  line.height = Math.max(line.height, run.height);
  line.left = Math.min(line.left, run.x);
  line.right = Math.max(line.right, run.x + run.width);
}

/** Consecutive runs on one baseline form a line; superscripts (a third of a line up) stay in it. */
function groupLines(runs: readonly TextRun[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  let lineEnded = false;
  for (const run of runs) {
    if (!run.text) {
      // pdfjs marks line ends with empty runs as well as on the last run of a line.
      if (run.endsLine) lineEnded = true;
      continue;
    }
    const tolerance = 0.5 * Math.max(run.height, current?.height ?? 0, 1);
    if (!current || lineEnded || Math.abs(run.y - current.y) > tolerance) {
      current = startLine(run);
      lines.push(current);
    } else {
      addRun(current, run);
    }
    lineEnded = run.endsLine;
  }
  for (const line of lines) line.text = lineText(line);
  return lines.filter((line) => line.text.length > 0);
}

/**
 * Runs in reading order, joined. Right-to-left lines (Dari, Pashto) come from most producers as runs
 * laid out left to right on the page, so they are read from the right edge; a space is put back where
 * runs are visibly apart but the PDF stored none.
 */
function lineText(line: Line): string {
  const rtlShare =
    line.runs.reduce((sum, run) => sum + (run.rtl ? run.text.length : 0), 0) /
    line.runs.reduce((sum, run) => sum + run.text.length, 0);
  const rtl = rtlShare > 0.5;
  const runs = rtl ? [...line.runs].sort((a, b) => b.x - a.x) : line.runs;
  let text = '';
  let previous: TextRun | null = null;
  for (const run of runs) {
    if (previous) {
      const gap = rtl ? previous.x - (run.x + run.width) : run.x - (previous.x + previous.width);
      if (gap > 0.15 * Math.max(run.height, previous.height) && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
    }
    text += run.text;
    previous = run;
  }
  return text.replace(/\s+/g, ' ').trim();
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function startsParagraph(line: Line, before: Line, typicalGap: number, widest: number): boolean {
  const gap = before.y - line.y;
  if (gap <= 0) return true; // back up the page: a new column or a box
  if (Math.abs(line.height - before.height) > 0.2 * Math.max(line.height, before.height)) return true;
  if (typicalGap > 0 && gap > 1.4 * typicalGap) return true;
  // A line well short of the text width ends its paragraph (or is a heading of its own).
  return before.right - before.left < 0.75 * widest;
}

/** The page's text: lines separated by "\n", paragraphs by a blank line. */
export function pageText(runs: readonly TextRun[]): string {
  const lines = groupLines(runs);
  if (lines.length === 0) return '';
  const gaps = lines
    .slice(1)
    .map((line, i) => lines[i]!.y - line.y)
    .filter((gap) => gap > 0);
  const typicalGap = median(gaps);
  const widest = Math.max(...lines.map((line) => line.right - line.left));
  let text = lines[0]!.text;
  for (let i = 1; i < lines.length; i++) {
    text += startsParagraph(lines[i]!, lines[i - 1]!, typicalGap, widest) ? '\n\n' : '\n';
    text += lines[i]!.text;
  }
  return text;
}

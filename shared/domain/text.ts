/**
 * The one form every source text is kept in: Unicode NFC with `\n` line ends, so positions
 * (UTF-16 code units) mean the same thing on every machine and after every re-import.
 */
export function normaliseText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
}

/** Paragraphs of a normalised text with their start offsets; blank lines separate nothing. */
export interface Paragraph {
  start: number;
  text: string;
}

export function splitParagraphs(text: string): Paragraph[] {
  // One pass with indexOf, and no trimmed copy of each line: a book is split in the task that shows its
  // first screen, and splitting a 1 MB text by `split('\n')` and `trim()` took about twice as long.
  const paragraphs: Paragraph[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) {
      const line = text.slice(start, end);
      if (NOT_BLANK.test(line)) paragraphs.push({ start, text: line });
    }
    start = end + 1;
  }
  return paragraphs;
}

const NOT_BLANK = /\S/;

/** One block of the reader: a paragraph, or a piece of one too long to lay out at once. */
export interface ReadingBlock extends Paragraph {
  /** The paragraph goes on in the next block (shown without the gap between paragraphs). */
  runsOn?: true;
  /**
   * The next block is the next line of the same paragraph: the line ends at a single line break in a
   * text whose paragraphs are separated by blank lines (`lineBreaksWithin`), so it is shown
   * without the gap between paragraphs, as the lines of a hard-wrapped text, a poem's stanza or a
   * Word paragraph's line break are.
   */
  lineFollows?: true;
  /**
   * A cut paragraph's direction, the same for each of its blocks: found from each block's own text
   * (`dir="auto"`), a Dari paragraph's block that begins with a Latin name would read left to right.
   */
  dir?: 'ltr' | 'rtl';
}

/**
 * Paragraphs longer than this are read in blocks of at most this many characters. The reader puts
 * whole blocks on the page, and the browser lays a paragraph out whole: a text without line breaks (a
 * PDF whose lines could not be joined, a page pasted flat) was one paragraph, and a 1 MB one took
 * 0.8 s to open, with find and jumps brought only to its middle. ~6,000 characters are two screens of
 * text: longer than nearly any paragraph written as one, short enough to lay out within a frame.
 */
export const LONGEST_BLOCK = 6_000;

// Where a block may end, best first: after a sentence's end and the space after it (or straight
// after a full-width one, which takes none, with its closing brackets), else after any space. Never at a
// no-break space, which the writer put there to keep two words together.
const SENTENCE_END = /[.!?…؟۔]["'»”’)\]]*[^\S\u00a0\u2007\u202f\ufeff]+|[。！？][」』”’）]*/g;
const SPACE = /[^\S\u00a0\u2007\u202f\ufeff]+/g;
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// The first strongly directed character decides, as HTML's `dir="auto"` has it: a letter, a directional
// mark (LRM, RLM, ALM), or the Arabic and Hebrew punctuation that is strongly right to left (؛ ؟ ۔, ־ ׀ ׃ ׆ ׳ ״).
const STRONG = /[\p{L}\u200e\u200f\u061c\u061b\u061f\u06d4\u05be\u05c0\u05c3\u05c6\u05f3\u05f4]/u;
// Right to left: the Hebrew, Arabic, Syriac, Thaana and N'Ko blocks and their presentation forms, RLM,
// ALM, and the historic right-to-left scripts of the supplementary planes (Adlam among them).
const RIGHT_TO_LEFT = /[\u0590-\u08ff\u200f\u061c\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** A text's direction as `dir="auto"` finds it: that of its first strongly directed character. */
export function firstLetterDirection(text: string): 'ltr' | 'rtl' {
  const strong = STRONG.exec(text);
  return strong && RIGHT_TO_LEFT.test(strong[0]) ? 'rtl' : 'ltr';
}

/** Where to end the block that starts at `from` in `text`: at most `longest` characters on. */
function blockEnd(text: string, from: number, longest: number): number {
  const limit = from + Math.max(2, longest);
  // A cut in the block's second half, so no block is left much shorter than the rest.
  const earliest = from + Math.floor(Math.max(2, longest) / 2);
  const window = text.slice(earliest, limit);
  for (const pattern of [SENTENCE_END, SPACE]) {
    let cut = -1;
    for (const match of window.matchAll(pattern)) cut = match.index + match[0].length;
    if (cut > 0) return earliest + cut;
  }
  // One run with no space to break at (a long URL, a script written without spaces): cut between two
  // characters as the reader sees them (grapheme clusters: an emoji sequence, a flag, a letter and its
  // marks, an Indic conjunct), at the last boundary the block can hold.
  let cut = -1;
  for (const { index } of GRAPHEMES.segment(text.slice(earliest, limit + 32))) {
    if (index > limit - earliest) break;
    if (index > 0) cut = earliest + index;
  }
  // A single cluster longer than the block is cut after it, so every block moves on.
  if (cut < 0) {
    const [, next] = GRAPHEMES.segment(text.slice(earliest));
    cut = next ? earliest + next.index : text.length;
  }
  return cut;
}

/** A line at most this long, followed by a single line break, reads as a line wrapped by hand (72–80 columns as a rule). */
const WRAPPED_LINE = 100;

/** Whether `next` is the line straight after `line`: lines end at a line break, and a blank line puts more than one between. */
const nextLine = (line: Paragraph, next: Paragraph | undefined): boolean =>
  next !== undefined && next.start === line.start + line.text.length + 1;

/**
 * Which single line breaks of a text are breaks within a paragraph, not a paragraph's end. None, unless
 * the text separates paragraphs by blank lines (as the importers write a Word file, a web page or a
 * PDF, and as a plain text or Markdown file is written); then every one of them where the lines before
 * single breaks are nearly all short (a hard-wrapped text, a poem in stanzas), and otherwise those after
 * a short line (a list's items, an address, a heading's lines). A long line before a single break stays a
 * paragraph of its own: texts pasted or typed with a paragraph per line and a blank line here and there
 * (the sample article has both) keep their paragraphs apart.
 */
export function lineBreaksWithin(paragraphs: readonly Paragraph[]): 'none' | 'after-short-lines' | 'all' {
  let single = 0;
  let blank = 0;
  let short = 0;
  for (let i = 1; i < paragraphs.length; i++) {
    const previous = paragraphs[i - 1]!;
    if (nextLine(previous, paragraphs[i])) {
      single++;
      if (previous.text.length <= WRAPPED_LINE) short++;
    } else blank++;
  }
  if (single === 0 || blank === 0) return 'none';
  return short >= 0.8 * single ? 'all' : 'after-short-lines';
}

/**
 * The reader's blocks: `splitParagraphs`, with each paragraph longer than `longest` cut into pieces
 * that tile it exactly (each piece's text is `text.slice(start, start + length)`, and they meet with no
 * gap), cut at a sentence's end where there is one; in a text whose paragraphs are separated by blank
 * lines, a line that ends at a break within a paragraph (`lineBreaksWithin`) is marked `lineFollows`.
 */
export function readingBlocks(text: string, longest: number = LONGEST_BLOCK): ReadingBlock[] {
  const lines = splitParagraphs(text);
  // Each line stays a block of its own (offsets, search hits and the caret go line by line); a line
  // within a paragraph is only marked.
  const within = lineBreaksWithin(lines);
  const paragraphs: ReadingBlock[] =
    within === 'none'
      ? lines
      : lines.map((line, i) =>
          nextLine(line, lines[i + 1]) && (within === 'all' || line.text.length <= WRAPPED_LINE)
            ? { ...line, lineFollows: true }
            : line,
        );
  if (!paragraphs.some((p) => p.text.length > longest)) return paragraphs;
  const blocks: ReadingBlock[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.text.length <= longest) {
      blocks.push(paragraph);
      continue;
    }
    const dir = firstLetterDirection(paragraph.text);
    let from = 0;
    while (paragraph.text.length - from > longest) {
      const end = blockEnd(paragraph.text, from, longest);
      blocks.push({ start: paragraph.start + from, text: paragraph.text.slice(from, end), runsOn: true, dir });
      from = end;
    }
    const last: ReadingBlock = { start: paragraph.start + from, text: paragraph.text.slice(from), dir };
    if (paragraph.lineFollows) last.lineFollows = true;
    blocks.push(last);
  }
  return blocks;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * A selection made by hand, tidied: surrounding white space dropped and never splitting a surrogate
 * pair (an emoji, a rare CJK character). Returns null when nothing but white space was selected.
 */
export function tidyRange(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (s > 0 && isLowSurrogate(text.charCodeAt(s)) && isHighSurrogate(text.charCodeAt(s - 1))) s--;
  if (e < text.length && isLowSurrogate(text.charCodeAt(e)) && isHighSurrogate(text.charCodeAt(e - 1))) e++;
  return e > s ? { start: s, end: e } : null;
}

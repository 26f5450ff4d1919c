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

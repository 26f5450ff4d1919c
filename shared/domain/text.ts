/**
 * The one form every source text is kept in: Unicode NFC with `\n` line ends, so positions
 * (UTF-16 code units) mean the same thing on every machine and after every re-import.
 */
export function normaliseText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

/** Paragraphs of a normalised text with their start offsets; blank lines separate nothing. */
export interface Paragraph {
  start: number;
  text: string;
}

export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim().length > 0) paragraphs.push({ start, text: line });
    start += line.length + 1;
  }
  return paragraphs;
}

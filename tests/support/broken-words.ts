// Finds words a printed PDF breaks across lines: LibreOffice, given a column narrower than a word, puts the
// word's first letters at the end of one line and the rest at the start of the next, with no hyphen.
// poppler's `pdftotext -bbox-layout` gives the printed lines block by block (a table cell is a block).
import { bboxLayout, decodeWord } from './docx-reader';

/** Every block of every page, as its lines, each line as its printed words. */
export async function printedBlocks(pdfPath: string): Promise<string[][][]> {
  const stdout = await bboxLayout(pdfPath);
  return [...stdout.matchAll(/<block [^>]*>([\s\S]*?)<\/block>/g)].map((block) =>
    [...block[1]!.matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g)].map((line) =>
      [...line[1]!.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => decodeWord(w[1]!)),
    ),
  );
}

/** Letters and digits only at either end: quotes, brackets and punctuation are not part of a word. */
const bare = (word: string) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/**
 * The words of `expected` that the PDF prints broken across two lines: a line ends with the word's first
 * letters (not a whole word of `expected`, not ending in a hyphen, where a break is a reader's normal break)
 * and the next line of the same block goes on with the word. Answers "first|rest" for each break found.
 */
export async function brokenWords(pdfPath: string, expected: Iterable<string>): Promise<string[]> {
  const words = new Set<string>();
  for (const text of expected)
    for (const w of text.split(/\s+/)) for (const part of w.split(/(?<=-)/)) if (bare(part)) words.add(bare(part));
  const found: string[] = [];
  for (const lines of await printedBlocks(pdfPath))
    for (let i = 0; i + 1 < lines.length; i++) {
      const last = lines[i]!.at(-1) ?? '';
      const first = lines[i + 1]![0] ?? '';
      if (!last || !first || last.endsWith('-') || words.has(bare(last))) continue;
      const head = last.replace(/^[^\p{L}\p{N}]+/u, '');
      const tail = bare(first);
      if (!head || !tail) continue;
      for (const word of words)
        if (
          word.length > head.length &&
          word.startsWith(head) &&
          (word.slice(head.length).startsWith(tail) || tail.startsWith(word.slice(head.length)))
        ) {
          found.push(`${head}|${first}`);
          break;
        }
    }
  return found;
}

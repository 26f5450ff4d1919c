import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSource, type ExtractedSource } from '../../../main/services/import';
import { parseHtmlDocument } from '../../../main/services/import/dom';
import { htmlToParagraphs } from '../../../main/services/import/paragraphs';
import { DEFAULTS, expectRefusal } from './helpers';

/**
 * The importers over the test corpora of the libraries they build on (tests/vendor/corpora/, with their
 * licences and SOURCE notes): mammoth's Word documents and 40 of Mozilla Readability's test pages, each
 * through the real import path, extractSource, as the app's import channel calls it.
 */

const corpora = resolve(import.meta.dirname, '..', '..', 'vendor', 'corpora');

interface MammothEntry {
  file: string;
  has_text: boolean;
  expect: string[];
  struck?: string[];
  note?: string;
}

async function importFile(path: string, name: string): Promise<ExtractedSource> {
  return extractSource(new Uint8Array(await readFile(path)), name, DEFAULTS);
}

describe('mammoth corpus (Word)', async () => {
  const folder = resolve(corpora, 'mammoth');
  const manifest = JSON.parse(await readFile(resolve(folder, 'manifest.json'), 'utf8')) as MammothEntry[];
  const load = (file: string) => importFile(resolve(folder, file), file);

  // Each file without text is refused for the reason it has: not a Word document, or no text in it.
  const refusals: Record<string, RegExp> = {
    'empty-zip-renamed.docx': /damaged or is not a Word/i,
    'hello-zip-renamed.docx': /not a Word document/i,
    'empty.docx': /no text/i,
    'external-picture.docx': /no text/i,
    'tiny-picture.docx': /no text/i,
    'tiny-picture-target-base-relative.docx': /no text/i,
  };

  it('covers every file of the corpus', () => {
    expect(manifest.length).toBe(21);
    for (const entry of manifest) expect(entry.has_text || entry.file in refusals, entry.file).toBe(true);
  });

  it.each(manifest.filter((e) => e.has_text).map((e) => [e.file, e] as const))(
    '%s keeps every string mammoth’s tests expect',
    async (file, entry) => {
      const source = await load(file);
      const searchable = [source.text, ...(source.comments ?? []).map((c) => c.text)].join('\n');
      for (const expected of entry.expect) expect(searchable, `${file}: “${expected}”`).toContain(expected);
    },
  );

  it.each(Object.entries(refusals))('%s is refused with the reason', async (file, reason) => {
    await expectRefusal(load(file), file, reason);
  });

  it('keeps comments with their author and the text they are attached to, and lists them under Comments', async () => {
    const source = await load('comments.docx');
    expect(source.comments).toEqual([
      {
        author: 'Michael Williamson',
        date: '2016-07-03',
        text: 'A tachyon walks into a bar.',
        quote: 'Ouch',
        occurrence: 0,
      },
      // Anchored at a point, not over a range: the comment comes with its whole paragraph.
      expect.objectContaining({ author: 'Michael Williamson', text: 'Fin.', quote: 'Ouch.', occurrence: 0 }),
    ]);
    expect(source.text).toBe(
      'Ouch.\n\nComments\n\n[1] Michael Williamson: A tachyon walks into a bar.\n\n[2] Michael Williamson: Fin.',
    );
    // The quote is in the text, where a passage can be made of it.
    for (const comment of source.comments ?? []) expect(source.text).toContain(comment.quote);
  });

  it('marks struck-through text as not current, and says so', async () => {
    const source = await load('strikethrough.docx');
    expect(source.text).toBe("[struck through: Today's Special: Salmon] Sold out");
    expect(source.warnings).toEqual([expect.stringContaining('struck-through text was kept, marked')]);
  });

  it('keeps link addresses in the body and in footnotes', async () => {
    expect((await load('hyperlinks-from-xml.docx')).text).toBe('coconuts (http://www.example.com)');
    const footnote = await load('footnote-hyperlink.docx');
    expect(footnote.text).toContain('[1] Example (http://www.example.com)');
  });

  it('keeps footnotes and endnotes under Notes with their numbers, and table rows as rows', async () => {
    expect((await load('footnotes.docx')).text).toBe(
      'Ouch[1].[2]\n\nNotes\n\n[1] A tachyon walks into a bar.\n\n[2] Fin.',
    );
    expect((await load('endnotes.docx')).text).toBe(
      'Ouch[1].[2]\n\nNotes\n\n[1] A tachyon walks into a bar.\n\n[2] Fin.',
    );
    expect((await load('tables.docx')).text).toBe(
      'Above\n\nTop left | Top right\n\nBottom left | Bottom right\n\nBelow',
    );
  });
});

/** Words, and single characters of scripts written without spaces, for comparing texts token by token. */
function tokens(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}\p{M}]+/gu) ?? []
  );
}

/** Token F1: the harmonic mean of precision and recall over the multisets of tokens. */
function tokenF1(actual: string, expected: string): number {
  const want = new Map<string, number>();
  for (const token of tokens(expected)) want.set(token, (want.get(token) ?? 0) + 1);
  const got = tokens(actual);
  const expectedCount = [...want.values()].reduce((a, b) => a + b, 0);
  if (got.length === 0 || expectedCount === 0) return got.length === expectedCount ? 1 : 0;
  let overlap = 0;
  for (const token of got) {
    const left = want.get(token) ?? 0;
    if (left > 0) {
      overlap += 1;
      want.set(token, left - 1);
    }
  }
  const precision = overlap / got.length;
  const recall = overlap / expectedCount;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

describe('Readability corpus (web pages)', async () => {
  const folder = resolve(corpora, 'readability');
  const pages = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);

  it('holds the 40 pages with their licence and source note', async () => {
    expect(pages.length).toBe(40);
    const files = await readdir(folder);
    for (const name of ['LICENSE.md', 'NOTICE', 'SOURCE']) expect(files).toContain(name);
  });

  it('imports every page, and pages with an article reach token F1 ≥ 0.95 against Readability’s own', async () => {
    const scores: Array<{ page: string; f1: number }> = [];
    for (const page of pages) {
      const source = await importFile(resolve(folder, page, 'source.html'), `${page}.html`);
      expect(source.text.length, page).toBeGreaterThan(0);
      const metadata = JSON.parse(await readFile(resolve(folder, page, 'expected-metadata.json'), 'utf8')) as {
        readerable: boolean;
      };
      if (!metadata.readerable) continue;
      const expected = htmlToParagraphs(
        parseHtmlDocument(await readFile(resolve(folder, page, 'expected.html'), 'utf8')).documentElement,
      ).join('\n\n');
      // The importer puts the headline back in front of the article (Readability takes it out); it is
      // metadata here, not part of Readability's expected body.
      const body = source.text.startsWith(`${source.metadata.title}\n\n`)
        ? source.text.slice(source.metadata.title.length + 2)
        : source.text;
      scores.push({ page, f1: tokenF1(body, expected) });
    }
    const sorted = scores.map((s) => s.f1).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const failing = scores.filter((s) => s.f1 < 0.95);
    console.log(
      `Readability corpus: ${scores.length} pages with an article, median token F1 ${median.toFixed(3)}, ` +
        `${scores.length - failing.length} at ≥ 0.95` +
        (failing.length ? `; below: ${failing.map((s) => `${s.page} ${s.f1.toFixed(3)}`).join(', ')}` : ''),
    );
    expect(failing).toEqual([]);
  });
});

import JSZip from 'jszip';
import mammoth from 'mammoth';
import { type DomDocument, parseHtmlDocument } from './dom';
import { MAX_ZIP_ENTRIES, zipExpansionLimit } from './limits';
import { cleanField, cleanTitle, decodeXmlText, firstOf, toCalendarDate } from './metadata';
import { keepLinkTargets, markStruck, mathAsText } from './markup';
import { htmlToParagraphs } from './paragraphs';
import type { ImportWarning } from './import-words';
import { Refuse } from './refusal';
import { OLE_SIGNATURE, startsWith, ZIP_SIGNATURE } from './sniff';
import { type Draft, type ReadRequest, type SourceMetadata, type WordComment } from './types';

/**
 * Word documents. mammoth's HTML conversion is used rather than its raw-text extraction, which drops
 * footnotes without a word; the HTML goes through the same paragraph rules as web pages, and the
 * notes are moved to the end under "Notes", numbered as their references in the text.
 *
 * What the text shows of Word's markup (the README's import section states the same rule):
 * - tracked changes read as if accepted — insertions are text, deletions are not (Word's "No Markup"
 *   view) — and a warning says the file holds them;
 * - struck-through text stays, marked "[struck through: …]", so it is not read as current text but
 *   what it said is still there to quote;
 * - a link keeps its address after its label, "label (https://…)", in the body and in the notes;
 * - reviewers' comments go under "Comments" at the end, "[n] Author: text", and come back with the
 *   text they are attached to, to be made passages with the comment as their note.
 */
export async function readDocx({ bytes, fileName, options, signal }: ReadRequest): Promise<Draft> {
  if (startsWith(bytes, OLE_SIGNATURE)) {
    // Word keeps an encrypted .docx inside an OLE container; an old .doc renamed looks the same.
    throw Refuse.lockedOrOldWord(fileName);
  }
  if (!startsWith(bytes, ZIP_SIGNATURE)) throw Refuse.damaged(fileName, 'docx');

  let zip: JSZip;
  try {
    // No checkCRC32: it inflates every entry while loading, zip bombs included, before any size check.
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw Refuse.damaged(fileName, 'docx', error);
  }
  const parts = Object.keys(zip.files).length;
  if (parts > MAX_ZIP_ENTRIES) throw Refuse.tooManyParts(fileName, parts, MAX_ZIP_ENTRIES);
  if (!zip.file('word/document.xml')) throw Refuse.notWordDocument(fileName);

  const limit = zipExpansionLimit(options.maxBytes);
  if (declaredExpansion(zip) > limit) throw Refuse.zipBomb(fileName, limit);
  // The sizes above are whatever the zip claims; inflating while counting catches a zip that lies.
  let inflated: number;
  try {
    inflated = await inflatedSize(zip, limit, signal);
  } catch (error) {
    throw Refuse.damaged(fileName, 'docx', error);
  }
  if (inflated > limit) throw Refuse.zipBomb(fileName, limit);
  signal.throwIfAborted();

  let html: string;
  try {
    // Both spellings of the input: mammoth's Node build reads `buffer`, its browser build (which a
    // bundler may pick through the package's "browser" field) reads only `arrayBuffer`.
    const copy = bytes.slice();
    const input = { buffer: Buffer.from(copy.buffer), arrayBuffer: copy.buffer };
    const result = await mammoth.convertToHtml(
      input,
      // Images are not text: skipping them keeps mammoth from base64-encoding every picture.
      {
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        // mammoth drops strike-through unless mapped; <s> lets markStruck mark it.
        styleMap: ['strike => s'],
      },
    );
    html = result.value;
  } catch (error) {
    throw Refuse.damaged(fileName, 'docx', error);
  }

  const document = parseHtmlDocument(html);
  const warnings: ImportWarning[] = [];
  let struck = 0;
  if (document.body) {
    keepLinkTargets(document.body);
    mathAsText(document.body);
    struck = markStruck(document.body);
  }
  const notes = takeNotes(document);
  const paragraphs = document.body ? htmlToParagraphs(document.body) : [];
  if (notes.length > 0) paragraphs.push('Notes', ...notes);

  const body = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const comments = readComments(body, (await zip.file('word/comments.xml')?.async('string')) ?? '');
  if (comments.length > 0) {
    paragraphs.push(
      'Comments',
      ...comments.map((c, i) => `[${i + 1}] ${c.author || 'Unknown reviewer'}: ${c.text.replace(/\n/g, ' ')}`),
    );
  }
  const changes = trackedChanges(body);
  if (changes > 0) {
    warnings.push({ code: 'tracked-changes', count: changes });
  }
  if (struck > 0) {
    warnings.push({ code: 'struck-through', count: struck });
  }
  return {
    text: paragraphs.join('\n\n'),
    metadata: await documentProperties(zip),
    warnings,
    ...(comments.length > 0 ? { comments } : {}),
  };
}

/** The text of a piece of WordprocessingML: its w:t runs, tabs and breaks as spaces, paragraphs as newlines. */
function runText(xml: string): string {
  let text = '';
  const pattern = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(?:tab|br|cr)\b[^>]*\/>|<\/w:p>/g;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    if (match[1] !== undefined) text += decodeXmlText(match[1]);
    else text += match[0] === '</w:p>' ? '\n' : ' ';
  }
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** The attribute `w:name` of an element's opening tag. */
function wordAttribute(tag: string, name: string): string {
  const match = new RegExp(`\\bw:${name}="([^"]*)"`).exec(tag);
  return match?.[1] ? decodeXmlText(match[1]) : '';
}

/** Where each comment's marks sit in the body, by comment id: one pass over the XML, however many comments. */
function commentMarks(body: string): Map<string, { start?: number; end?: number; reference?: number }> {
  const marks = new Map<string, { start?: number; end?: number; reference?: number }>();
  const pattern = /<w:comment(RangeStart|RangeEnd|Reference)\b([^>]*)\/>/g;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    const id = wordAttribute(match[2] ?? '', 'id');
    const mark = marks.get(id) ?? {};
    const kind = match[1] === 'RangeStart' ? 'start' : match[1] === 'RangeEnd' ? 'end' : 'reference';
    mark[kind] ??= match.index;
    marks.set(id, mark);
  }
  return marks;
}

/**
 * The span of the body a comment is attached to: between its range marks, or, for a comment Word
 * anchored at a point, the paragraph holding its reference.
 */
function commentSpan(body: string, mark: { start?: number; end?: number; reference?: number } | undefined) {
  if (mark?.start !== undefined && mark.end !== undefined && mark.end > mark.start)
    return { from: mark.start, to: mark.end };
  if (mark?.reference === undefined) return null;
  const from = Math.max(body.lastIndexOf('<w:p ', mark.reference), body.lastIndexOf('<w:p>', mark.reference));
  const to = body.indexOf('</w:p>', mark.reference);
  return from < 0 || to < 0 ? null : { from, to };
}

/** Body text as the import joins it: paragraphs apart by a blank line. */
const spanText = (xml: string) => runText(xml).replace(/\n/g, '\n\n');

/**
 * Reviewers' comments (word/comments.xml) with the text each is attached to, read from the XML, as
 * mammoth keeps no comment ranges. `occurrence` tells a quote that repeats ("the border") which one.
 */
function readComments(body: string, xml: string): WordComment[] {
  const marks = commentMarks(body);
  const found: Array<WordComment & { from: number }> = [];
  const pattern = /<w:comment\b([^>]*)>([\s\S]*?)<\/w:comment>/g;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    const attributes = match[1] ?? '';
    const text = runText(match[2] ?? '');
    if (!text) continue;
    const span = commentSpan(body, marks.get(wordAttribute(attributes, 'id')));
    found.push({
      author: cleanField(wordAttribute(attributes, 'author')),
      date: toCalendarDate(wordAttribute(attributes, 'date')),
      text,
      quote: span ? spanText(body.slice(span.from, span.to)) : '',
      occurrence: 0,
      from: span?.from ?? -1,
    });
  }
  // The text before each quote, built once in document order, to count the quote's earlier repeats.
  let before = '';
  let cursor = 0;
  for (const comment of [...found].filter((c) => c.quote && c.from >= 0).sort((a, b) => a.from - b.from)) {
    before += ` ${spanText(body.slice(cursor, comment.from))}`;
    cursor = comment.from;
    for (let at = before.indexOf(comment.quote); at >= 0; at = before.indexOf(comment.quote, at + 1))
      comment.occurrence += 1;
  }
  return found.map(({ from: _from, ...comment }) => comment);
}

/** How many tracked insertions and deletions the body holds. */
function trackedChanges(body: string): number {
  return (body.match(/<w:(?:ins|del)\b[^>]*>/g) ?? []).length;
}

/** The unpacked size each entry's header declares: free to read, and enough for honest zip bombs. */
function declaredExpansion(zip: JSZip): number {
  let total = 0;
  zip.forEach((_path, entry) => {
    // jszip keeps the central directory's sizes on a private field; there is no public accessor.
    const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    total += typeof size === 'number' ? size : 0;
  });
  return total;
}

/** Inflates every entry, counting bytes and stopping as soon as the count passes `limit`. */
async function inflatedSize(zip: JSZip, limit: number, signal: AbortSignal): Promise<number> {
  let total = 0;
  const entries: JSZip.JSZipObject[] = [];
  zip.forEach((_path, entry) => {
    if (!entry.dir) entries.push(entry);
  });
  for (const entry of entries) {
    if (signal.aborted || total > limit) break;
    total += await new Promise<number>((resolve, reject) => {
      // jszip's own stream, not nodeStream(): the browser build of jszip a bundler may pick has no Node streams.
      const stream = (
        entry as unknown as { internalStream(type: 'uint8array'): JSZip.JSZipStreamHelper<Uint8Array> }
      ).internalStream('uint8array');
      let bytes = 0;
      stream
        .on('data', (chunk) => {
          bytes += chunk.length;
          if (total + bytes > limit || signal.aborted) {
            stream.pause();
            resolve(bytes);
          }
        })
        .on('end', () => resolve(bytes))
        .on('error', reject)
        .resume();
    });
  }
  return total;
}

/**
 * Removes mammoth's note list from the document and returns each note as "[n] text", n being the
 * number its reference shows in the body, without the "↑" link back.
 */
function takeNotes(document: DomDocument): string[] {
  const notes: string[] = [];
  for (const item of Array.from(document.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]'))) {
    const id = item.getAttribute('id') ?? '';
    const reference = document.querySelector(`a[href="#${id}"]`)?.textContent?.trim() ?? '';
    for (const backLink of Array.from(item.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]')))
      backLink.remove();
    // The item's content, not the item: the note's number is its reference, not its place in a list.
    const text = htmlToParagraphs(...Array.from(item.childNodes)).join('\n');
    if (text) notes.push(reference ? `${reference} ${text}` : text);
  }
  for (const list of Array.from(document.querySelectorAll('ol'))) {
    if (list.querySelector('li[id^="footnote-"], li[id^="endnote-"]')) list.remove();
  }
  return notes;
}

/** The first element of an OOXML properties part with this local name, whatever its prefix. */
function xmlValue(xml: string, localName: string): string {
  const match = new RegExp(`<(?:[\\w.-]+:)?${localName}\\b[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?${localName}>`).exec(xml);
  return match?.[1] ? decodeXmlText(match[1]) : '';
}

/** Title, author, dates and language from docProps/core.xml; the company from docProps/app.xml. */
async function documentProperties(zip: JSZip): Promise<Partial<SourceMetadata>> {
  const core = (await zip.file('docProps/core.xml')?.async('string')) ?? '';
  const app = (await zip.file('docProps/app.xml')?.async('string')) ?? '';
  return {
    title: cleanTitle(xmlValue(core, 'title')),
    author: firstOf(xmlValue(core, 'creator')),
    publisher: firstOf(xmlValue(app, 'Company')),
    // Created is when the text was written; modified may be a later re-save by anyone.
    publishedOn: toCalendarDate(xmlValue(core, 'created')) ?? toCalendarDate(xmlValue(core, 'modified')),
    language: firstOf(xmlValue(core, 'language')),
  };
}

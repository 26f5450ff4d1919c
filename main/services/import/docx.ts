import JSZip from 'jszip';
import mammoth from 'mammoth';
import { type DomDocument, parseHtmlDocument } from './dom';
import { MAX_ZIP_ENTRIES, zipExpansionLimit } from './limits';
import { cleanTitle, decodeXmlText, firstOf, toCalendarDate } from './metadata';
import { htmlToParagraphs } from './paragraphs';
import { Refuse } from './refusal';
import { OLE_SIGNATURE, startsWith, ZIP_SIGNATURE } from './sniff';
import { type Draft, type ReadRequest, type SourceMetadata } from './types';

/**
 * Word documents. mammoth's HTML conversion is used rather than its raw-text extraction, which drops
 * footnotes without a word; the HTML goes through the same paragraph rules as web pages, and the
 * notes are moved to the end under "Notes", numbered as their references in the text.
 */
export async function readDocx({ bytes, fileName, options, signal }: ReadRequest): Promise<Draft> {
  if (startsWith(bytes, OLE_SIGNATURE)) {
    // Word keeps an encrypted .docx inside an OLE container; an old .doc renamed looks the same.
    throw Refuse.lockedOrOldWord(fileName);
  }
  if (!startsWith(bytes, ZIP_SIGNATURE)) throw Refuse.damaged(fileName, 'Word (.docx)');

  let zip: JSZip;
  try {
    // No checkCRC32: it inflates every entry while loading, zip bombs included, before any size check.
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw Refuse.damaged(fileName, 'Word (.docx)', error);
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
    throw Refuse.damaged(fileName, 'Word (.docx)', error);
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
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (error) {
    throw Refuse.damaged(fileName, 'Word (.docx)', error);
  }

  const document = parseHtmlDocument(html);
  const notes = takeNotes(document);
  const paragraphs = document.body ? htmlToParagraphs(document.body) : [];
  if (notes.length > 0) paragraphs.push('Notes', ...notes);
  return {
    text: paragraphs.join('\n\n'),
    metadata: await documentProperties(zip),
    warnings: [],
  };
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

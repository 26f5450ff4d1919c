import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { cleanTitle, firstOf, toCalendarDate } from './metadata';
import { preparePdfEnvironment } from './pdf-environment';
import { pageText, type TextRun } from './pdf-layout';
import { Refuse } from './refusal';
import { pdfHeaderOffset } from './sniff';
import { type Draft, type ReadRequest, type SourceMetadata } from './types';

type Pdfjs = typeof PdfjsModule;

let loading: Promise<Pdfjs> | undefined;

/**
 * pdfjs, loaded on first use so that starting the app does not pay for it. Its worker module is
 * loaded alongside and handed over through `globalThis.pdfjsWorker`: pdfjs then runs its "fake worker"
 * on this thread instead of looking for pdf.worker.mjs on disk or over the network, so both modules
 * bundle into the single main-process file with no path to resolve at runtime.
 */
function loadPdfjs(): Promise<Pdfjs> {
  preparePdfEnvironment();
  loading ??= Promise.all([
    import('pdfjs-dist/legacy/build/pdf.mjs'),
    import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
  ]).then(
    ([pdfjs, worker]) => {
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return pdfjs;
    },
    (error: unknown) => {
      loading = undefined; // let the next import try again rather than fail for the rest of the session
      throw error;
    },
  );
  return loading;
}

/** The marker line put before each page's text, so the reader can show where pages begin. */
export function pageMarker(pageNumber: number): string {
  return `— page ${pageNumber} —`;
}

function listPages(pages: number[]): string {
  if (pages.length === 1) return `Page ${pages[0]} has`;
  const shown =
    pages.length > 12 ? [...pages.slice(0, 10).map(String), `${pages.length - 10} more`] : pages.map(String);
  return `Pages ${shown.slice(0, -1).join(', ')} and ${shown.at(-1)} have`;
}

/** PDFs: the text layer of every page, page by page. */
export async function readPdf({ bytes, fileName, signal }: ReadRequest): Promise<Draft> {
  if (pdfHeaderOffset(bytes) < 0) throw Refuse.damaged(fileName, 'PDF');
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdfjs takes over (detaches) the buffer it is given; the caller still needs the original bytes.
    data: bytes.slice(),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    // Like PDF viewers, keep whatever text survives a damaged object: real-world PDFs are often
    // slightly malformed, and refusing a whole page for one bad font would lose readable text.
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const stop = () => void task.destroy();
  signal.addEventListener('abort', stop, { once: true });
  try {
    let document: Awaited<typeof task.promise>;
    try {
      document = await task.promise;
    } catch (error) {
      if (error instanceof Error && error.name === 'PasswordException') throw Refuse.passwordProtected(fileName);
      throw Refuse.damaged(fileName, 'PDF', error);
    }

    const pages: string[] = [];
    const blank: number[] = [];
    const unreadable: number[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      signal.throwIfAborted();
      let text = '';
      try {
        const page = await document.getPage(number);
        text = pageText(textRuns(await page.getTextContent()));
        page.cleanup();
      } catch (error) {
        if (signal.aborted) throw error;
        unreadable.push(number);
      }
      if (!text) blank.push(number);
      pages.push(text ? `${pageMarker(number)}\n${text}` : pageMarker(number));
    }
    if (unreadable.length === document.numPages) throw Refuse.damaged(fileName, 'PDF');
    if (blank.length === document.numPages) throw Refuse.noTextLayer(fileName);

    const warnings: string[] = [];
    const scanned = blank.filter((number) => !unreadable.includes(number));
    if (unreadable.length > 0)
      warnings.push(`${listPages(unreadable)} damaged content that could not be read; compare them with the original.`);
    if (scanned.length > 0)
      warnings.push(
        `${listPages(scanned)} no text layer (scanned images, or pictures only); run OCR on the PDF if their content matters.`,
      );
    return { text: pages.join('\n\n'), metadata: await documentMetadata(document), warnings };
  } finally {
    signal.removeEventListener('abort', stop);
    await task.destroy();
  }
}

interface PdfTextItem {
  str: string;
  dir: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

function textRuns(content: { items: ReadonlyArray<object> }): TextRun[] {
  return content.items
    .filter((item): item is PdfTextItem => 'str' in item)
    .map((item) => ({
      text: item.str,
      x: item.transform[4] ?? 0,
      y: item.transform[5] ?? 0,
      width: item.width,
      // Height is 0 for some fonts; the scale of the text matrix is the font size then.
      height: item.height || Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0),
      rtl: item.dir === 'rtl',
      endsLine: item.hasEOL,
    }));
}

/** XMP (dc:*) where the file has it, the older document information dictionary otherwise. */
async function documentMetadata(document: {
  getMetadata(): Promise<{ info: object; metadata: { get(name: string): unknown } | null }>;
}): Promise<Partial<SourceMetadata>> {
  const { info, metadata } = await document.getMetadata();
  const fields = info as Record<string, unknown>;
  const xmp = (name: string): string => {
    const value = metadata?.get(name);
    return Array.isArray(value)
      ? value.filter((v) => typeof v === 'string').join(', ')
      : typeof value === 'string'
        ? value
        : '';
  };
  return {
    title: cleanTitle(firstOf(xmp('dc:title'), fields.Title)),
    author: firstOf(xmp('dc:creator'), fields.Author),
    publisher: firstOf(xmp('dc:publisher')),
    publishedOn:
      toCalendarDate(xmp('xmp:createdate')) ?? toCalendarDate(fields.CreationDate) ?? toCalendarDate(fields.ModDate),
    language: firstOf(xmp('dc:language'), fields.Language),
  };
}

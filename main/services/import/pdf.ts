import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { cleanTitle, firstOf, toCalendarDate } from './metadata';
import { pdfAssets } from './pdf-assets';
import { preparePdfEnvironment } from './pdf-environment';
import { applyArabicWordFixes, arabicWordFixes, mapArabicPresentationForms } from './arabic-forms';
import { type HyphenRule, layoutPage, type PageLine, paragraphsOf, type TextRun } from './pdf-layout';
import type { ImportWarning, PageProblem } from './import-words';
import { Refuse } from './refusal';
import { pdfHeaderOffset } from './sniff';
import { checkPageText } from './text-quality';
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

/** A page as read: its laid-out lines, footnotes, annotation texts, and whether it could be read at all. */
interface ReadPage {
  number: number;
  lines: PageLine[];
  footnotes: string[];
  annotations: string[];
  /** Page box [x0, y0, x1, y1]. */
  view: number[];
  failed: boolean;
}

/**
 * Whether the file holds image XObjects. Their dictionaries are stream dictionaries, which a PDF can
 * never put inside a compressed object stream, so they are always in the file's own bytes.
 */
function hasImages(bytes: Uint8Array): boolean {
  return /\/Subtype\s*\/Image\b/.test(new TextDecoder('latin1').decode(bytes));
}

/** PDFs: the text layer of every page, page by page, then footnotes, annotations and form fields. */
export async function readPdf({ bytes, fileName, signal }: ReadRequest): Promise<Draft> {
  if (pdfHeaderOffset(bytes) < 0) throw Refuse.damaged(fileName, 'pdf');
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdfjs takes over (detaches) the buffer it is given; the caller still needs the original bytes.
    data: bytes.slice(),
    // CJK text in fonts the file does not embed, and vertical writing, is read through pdfjs's predefined
    // character maps; the standard fonts fill in the base-14 fonts. Both ship with the app (pdf-assets.ts).
    ...(pdfAssets() ?? {}),
    cMapPacked: true,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    // Like PDF viewers, keep whatever text survives a damaged object: real-world PDFs are often
    // slightly malformed, and refusing a whole page for one bad font would lose readable text.
    stopAtErrors: false,
    // Its warnings say when it had to repair the file's structure (see listenForRepairs).
    verbosity: pdfjs.VerbosityLevel.WARNINGS,
    // Text is all that is read: images are never decoded (see drawnGlyphRuns), however large they claim to be.
    maxImageSize: 1,
  });
  const stop = () => void task.destroy();
  signal.addEventListener('abort', stop, { once: true });
  const repairs = listenForRepairs();
  try {
    let document: Awaited<typeof task.promise>;
    try {
      document = await task.promise;
    } catch (error) {
      if (error instanceof Error && error.name === 'PasswordException') throw Refuse.passwordProtected(fileName);
      throw Refuse.damaged(fileName, 'pdf', error);
    }

    const pages: ReadPage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      signal.throwIfAborted();
      const read: ReadPage = { number, lines: [], footnotes: [], annotations: [], view: [0, 0, 0, 0], failed: false };
      try {
        const page = await document.getPage(number);
        read.view = [...page.view];
        const content = await page.getTextContent();
        const layout = layoutPage(textRuns(content));
        const fixes = hasArabicScript(content) ? arabicWordFixes(await drawnGlyphRuns(page, pdfjs.OPS)) : new Map();
        const arabic = (text: string) => mapArabicPresentationForms(applyArabicWordFixes(text, fixes));
        read.lines = layout.lines.map((line) => ({ ...line, text: arabic(line.text) }));
        read.footnotes = layout.footnotes.map(arabic);
        read.annotations = annotationTexts(await page.getAnnotations()).map(mapArabicPresentationForms);
        page.cleanup();
      } catch (error) {
        if (signal.aborted) throw error;
        read.failed = true;
      }
      pages.push(read);
    }
    return composeDocument(pages, fileName, bytes, await documentMetadata(document), repairs.repaired());
  } finally {
    repairs.stop();
    signal.removeEventListener('abort', stop);
    await task.destroy();
  }
}

/** pdfjs's warnings that mean the file's structure is broken and was rebuilt or skipped over. */
const REPAIR_WARNING =
  /Indexing all PDF objects|XRefEntryException|XRefParseException|Invalid XRef|Invalid "Pages"|Pages tree|checkLastPage|getAllPageDicts/i;

/**
 * pdfjs reports a file it had to repair (a broken cross-reference table rebuilt by scanning every
 * object, a page tree that loops) only as console warnings from its reading code, which runs on this
 * thread. They are listened to while one file is read — and not printed: they are the file's fault,
 * not the app's — so that a file with nothing readable left is called damaged rather than empty.
 */
function listenForRepairs(): { repaired(): boolean; stop(): void } {
  const original = console.warn;
  let repaired = false;
  console.warn = (...args: unknown[]) => {
    const message = typeof args[0] === 'string' ? args[0] : '';
    if (!message.startsWith('Warning: ')) return original.apply(console, args);
    if (REPAIR_WARNING.test(message)) repaired = true;
  };
  return {
    repaired: () => repaired,
    stop: () => {
      console.warn = original;
    },
  };
}

/** The document's text from its pages, the refusals when there is none, and the warnings. */
function composeDocument(
  pages: ReadPage[],
  fileName: string,
  bytes: Uint8Array,
  metadata: Partial<SourceMetadata>,
  repaired: boolean,
): Draft {
  const failed = pages.filter((page) => page.failed).map((page) => page.number);
  removeRunningLines(pages);
  const keepHyphen = hyphenRule(pages);

  const warnings: ImportWarning[] = [];
  const blank: number[] = [];
  const unreadable: number[] = [];
  const problems: PageProblem[] = [];
  const parts: string[] = [];
  const notes: string[] = [];
  const annotations: string[] = [];
  for (const page of pages) {
    const quality = checkPageText(
      [...paragraphsOf(page.lines, keepHyphen), ...page.footnotes, ...page.annotations].join('\n\n'),
    );
    if (quality.problems.length > 0)
      warnings.push({ code: 'page-unreadable', page: page.number, problems: quality.problems });
    // The page's own text, cleaned as the check cleaned it.
    const clean = (text: string) => checkPageText(text).text;
    const text = paragraphsOf(page.lines, keepHyphen).map(clean).join('\n\n');
    if (quality.unreadable) {
      unreadable.push(page.number);
      problems.push(...quality.problems.filter((p) => !problems.some((q) => q.kind === p.kind && q.count === p.count)));
    }
    if (!text && !page.failed) blank.push(page.number);
    parts.push(text ? `${pageMarker(page.number)}\n${text}` : pageMarker(page.number));
    notes.push(...page.footnotes.map(clean));
    annotations.push(...page.annotations.map((annotation) => `Page ${page.number}, ${clean(annotation)}`));
  }

  const readable = pages.some(
    (page) => !unreadable.includes(page.number) && (page.lines.length > 0 || page.annotations.length > 0),
  );
  if (!readable) {
    if (unreadable.length > 0) throw Refuse.unreadable(fileName, problems);
    if (failed.length > 0 || repaired) throw Refuse.damaged(fileName, 'pdf');
    if (hasImages(bytes)) throw Refuse.noTextLayer(fileName);
    throw Refuse.noText(fileName, 'empty-pages');
  }

  const scanned = blank.filter((number) => !failed.includes(number));
  if (failed.length > 0) warnings.unshift({ code: 'pages-damaged', pages: failed });
  else if (repaired) warnings.unshift({ code: 'pdf-repaired' });
  if (scanned.length > 0 && hasImages(bytes)) warnings.push({ code: 'pages-without-text', pages: scanned });
  let text = parts.join('\n\n');
  if (notes.length > 0) text += `\n\n${NOTES_HEADING}\n\n${notes.join('\n\n')}`;
  if (annotations.length > 0) text += `\n\n${ANNOTATIONS_HEADING}\n\n${annotations.join('\n\n')}`;
  return { text, metadata, warnings };
}

/** The heading put before the footnotes, gathered from every page at the end of the text. */
export const NOTES_HEADING = 'Notes';
/** The heading put before the text of annotations (comments, FreeText notes) and filled-in form fields. */
export const ANNOTATIONS_HEADING = 'Annotations and form fields';

interface PdfAnnotation {
  subtype?: string;
  fieldType?: string;
  fieldValue?: unknown;
  alternativeText?: string;
  contentsObj?: { str?: string };
  textContent?: string[];
}

/**
 * What a reader sees written on the page outside its text layer: notes typed onto it (FreeText),
 * comments, and the values filled into form fields, each marked as what it is.
 */
function annotationTexts(annotations: readonly object[]): string[] {
  const texts: string[] = [];
  for (const annotation of annotations as PdfAnnotation[]) {
    const contents = (annotation.contentsObj?.str ?? '').replace(/\s+/g, ' ').trim();
    if (annotation.subtype === 'Widget') {
      const value = Array.isArray(annotation.fieldValue)
        ? annotation.fieldValue.filter((v) => typeof v === 'string').join(', ')
        : typeof annotation.fieldValue === 'string' && annotation.fieldType !== 'Btn'
          ? annotation.fieldValue
          : '';
      if (!value.trim()) continue;
      const label = (annotation.alternativeText ?? '').replace(/\s+/g, ' ').trim();
      texts.push(label ? `form field "${label}": ${value.trim()}` : `form field: ${value.trim()}`);
    } else if (annotation.subtype === 'FreeText' && contents) {
      texts.push(`note on the page: ${contents}`);
    } else if (annotation.subtype !== 'Popup' && annotation.subtype !== 'Link' && contents) {
      texts.push(`comment (${annotation.subtype ?? 'annotation'}): ${contents}`);
    }
  }
  return texts;
}

/**
 * A line's text as a key that is the same on every page: in a short line (a header, a footer) digits
 * stand for any number ("Page 3", "Review 2024-3"); a longer line must repeat word for word, so that
 * body text that begins alike on every page ("Section 2. The …") is never taken for a header.
 */
function runningKey(text: string): string {
  const key = text.toLowerCase().replace(/\s+/g, ' ').trim();
  return key.split(' ').length <= 8 ? key.replace(/\d+/g, '#') : key;
}

const PAGE_NUMBER = /^(?:page |p\. ?|- ?|— ?)?(?:#|[ivxlcdm]+)(?: ?(?:of|\/) ?#)?(?: ?-| ?—)?$/u;

/**
 * Running headers and footers, and page numbers: from the top and the bottom edge of each page inwards,
 * up to two lines in the outer tenth of the page that are page numbers or repeat on other pages. They
 * are taken out (the page markers say where pages begin); the first line of the page that is not one of
 * them stops the search on that side.
 */
function removeRunningLines(pages: ReadPage[]): void {
  const withText = pages.filter((page) => page.lines.length > 0).length;
  if (withText < 2) return;
  const edges = new Map<ReadPage, PageLine[][]>();
  const seen = new Map<string, Set<number>>();
  for (const page of pages) {
    const [, y0 = 0, , y1 = 0] = page.view;
    const band = 0.1 * (y1 - y0);
    const byHeight = [...page.lines].sort((a, b) => b.y - a.y);
    const top = byHeight.slice(0, 2).filter((line) => line.y > y1 - band);
    const bottom = byHeight
      .slice(-2)
      .reverse()
      .filter((line) => line.y < y0 + band && !top.includes(line));
    edges.set(page, [top, bottom]);
    for (const key of new Set([...top, ...bottom].map((line) => runningKey(line.text)))) {
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)!.add(page.number);
    }
  }
  const isRunning = (line: PageLine) => {
    const key = runningKey(line.text);
    const repeats = seen.get(key)?.size ?? 0;
    return PAGE_NUMBER.test(key) || (repeats >= 2 && repeats >= 0.3 * withText);
  };
  for (const page of pages) {
    const running = new Set<PageLine>();
    for (const side of edges.get(page)!)
      for (const line of side) {
        if (!isRunning(line)) break;
        running.add(line);
      }
    if (running.size === 0) continue;
    // A paragraph that began on a line taken out now begins on the next line kept.
    let starts = true;
    const kept: PageLine[] = [];
    for (const line of page.lines) {
      if (running.has(line)) {
        starts ||= line.startsParagraph;
        continue;
      }
      kept.push(starts && !line.startsParagraph ? { ...line, startsParagraph: true } : line);
      starts = false;
    }
    page.lines = kept;
  }
}

/** The document's own spelling decides the hyphens at line breaks (see HyphenRule). */
function hyphenRule(pages: readonly ReadPage[]): HyphenRule {
  const hyphenated = new Set<string>();
  const whole = new Set<string>();
  for (const page of pages)
    for (const line of page.lines)
      for (const word of line.text.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []) {
        const parts = word.split('-');
        for (let i = 1; i < parts.length; i++) hyphenated.add(`${parts[i - 1]}-${parts[i]}`);
        for (const part of parts) whole.add(part);
      }
  return (before, after) => {
    const pair = `${before}-${after}`.toLowerCase();
    const joined = `${before}${after}`.toLowerCase();
    if (hyphenated.has(pair) && !whole.has(joined)) return 'keep';
    if (whole.has(joined) && !hyphenated.has(pair)) return 'drop';
    return 'unknown';
  };
}

function hasArabicScript(content: { items: ReadonlyArray<object> }): boolean {
  return content.items.some(
    (item) =>
      'str' in item && (item as PdfTextItem).dir === 'rtl' && /\p{Script=Arabic}/u.test((item as PdfTextItem).str),
  );
}

/**
 * The glyphs each text-showing operator of the page draws, left to right, as the text each glyph stands
 * for: what arabicWordFixes needs to put lam-alef ligatures and ZWNJs right. Only asked for on pages
 * with Arabic-script text; images are not decoded for it (maxImageSize).
 */
async function drawnGlyphRuns(
  page: { getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }> },
  ops: { showText: number },
): Promise<string[][]> {
  const list = await page.getOperatorList();
  const runs: string[][] = [];
  list.fnArray.forEach((fn, i) => {
    if (fn !== ops.showText) return;
    const glyphs = list.argsArray[i]?.[0];
    if (!Array.isArray(glyphs)) return;
    runs.push(
      glyphs
        .filter((glyph): glyph is { unicode: string } => typeof (glyph as { unicode?: unknown })?.unicode === 'string')
        .map((glyph) => glyph.unicode),
    );
  });
  return runs;
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

import { ServiceError } from '../errors';

/**
 * Every sentence an analyst reads when an import is refused, in one place so they all follow one
 * pattern: `"<file>" could not be imported: <reason>. <what to do>.`
 */

/** The file's own name, without the folders it came from (which may be a temporary path). */
export function displayName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop()?.trim() ?? '';
  return name || 'The file';
}

/** The extension in lower case, without its dot; '' when the name has none. */
export function extensionOf(fileName: string): string {
  const name = displayName(fileName);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

const KB = 1024;
const MB = 1024 * KB;

/** Sizes as a file manager shows them; `precise` keeps a decimal so "50.3 MB" is not shown as "50 MB". */
export function formatBytes(bytes: number, precise = false): string {
  if (bytes < KB) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < MB) return `${precise ? (bytes / KB).toFixed(1) : Math.round(bytes / KB)} KB`;
  const mb = bytes / MB;
  return `${precise || mb < 10 ? Number(mb.toFixed(1)) : Math.round(mb)} MB`;
}

function refusal(fileName: string, reason: string, whatToDo: string, cause?: unknown): ServiceError {
  return new ServiceError(
    `"${displayName(fileName)}" could not be imported: ${reason}. ${whatToDo}`,
    cause === undefined ? undefined : { cause },
  );
}

const SUPPORTED_FORMATS = '.txt, .md, .html, .docx or .pdf';
const SUPPORTED = `Import ${SUPPORTED_FORMATS}.`;

/** What a file's first bytes say it really is, in words. */
export type ActualKind = 'a PDF' | 'a zip archive' | 'an old-style Office file' | 'an image';

const RENAME_TO: Record<ActualKind, string | null> = {
  'a PDF': '.pdf',
  'a zip archive': null,
  'an old-style Office file': null,
  'an image': null,
};

export const Refuse = {
  empty: (fileName: string) =>
    refusal(
      fileName,
      'the file is empty (0 bytes)',
      'Check that it was saved or downloaded completely and import it again.',
    ),

  tooLarge(fileName: string, size: number, limit: number) {
    const precise = formatBytes(size) === formatBytes(limit);
    return refusal(
      fileName,
      `it is ${formatBytes(size, precise)}, over the import limit of ${formatBytes(limit, precise)}`,
      'Raise the limit in Settings or split the file.',
    );
  },

  unsupported(fileName: string, extension: string, actual: ActualKind | null) {
    const what = extension ? `.${extension} files are not supported` : 'files without an extension are not supported';
    const rename = actual ? RENAME_TO[actual] : null;
    if (rename)
      return refusal(
        fileName,
        `${what}, but this one looks like ${actual}`,
        `Rename it to end in ${rename} and import it again.`,
      );
    if (['doc', 'rtf', 'odt', 'wps', 'pages'].includes(extension))
      return refusal(fileName, what, 'Open it in Word or LibreOffice, save it as .docx and import that.');
    if (
      ['jpg', 'jpeg', 'png', 'tif', 'tiff', 'gif', 'bmp', 'webp', 'heic'].includes(extension) ||
      actual === 'an image'
    ) {
      return refusal(
        fileName,
        `${what}: it is an image`,
        'Run OCR on it first and import the text as .txt or a searchable .pdf.',
      );
    }
    return refusal(fileName, what, SUPPORTED);
  },

  /** The name says one thing, the bytes another (a download saved under the wrong name). */
  misnamed(fileName: string, extension: string, actual: ActualKind) {
    const rename = RENAME_TO[actual];
    const advice = rename
      ? `Rename it to end in ${rename} and import it again.`
      : `Open it in the program that made it, save it as ${SUPPORTED_FORMATS} and import that.`;
    return refusal(fileName, `it is named .${extension} but is actually ${actual}`, advice);
  },

  notText: (fileName: string) =>
    refusal(
      fileName,
      'it is not a text file (its bytes are neither UTF-8, UTF-16 nor Cyrillic Windows-1251 text)',
      'If it is a document, import it in its original format (.docx or .pdf); otherwise save it again as UTF-8 text.',
    ),

  noText: (fileName: string, hint = 'Check that it is the document you meant to import.') =>
    refusal(fileName, 'it contains no text', hint),

  damaged: (fileName: string, kind: 'PDF' | 'Word (.docx)', cause?: unknown) =>
    refusal(
      fileName,
      `it appears to be damaged or is not a ${kind} file`,
      `Open it in a ${kind === 'PDF' ? 'PDF reader' : 'word processor'} to check it, save a fresh copy and import that.`,
      cause,
    ),

  notWordDocument: (fileName: string) =>
    refusal(
      fileName,
      'it is a zip archive but not a Word document (it has no word/document.xml)',
      'Import the Word document itself, saved as .docx.',
    ),

  passwordProtected: (fileName: string) =>
    refusal(
      fileName,
      'it is password-protected',
      'Open it with its password, save or print it to a new PDF without protection and import that.',
    ),

  lockedOrOldWord: (fileName: string) =>
    refusal(
      fileName,
      'it is password-protected, or it is an old Word .doc file named .docx',
      'Open it in Word, remove the password (File › Info › Protect Document) or save it as a .docx document, and import that copy.',
    ),

  noTextLayer: (fileName: string) =>
    refusal(
      fileName,
      'it has no text layer — it may be a scan; run OCR first',
      'Make it searchable with an OCR tool (for example OCRmyPDF or Adobe Acrobat) and import the result.',
    ),

  /** A PDF whose text layer is all garbage: its fonts map glyphs to no letters or to the wrong ones. */
  unreadable: (fileName: string, problems: readonly string[]) =>
    refusal(
      fileName,
      `its text cannot be read: the PDF's fonts do not say which letters they draw${problems.length ? ` (${problems.slice(0, 3).join('; ')})` : ''}`,
      'Open it in a PDF reader: if the text looks right there, print it to a new PDF or run OCR on it, and import that.',
    ),

  zipBomb: (fileName: string, limit: number) =>
    refusal(
      fileName,
      `it unpacks to more than ${formatBytes(limit)}, which only damaged or malicious files do (a "zip bomb")`,
      'If you trust where it came from, open it in Word, save a fresh copy and import that; otherwise delete it.',
    ),

  tooManyParts: (fileName: string, parts: number, limit: number) =>
    refusal(
      fileName,
      `it is a zip of ${parts.toLocaleString('en')} parts, more than the ${limit.toLocaleString('en')} any Word document needs, which only damaged or malicious files hold`,
      'If you trust where it came from, open it in Word, save a fresh copy and import that; otherwise delete it.',
    ),

  tooSlow: (fileName: string, timeoutMs: number) =>
    refusal(
      fileName,
      `reading it took longer than ${formatDuration(timeoutMs)}`,
      'Try again; if it keeps happening, split the file into smaller parts and import them one by one.',
    ),
};

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

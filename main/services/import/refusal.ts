import { ServiceError } from '../errors';
import { refusalWords, type ImportLanguage, type PageProblem } from './import-words';

export { formatBytes, type ImportLanguage } from './import-words';

/**
 * Every sentence an analyst reads when an import is refused, in one place so they all follow one
 * pattern: `"<file>" could not be imported: <reason>. <what to do>.` A refusal keeps its reason as a
 * code with its facts, so that it can be said in the analyst's language (`import-words.ts`) where the
 * import request names one; its message is the English sentence, which the log and the tests read.
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

/** What a file's first bytes say it really is. */
export type ActualKind = 'pdf' | 'zip' | 'old-office' | 'image';

/** Why an import was refused: a code and the facts its sentence needs. */
export type RefusalReason =
  | { code: 'empty' }
  | { code: 'too-large'; size: number; limit: number }
  | { code: 'unsupported'; extension: string; actual: ActualKind | null }
  | { code: 'misnamed'; extension: string; actual: ActualKind }
  | { code: 'not-text' }
  /** `hint`: what to check — the document itself, its empty pages, or scanned pictures in it. */
  | { code: 'no-text'; hint: 'document' | 'empty-pages' | 'scanned-pictures' }
  | { code: 'damaged'; kind: 'pdf' | 'docx' }
  | { code: 'not-word-document' }
  | { code: 'password-protected' }
  | { code: 'locked-or-old-word' }
  | { code: 'no-text-layer' }
  /** `problems`: the signs on its pages that the fonts do not say which letters they draw. */
  | { code: 'unreadable'; problems: PageProblem[] }
  | { code: 'zip-bomb'; limit: number }
  | { code: 'too-many-parts'; parts: number; limit: number }
  | { code: 'too-slow'; timeoutMs: number }
  /** The reader crashed or ran out of memory; `detail` is the thread's own account. */
  | { code: 'reader-failed'; detail: string }
  /** This installation has no import worker to read files with. */
  | { code: 'no-reader' };

/** A refused import: its message is the English sentence; `in(language)` says it in another. */
export class ImportRefusal extends ServiceError {
  constructor(
    readonly fileName: string,
    readonly reason: RefusalReason,
    options?: ErrorOptions,
  ) {
    super({ en: refusalSentence('en', fileName, reason), ru: refusalSentence('ru', fileName, reason) }, options);
  }
}

/** The whole sentence of a refusal in `language`. */
export function refusalSentence(language: ImportLanguage, fileName: string, reason: RefusalReason): string {
  return refusalWords(language).sentence(displayName(fileName), reason);
}

const refusal = (fileName: string, reason: RefusalReason, cause?: unknown) =>
  new ImportRefusal(fileName, reason, cause === undefined ? undefined : { cause });

export const Refuse = {
  empty: (fileName: string) => refusal(fileName, { code: 'empty' }),
  tooLarge: (fileName: string, size: number, limit: number) => refusal(fileName, { code: 'too-large', size, limit }),
  unsupported: (fileName: string, extension: string, actual: ActualKind | null) =>
    refusal(fileName, { code: 'unsupported', extension, actual }),
  /** The name says one thing, the bytes another (a download saved under the wrong name). */
  misnamed: (fileName: string, extension: string, actual: ActualKind) =>
    refusal(fileName, { code: 'misnamed', extension, actual }),
  notText: (fileName: string) => refusal(fileName, { code: 'not-text' }),
  noText: (fileName: string, hint: 'document' | 'empty-pages' | 'scanned-pictures' = 'document') =>
    refusal(fileName, { code: 'no-text', hint }),
  damaged: (fileName: string, kind: 'pdf' | 'docx', cause?: unknown) =>
    refusal(fileName, { code: 'damaged', kind }, cause),
  notWordDocument: (fileName: string) => refusal(fileName, { code: 'not-word-document' }),
  passwordProtected: (fileName: string) => refusal(fileName, { code: 'password-protected' }),
  lockedOrOldWord: (fileName: string) => refusal(fileName, { code: 'locked-or-old-word' }),
  noTextLayer: (fileName: string) => refusal(fileName, { code: 'no-text-layer' }),
  /** A PDF whose text layer is all garbage: its fonts map glyphs to no letters or to the wrong ones. */
  unreadable: (fileName: string, problems: readonly PageProblem[]) =>
    refusal(fileName, { code: 'unreadable', problems: [...problems] }),
  zipBomb: (fileName: string, limit: number) => refusal(fileName, { code: 'zip-bomb', limit }),
  tooManyParts: (fileName: string, parts: number, limit: number) =>
    refusal(fileName, { code: 'too-many-parts', parts, limit }),
  tooSlow: (fileName: string, timeoutMs: number) => refusal(fileName, { code: 'too-slow', timeoutMs }),
  readerFailed: (fileName: string, detail: string, cause: unknown) =>
    refusal(fileName, { code: 'reader-failed', detail }, cause),
  noReader: (fileName: string) => refusal(fileName, { code: 'no-reader' }),
};

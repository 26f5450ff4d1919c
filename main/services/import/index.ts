import { dominantScript, normaliseLanguageTag, scriptOfLanguage } from '../../../shared/domain/language';
import { detectLanguages } from '../../../shared/domain/language-detect';
import { normaliseText } from '../../../shared/domain/text';
import { readDocx } from './docx';
import { authorFromHeader, dateFromHeader, titleFromHeader } from './header';
import { readHtml } from './html';
import { DEFAULT_TIMEOUT_MS, withinTime } from './limits';
import { cleanField, cleanTitle, toCalendarDate, toWebAddress } from './metadata';
import { readPdf } from './pdf';
import { type ImportLanguage, type ImportWarning, warningSentence } from './import-words';
import { displayName, Refuse } from './refusal';
import { chooseFormat, MIME_BY_FORMAT } from './sniff';
import { readPlainText } from './text';
import {
  type Draft,
  type ExtractedSource,
  type ExtractOptions,
  type GuessableField,
  type ReadRequest,
  type SourceFormat,
  type SourceMetadata,
} from './types';

export type { ExtractedSource, ExtractOptions, SourceFormat, SourceMetadata } from './types';

/**
 * Reads an imported file into a source's text and bibliographic record. Every refusal is a
 * ServiceError naming the file, the reason, and what the analyst can do about it.
 */
export async function extractSource(
  bytes: Uint8Array,
  fileName: string,
  options: ExtractOptions,
): Promise<ExtractedSource> {
  if (bytes.byteLength === 0) throw Refuse.empty(fileName);
  if (bytes.byteLength > options.maxBytes) throw Refuse.tooLarge(fileName, bytes.byteLength, options.maxBytes);
  const format = chooseFormat(bytes, fileName);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const draft = await withinTime(
    (signal) => read(format, { bytes, fileName, options, signal }),
    timeoutMs,
    () => Refuse.tooSlow(fileName, timeoutMs),
  );
  return finish(draft, format, fileName, options.language ?? 'en');
}

async function read(format: SourceFormat, request: ReadRequest): Promise<Draft> {
  switch (format) {
    case 'text':
    case 'markdown':
      return readPlainText(request, format);
    case 'html':
      return readHtml(request);
    case 'docx':
      return readDocx(request);
    case 'pdf':
      return readPdf(request);
  }
}

/** The form every source text is kept in, with no blank lines before or after. */
function tidyText(raw: string): string {
  return normaliseText(raw)
    .replace(/^(?:[ \t\u00A0]*\n)+/, '')
    .replace(/\s+$/, '');
}

/**
 * The language the file declares, unless its text plainly contradicts it: office suites and site
 * templates stamp their own default ("en-US") on Russian or Dari documents, and the letters cannot lie.
 * `guessed` is true when the language is the detector's, not the file's word confirmed by the text.
 */
function chooseLanguage(
  declared: string | undefined,
  detected: string,
  text: string,
  warnings: ImportWarning[],
): { language: string; guessed: boolean } {
  const tag = normaliseLanguageTag(declared ?? '');
  if (!tag) return { language: detected, guessed: true };
  const primary = tag.split('-')[0];
  const declaredScript = scriptOfLanguage(tag);
  const actualScript = dominantScript(text);
  if (declaredScript && actualScript && declaredScript !== actualScript) {
    // Uzbek is written in both scripts: "uz" over Cyrillic text is no contradiction.
    if (detected === primary) return { language: tag, guessed: false };
    warnings.push({ code: 'language-script', declared: tag, script: actualScript, detected });
    return { language: detected, guessed: true };
  }
  // Same script, other language (a Kazakh text declared "ru"): the declaration stands, to be confirmed.
  return { language: tag, guessed: detected !== 'und' && detected !== primary };
}

/** A title for a file that names none: its own name, as the analyst saved it. */
function titleFromFileName(fileName: string): string {
  const name = displayName(fileName);
  const dot = name.lastIndexOf('.');
  return cleanField((dot > 0 ? name.slice(0, dot) : name).replace(/_+/g, ' ')) || name;
}

/** Within the lengths a source record holds (see shared/domain/source.ts); a real title never nears them. */
function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, ''); // never half an emoji
  return `${cut.trimEnd()}…`;
}

function finish(draft: Draft, format: SourceFormat, fileName: string, speaks: ImportLanguage): ExtractedSource {
  const text = tidyText(draft.text);
  if (!text) {
    throw Refuse.noText(fileName, format === 'docx' ? 'scanned-pictures' : 'document');
  }
  const warnings = [...draft.warnings];
  const declared = draft.metadata;
  const stated = new Set(draft.stated ?? []);
  const url = toWebAddress(declared.url);

  // A web page's publication tags are its own statement; a document's properties are the file's (when
  // it was created, by whose account), so its first lines — "Алматы, 12 марта 2026 г.", "Автор: …" —
  // come first. A page's body gets the same reading when its tags say nothing.
  const web = format === 'html';
  const headerDate = dateFromHeader(text);
  const headerAuthor = authorFromHeader(text);
  const fileDate = toCalendarDate(declared.publishedOn);
  const publishedOn = web ? (fileDate ?? headerDate) : (headerDate ?? fileDate);
  const author = web ? cleanField(declared.author) || headerAuthor : headerAuthor || cleanField(declared.author);
  const declaredTitle = cleanTitle(declared.title);
  const headerTitle = web || declaredTitle ? '' : titleFromHeader(text);
  const languages = detectLanguages(text);
  const language = chooseLanguage(declared.language, languages.main, text, warnings);

  const metadata: SourceMetadata = {
    title: clip(declaredTitle || headerTitle || titleFromFileName(fileName), 1000),
    author: clip(author, 500),
    publisher: clip(cleanField(declared.publisher), 500),
    publishedOn,
    language: language.language,
    // A link cut short leads nowhere; one this long is tracking parameters, not an address to keep.
    url: url.length <= 2000 ? url : '',
  };
  // Guessed: everything the analyst should look at before citing — all but what a page states outright.
  const guessed: GuessableField[] = [];
  if (!stated.has('title')) guessed.push('title');
  if (metadata.author && !(stated.has('author') && metadata.author === cleanField(declared.author)))
    guessed.push('author');
  if (metadata.publishedOn && !(stated.has('publishedOn') && metadata.publishedOn === fileDate))
    guessed.push('publishedOn');
  if (language.guessed) guessed.push('language');
  return {
    format,
    mime: MIME_BY_FORMAT[format],
    text,
    metadata,
    warnings: warnings.map((warning) => warningSentence(speaks, warning)),
    guessed,
    ...(languages.all.length > 1 ? { languages: languages.all } : {}),
    ...(draft.comments?.length ? { comments: draft.comments } : {}),
  };
}

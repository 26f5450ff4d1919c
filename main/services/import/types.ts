import type { ImportLanguage, ImportWarning } from './import-words';

export type SourceFormat = 'text' | 'markdown' | 'html' | 'docx' | 'pdf';

export interface SourceMetadata {
  title: string;
  author: string;
  publisher: string;
  /** YYYY-MM-DD */
  publishedOn: string | null;
  /** Short BCP 47 tag: 'en', 'ru', 'kk', 'uz', 'fa', 'ps', or 'und' when nothing could be told. */
  language: string;
  url: string;
}

/** The metadata fields a guess may fill, which the analyst confirms after import. */
export type GuessableField = 'title' | 'author' | 'publishedOn' | 'language';

/** A reviewer's comment in a Word file, with the text it is attached to. */
export interface WordComment {
  author: string;
  /** YYYY-MM-DD, or null when Word kept no date. */
  date: string | null;
  /** The comment itself (paragraphs joined by a newline). */
  text: string;
  /** The document text the comment is attached to; its whole paragraph when Word anchored it at a point. */
  quote: string;
  /** Which occurrence of `quote` in the body it is (0 = the first), for quotes that repeat. */
  occurrence: number;
}

export interface ExtractedSource {
  format: SourceFormat;
  mime: string;
  /** Normalised (NFC, \n); paragraphs separated by a blank line (lines within one by a newline). */
  text: string;
  metadata: SourceMetadata;
  /** Sentences for the analyst about what was imported imperfectly. */
  warnings: string[];
  /** Fields of `metadata` that were guessed (from the text, the file's properties or its name), to be confirmed. */
  guessed: GuessableField[];
  /** Every language holding a tenth of the text or more, the main one first; absent when there is one. */
  languages?: string[];
  /** Word only: reviewers' comments, offered after import as passages with the comment as note. */
  comments?: WordComment[];
}

export interface ExtractOptions {
  /** HTML only: keep the whole page's text instead of the article Readability finds. */
  keepFullText: boolean;
  /** The language the import's warnings are written in (the interface's); English when absent. */
  language?: ImportLanguage;
  maxBytes: number;
  /** Default 60 000. */
  timeoutMs?: number;
}

/** What one format's reader hands back before the common finishing (normalising, language, title). */
export interface Draft {
  text: string;
  /** What the file itself says; empty strings where it says nothing. */
  metadata: Partial<SourceMetadata>;
  /** Said in the request's language once the draft is finished. */
  warnings: ImportWarning[];
  /**
   * Fields of `metadata` the file states as publication facts (a web page's citation_*, og: or dc: tags),
   * which are not shown as guesses; every other field is. Absent: nothing is stated.
   */
  stated?: GuessableField[];
  comments?: WordComment[];
}

export interface ReadRequest {
  bytes: Uint8Array;
  fileName: string;
  options: ExtractOptions;
  /** Aborted when the import ran out of time: stop working. */
  signal: AbortSignal;
}

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

export interface ExtractedSource {
  format: SourceFormat;
  mime: string;
  /** Normalised (NFC, \n); paragraphs separated by a blank line (lines within one by a newline). */
  text: string;
  metadata: SourceMetadata;
  /** Sentences for the analyst about what was imported imperfectly. */
  warnings: string[];
}

export interface ExtractOptions {
  /** HTML only: keep the whole page's text instead of the article Readability finds. */
  keepFullText: boolean;
  maxBytes: number;
  /** Default 60 000. */
  timeoutMs?: number;
}

/** What one format's reader hands back before the common finishing (normalising, language, title). */
export interface Draft {
  text: string;
  /** What the file itself says; empty strings where it says nothing. */
  metadata: Partial<SourceMetadata>;
  warnings: string[];
}

export interface ReadRequest {
  bytes: Uint8Array;
  fileName: string;
  options: ExtractOptions;
  /** Aborted when the import ran out of time: stop working. */
  signal: AbortSignal;
}

import { z } from 'zod';
import { CalendarDate, Id, Sha256, Timestamps } from './primitives';

/** Admiralty (NATO) source reliability: A completely reliable … F cannot be judged. */
export const Reliability = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export type Reliability = z.infer<typeof Reliability>;

/** Admiralty credibility of the information: 1 confirmed … 6 cannot be judged. */
export const Credibility = z.number().int().min(1).max(6);
export type Credibility = z.infer<typeof Credibility>;

export const RELIABILITY_LABELS: Record<Reliability, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

export const CREDIBILITY_LABELS: Record<Credibility, string> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
};

/** "B2": the grade analysts write beside a source. */
export function admiraltyGrade(reliability: Reliability, credibility: Credibility): string {
  return `${reliability}${credibility}`;
}

/** The original file an imported source came from, kept content-addressed by main. */
export const SourceFileRef = z.object({
  sha256: Sha256,
  mime: z.string().min(1).max(200),
  originalName: z.string().min(1).max(500),
  size: z.number().int().nonnegative(),
});
export type SourceFileRef = z.infer<typeof SourceFileRef>;

/** The fields of a source's record an import may have guessed, which the analyst confirms. */
export const GuessableField = z.enum(['title', 'author', 'publishedOn', 'language']);
export type GuessableField = z.infer<typeof GuessableField>;

/** A source's bibliographic record. Its (possibly large) text lives in `SourceText` so lists stay light. */
export const Source = z.object({
  id: Id,
  title: z.string().min(1).max(1000),
  author: z.string().max(500),
  publisher: z.string().max(500),
  url: z.string().max(2000),
  publishedOn: CalendarDate.nullable(),
  /** BCP 47 language tag of the text, e.g. "en", "ru", "kk", "fa". */
  language: z.string().min(2).max(35),
  reliability: Reliability,
  credibility: Credibility,
  file: SourceFileRef.nullable(),
  /** SHA-256 of the normalised text (NFC, \n line ends). */
  textHash: Sha256,
  textLength: z.number().int().nonnegative(),
  /** Increments whenever the text is corrected or replaced, so annotations know to re-anchor. */
  version: z.number().int().positive(),
  /**
   * What the import of the source's file said was imperfect ("Page 3 may be unreadable: …"), kept so
   * the source's details show it after the import notice is gone. Absent when there was nothing to say.
   */
  importWarnings: z.array(z.string().min(1).max(2000)).max(100).optional(),
  /**
   * Fields the import guessed (from the text, the file's properties or its name) and the analyst has not
   * confirmed yet; absent or empty once confirmed, and on sources from before guesses were recorded.
   */
  guessed: z.array(GuessableField).max(4).optional(),
  /** Every language holding a tenth of the text or more, the main one first, when the text mixes languages. */
  languages: z.array(z.string().min(2).max(35)).max(20).optional(),
  ...Timestamps,
});
export type Source = z.infer<typeof Source>;

/**
 * A source's text as records held it before texts moved to main's content-addressed store: the text
 * itself. Backups of schema 6 and earlier, team documents and merges carry texts this way, and a record
 * may be written so until the move (renderer/workspace/text-store.ts) takes its text to the store.
 */
export const InlineSourceText = z.object({
  sourceId: Id,
  text: z.string(),
});
export type InlineSourceText = z.infer<typeof InlineSourceText>;

/**
 * A source's text kept as a file in main's content-addressed store: the record names it by the SHA-256
 * of its UTF-8 bytes. A backup copies the file beside a small record instead of packing the text into
 * its tables, and a restore finds the file already there.
 */
export const StoredSourceText = z.object({
  sourceId: Id,
  sha256: Sha256,
  /** The text's length in UTF-8 bytes (the stored file's size). */
  bytes: z.number().int().nonnegative(),
});
export type StoredSourceText = z.infer<typeof StoredSourceText>;

/**
 * A `sourceTexts` record: the text in the store (how texts are kept) or, from before, the text itself.
 * A record that holds a text holds its text, even if it also names one: undoing a change made before the
 * move writes the text back into the record (field by field), and that text is the one undone to.
 */
export const SourceText = z.union([InlineSourceText, StoredSourceText]);
export type SourceText = z.infer<typeof SourceText>;

export const isStoredSourceText = (record: SourceText): record is StoredSourceText =>
  typeof (record as { text?: unknown }).text !== 'string';

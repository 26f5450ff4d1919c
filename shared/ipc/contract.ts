import { z } from 'zod';
import { Actor } from '../domain/actor';
import { BriefingDocument } from '../domain/briefing-document';
import { Country } from '../domain/country';
import { CalendarDate, Sha256 } from '../domain/primitives';
import { Source, SourceFileRef, SourceText } from '../domain/source';
import { Annotation, Tag } from '../domain/annotation';
import { Register, Threat } from '../domain/threat';
import type { ChannelKey } from './channels';

import { MAX_SOURCE_FILE_BYTES } from '../domain/limits';

export { DEFAULT_IMPORT_LIMIT_BYTES, MAX_SOURCE_FILE_BYTES } from '../domain/limits';

const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected the bytes of a file');

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** The folder that holds sources/, exports/, backups/ and logs/. */
  dataFolder: z.string(),
  /** Which host serves the API: the desktop app, or the loopback bridge used in a browser. */
  host: z.enum(['electron', 'bridge']),
  /** Versions of the runtime under the app (Electron and Chrome only on the desktop), for the About dialog. */
  runtime: z.object({ node: z.string(), electron: z.string().optional(), chrome: z.string().optional() }).optional(),
  /** The licence the app is distributed under (package.json "license"). */
  license: z.string().optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const PutSourceFileRequest = z.object({
  bytes: Bytes.refine((b) => b.byteLength <= MAX_SOURCE_FILE_BYTES, 'the file is larger than 200 MB'),
});

export const StoredFile = z.object({
  sha256: Sha256,
  size: z.number().int().nonnegative(),
});
export type StoredFile = z.infer<typeof StoredFile>;

/** The demo workspace, ready to be written into the database in one transaction. */
export const DemoWorkspace = z.object({
  source: Source,
  sourceText: SourceText,
  register: Register,
  threats: z.array(Threat),
  actors: z.array(Actor),
  countries: z.array(Country),
  tags: z.array(Tag),
  annotations: z.array(Annotation),
});

export const SOURCE_FORMATS = ['text', 'markdown', 'html', 'docx', 'pdf'] as const;
export const SourceFormat = z.enum(SOURCE_FORMATS);
export type SourceFormat = z.infer<typeof SourceFormat>;

export const ImportSourceRequest = z.object({
  bytes: Bytes,
  /** The file's name as the analyst knows it (no path); names the file in every message. */
  fileName: z.string().min(1).max(500),
  /** HTML only: keep the whole page instead of extracting the article. */
  keepFullText: z.boolean(),
  /** The analyst's import limit; larger files are refused with a message naming the limit. */
  maxBytes: z.number().int().positive().max(MAX_SOURCE_FILE_BYTES),
});

/** What the file says about itself; every field may be corrected by the analyst before saving. */
export const GuessedMetadata = z.object({
  title: z.string(),
  author: z.string(),
  publisher: z.string(),
  publishedOn: CalendarDate.nullable(),
  language: z.string(),
  url: z.string(),
});
export type GuessedMetadata = z.infer<typeof GuessedMetadata>;

/** An imported file: its text (normalised), what it says about itself, and where main stored it. */
export const ImportedSource = z.object({
  file: SourceFileRef,
  format: SourceFormat,
  text: z.string().min(1),
  textHash: Sha256,
  metadata: GuessedMetadata,
  /** Things the analyst should know, e.g. "Page 3 has no text layer (a scan?)". */
  warnings: z.array(z.string()),
});
export type ImportedSource = z.infer<typeof ImportedSource>;
export type DemoWorkspace = z.infer<typeof DemoWorkspace>;

export const SaveExportRequest = z.object({
  /** A plain file name (no folders); main keeps only its last part and safe characters. */
  fileName: z.string().min(1).max(200),
  bytes: Bytes.refine((b) => b.byteLength <= MAX_SOURCE_FILE_BYTES, 'the export is larger than 200 MB'),
});

export const SavedExport = z.object({
  /** Where the file was written, or null when the analyst cancelled the save dialog. */
  path: z.string().nullable(),
});
export type SavedExport = z.infer<typeof SavedExport>;

export const ExportBriefingRequest = z.object({
  /** The document tree the preview shows (see shared/domain/briefing-document.ts); main writes it as .docx. */
  document: BriefingDocument,
});

export const ExportedBriefing = z.object({
  /** Where the .docx was written, or null when the analyst cancelled the save dialog. */
  path: z.string().nullable(),
  bytes: z.number().int().nonnegative(),
});
export type ExportedBriefing = z.infer<typeof ExportedBriefing>;

/** A briefing export to open or show, named by the path main answered when it wrote it. */
export const BriefingExportRef = z.object({
  path: z.string().min(1).max(4096),
});

export const OpenOutcome = z.object({
  /** False where the host cannot open files (the browser preview); `message` then says so. */
  done: z.boolean(),
  path: z.string(),
  message: z.string(),
});
export type OpenOutcome = z.infer<typeof OpenOutcome>;

/** One of the last files main exported, named by id; the renderer never asks main to open a path. */
export const RecentExport = z.object({
  id: z.uuid(),
  /** The file's name and folder, for display. */
  name: z.string(),
  folder: z.string(),
  kind: z.enum(['briefing', 'csv', 'stix', 'annotations', 'backup', 'other']),
  at: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type RecentExport = z.infer<typeof RecentExport>;

export const RecentExportRef = z.object({ id: z.uuid() });

interface Procedure<A extends z.ZodTuple, R extends z.ZodType> {
  /** Arguments, as a tuple, parsed from `unknown` before any service sees them. */
  args: A;
  /** The value a successful call answers. */
  result: R;
}

const procedure = <A extends z.ZodTuple, R extends z.ZodType>(args: A, result: R): Procedure<A, R> => ({ args, result });

/** Every request the renderer can make of main, with the schema of its arguments and of its answer. */
export const CONTRACT = {
  appInfo: procedure(z.tuple([]), AppInfo),
  putSourceFile: procedure(z.tuple([PutSourceFileRequest]), StoredFile),
  readSourceFile: procedure(z.tuple([Sha256]), Bytes),
  listSourceFiles: procedure(z.tuple([]), z.array(StoredFile)),
  deleteSourceFile: procedure(z.tuple([Sha256]), z.object({ deleted: z.boolean() })),
  loadDemoWorkspace: procedure(z.tuple([]), DemoWorkspace),
  importSource: procedure(z.tuple([ImportSourceRequest]), ImportedSource),
  saveExport: procedure(z.tuple([SaveExportRequest]), SavedExport),
  exportBriefing: procedure(z.tuple([ExportBriefingRequest]), ExportedBriefing),
  openBriefingExport: procedure(z.tuple([BriefingExportRef]), OpenOutcome),
  showBriefingExport: procedure(z.tuple([BriefingExportRef]), OpenOutcome),
  listRecentExports: procedure(z.tuple([]), z.array(RecentExport)),
  openRecentExport: procedure(z.tuple([RecentExportRef]), OpenOutcome),
  showRecentExport: procedure(z.tuple([RecentExportRef]), OpenOutcome),
  clearRecentExports: procedure(z.tuple([]), z.object({ cleared: z.boolean() })),
} satisfies Record<ChannelKey, Procedure<z.ZodTuple, z.ZodType>>;

export type Contract = typeof CONTRACT;
export type ArgsOf<K extends ChannelKey> = z.input<Contract[K]['args']>;
export type ParsedArgsOf<K extends ChannelKey> = z.output<Contract[K]['args']>;
export type ResultOf<K extends ChannelKey> = z.output<Contract[K]['result']>;

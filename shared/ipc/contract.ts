import { z } from 'zod';
import { COMMAND_IDS, isCommandId, NATIVE_COMMANDS, TOP_MENUS } from '../commands/registry';
import { Actor } from '../domain/actor';
import { BriefingDocument } from '../domain/briefing-document';
import { Country } from '../domain/country';
import { CalendarDate, Sha256 } from '../domain/primitives';
import { GuessableField, InlineSourceText, Source, SourceFileRef } from '../domain/source';
import { Annotation, Tag } from '../domain/annotation';
import { Register, Threat } from '../domain/threat';
import {
  BackupReason,
  BackupSummary,
  isBackupId,
  MAX_BACKUP_KEEP,
  MAX_STAGED_RECORDS_PER_PART,
  MIN_BACKUP_KEEP,
  WorkspaceRecord,
  WorkspaceSnapshotSchema,
} from '../interop/backup';
import { WORKSPACE_TABLES } from '../interop/workspace-snapshot';
import type { ChannelKey } from './channels';

import { DEFAULT_IMPORT_LIMIT_BYTES, MAX_SOURCE_FILE_BYTES } from '../domain/limits';

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

/** A source's text for main's content-addressed store (kept there as its UTF-8 bytes). */
export const PutSourceTextRequest = z.object({
  text: z.string().refine((t) => t.length <= MAX_SOURCE_FILE_BYTES, 'the text is longer than 200 MB'),
});

export const StoredFile = z.object({
  sha256: Sha256,
  size: z.number().int().nonnegative(),
});
export type StoredFile = z.infer<typeof StoredFile>;

/** The demo workspace, ready to be written into the database in one transaction. */
export const DemoWorkspace = z.object({
  source: Source,
  /** The demo text itself: the window puts it into the store as it seeds (commands/seed.ts). */
  sourceText: InlineSourceText,
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

/**
 * Names one long request (an import, a briefing export, a backup) so that it can be cancelled or asked
 * about while it runs: the renderer picks it at random (a UUID) and sends it with the request.
 */
export const TaskId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'a task id is 8 to 64 letters, digits or hyphens');

export const TaskRef = z.object({ taskId: TaskId });

/**
 * The menu's commands that cannot run now, and its settings (toggle commands) that are on: a registry
 * id each; anything else is refused.
 */
const MenuLabel = z.string().trim().min(1).max(200);

/** The menu's words in the interface language (`MenuWords`): keys of the registry only. */
export const MenuWords = z.object({
  menus: z.partialRecord(z.enum(TOP_MENUS), MenuLabel).optional(),
  commands: z.partialRecord(z.enum(COMMAND_IDS), MenuLabel).optional(),
  roles: z.partialRecord(z.enum(NATIVE_COMMANDS.map((n) => n.role)), MenuLabel).optional(),
  recentExports: MenuLabel.optional(),
  noRecentExports: MenuLabel.optional(),
  clearRecent: MenuLabel.optional(),
});

export const MenuState = z.object({
  disabled: z.array(z.string().refine(isCommandId, 'not a command of the registry')).max(COMMAND_IDS.length),
  checked: z.array(z.string().refine(isCommandId, 'not a command of the registry')).max(COMMAND_IDS.length).default([]),
  /** The menu's words in the interface language; sent when the language changes (English until then). */
  words: MenuWords.optional(),
});

/** The menu state as main receives it (`checked` always there). */
export type MenuStateValue = z.output<typeof MenuState>;

export const CancelledTask = z.object({
  /** False when the task was already writing its file (it completes) — too late to cancel. */
  cancelled: z.boolean(),
});

/** What a long request is doing now; 'unknown' when main has no such task (not begun, or finished). */
export const TaskProgress = z.object({
  state: z.enum(['running', 'unknown']),
  step: z.string().optional(),
  done: z.number().int().nonnegative().optional(),
  total: z.number().int().nonnegative().optional(),
  committed: z.boolean().optional(),
});
export type TaskProgress = z.infer<typeof TaskProgress>;

export const ImportSourceRequest = z.object({
  bytes: Bytes.refine((b) => b.byteLength <= MAX_SOURCE_FILE_BYTES, 'the file is larger than 200 MB'),
  /** The file's name as the analyst knows it (no path); names the file in every message. */
  fileName: z.string().min(1).max(500),
  /** HTML only: keep the whole page instead of extracting the article. */
  keepFullText: z.boolean(),
  /** The analyst's import limit; larger files are refused with a message naming the limit. */
  maxBytes: z.number().int().positive().max(MAX_SOURCE_FILE_BYTES),
  /** Names the import for cancelTask. */
  taskId: TaskId.optional(),
  /** The interface's language ("ru", "en"): a refusal is said in it (Russian; English otherwise). */
  language: z.string().max(35).optional(),
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

/** A reviewer's comment in a Word file, and the text it is attached to (`occurrence`: which repeat of it). */
export const WordComment = z.object({
  author: z.string().max(500),
  date: CalendarDate.nullable(),
  text: z.string().min(1).max(100_000),
  quote: z.string().max(100_000),
  occurrence: z.number().int().nonnegative(),
});
export type WordComment = z.infer<typeof WordComment>;

/** An imported file: its text (normalised), what it says about itself, and where main stored it. */
export const ImportedSource = z.object({
  file: SourceFileRef,
  format: SourceFormat,
  text: z.string().min(1),
  textHash: Sha256,
  metadata: GuessedMetadata,
  /** Things the analyst should know, e.g. "Page 3 has no text layer (a scan?)". */
  warnings: z.array(z.string()),
  /** Whether this import put the original into the store (false: the same bytes were there already). */
  fileAdded: z.boolean().optional(),
  /** Fields of `metadata` the import guessed, shown for the analyst to confirm. */
  guessed: z.array(GuessableField).optional(),
  /** The languages of a text that mixes them, the main one first. */
  languages: z.array(z.string().min(2).max(35)).max(20).optional(),
  /** Word only: reviewers' comments with the text each is attached to. */
  comments: z.array(WordComment).max(10_000).optional(),
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

/** A REFI-QDA project to pack as `.qdpx` and save: the project.qde text and each source's plain text. */
export const RefiQdaExportRequest = z.object({
  fileName: z.string().min(1).max(200),
  projectXml: z.string().max(MAX_SOURCE_FILE_BYTES),
  sources: z
    .array(z.object({ guid: z.uuid(), text: z.string().max(MAX_SOURCE_FILE_BYTES) }))
    .max(100_000)
    .refine((s) => new Set(s.map((x) => x.guid)).size === s.length, 'every source is packed once'),
});

/** The bytes of a `.qdpx` the analyst chose, to unpack. */
export const ReadRefiQdaRequest = z.object({
  bytes: Bytes.refine((b) => b.byteLength <= MAX_SOURCE_FILE_BYTES, 'the file is larger than 200 MB'),
});

/** What a `.qdpx` holds that the workbench reads: its project.qde and its plain-text sources by path. */
export const RefiQdaContents = z.object({
  projectXml: z.string(),
  texts: z.array(z.object({ path: z.string(), text: z.string() })),
});
export type RefiQdaContents = z.infer<typeof RefiQdaContents>;

/** A reference file's text (CSL-JSON, BibTeX or RIS) to read into CSL-JSON items. */
export const ReadReferencesRequest = z.object({ text: z.string().max(DEFAULT_IMPORT_LIMIT_BYTES) });
const CslItems = z.array(z.record(z.string(), z.unknown())).max(100_000);
export const ReadReferences = z.object({ items: CslItems });

/** The workspace's sources as CSL-JSON items, to save as CSL-JSON, BibTeX or RIS. */
export const ExportReferencesRequest = z.object({
  fileName: z.string().min(1).max(200),
  format: z.enum(['csl-json', 'bibtex', 'ris']),
  items: CslItems,
});

export const ExportBriefingRequest = z.object({
  /** The document tree the preview shows (see shared/domain/briefing-document.ts); main writes it as .docx. */
  document: BriefingDocument,
  /** Names the export for cancelTask and taskProgress. */
  taskId: TaskId.optional(),
});

export const ExportedBriefing = z.object({
  /** Where the .docx was written, or null when the analyst cancelled the save dialog. */
  path: z.string().nullable(),
  bytes: z.number().int().nonnegative(),
});
export type ExportedBriefing = z.infer<typeof ExportedBriefing>;

/** A briefing export to open or show, named by the path main answered when it wrote it. */
export const BriefingExportRef = z.object({
  path: z
    .string()
    .min(1)
    .max(4096)
    .refine((path) => !path.includes('\0'), 'a path cannot hold a NUL character'),
});

export const OpenOutcome = z.object({
  /** False where the host cannot open files (the browser preview); `message` then says so. */
  done: z.boolean(),
  path: z.string(),
  message: z.string(),
});
export type OpenOutcome = z.infer<typeof OpenOutcome>;

/** Where an error the renderer reports came from. */
export const ERROR_ORIGINS = ['boundary', 'window', 'promise'] as const;

/**
 * An error the renderer caught (an error boundary, window.onerror, an unhandled rejection), for main's
 * error log. Every field is capped: a report is a line in a log, not a way to fill the disk.
 */
export const ErrorReport = z.object({
  origin: z.enum(ERROR_ORIGINS),
  /** The view that failed ("register", "sources", …) or "app" outside any view. */
  view: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a view name in lower case'),
  message: z.string().max(2000),
  stack: z.string().max(16_000).optional(),
});
export type ErrorReport = z.infer<typeof ErrorReport>;

export const ReportedError = z.object({
  /** False when the report was dropped because too many arrived at once (a render loop); the first ones are logged. */
  logged: z.boolean(),
});

/** A backup in the backups folder, named by its file name alone (never a path). */
export const BackupId = z
  .string()
  .min(1)
  .max(200)
  .refine(isBackupId, 'a backup is named by its file name in the backups folder');

/** The largest backup file the workbench reads from a file the analyst picks. */
export const MAX_BACKUP_FILE_BYTES = 1024 * 1024 * 1024;

export const WriteBackupRequest = z.object({
  snapshot: WorkspaceSnapshotSchema,
  reason: BackupReason,
  /** How many backups of a rolling reason to keep; older ones are removed. */
  keep: z.number().int().min(MIN_BACKUP_KEEP).max(MAX_BACKUP_KEEP),
  /** Names the backup for cancelTask and taskProgress. */
  taskId: TaskId.optional(),
});

/**
 * Part of a backup's records, sent ahead of its writeBackup request (same task id), so that a large
 * workspace crosses to main in many small messages rather than one long one.
 */
export const StageBackupRecordsRequest = z.object({
  taskId: TaskId,
  table: z.enum(WORKSPACE_TABLES),
  records: z.array(WorkspaceRecord).max(MAX_STAGED_RECORDS_PER_PART),
  /**
   * The part's place among its table's parts (from 0). The window keeps a few parts in flight at once,
   * and they may arrive in any order; the backup holds them in this order. Without it, arrival order.
   */
  part: z.number().int().nonnegative().optional(),
});

export const WrittenBackup = z.object({
  /** Its id when it is in the backups folder; null when saved elsewhere or cancelled. */
  id: z.string().nullable(),
  /** Where it was written, or null when the analyst cancelled the save dialog. */
  path: z.string().nullable(),
  bytes: z.number().int().nonnegative(),
  createdAt: z.string(),
  pruned: z.array(z.string()),
});
export type WrittenBackup = z.infer<typeof WrittenBackup>;

export const OpenBackupRequest = z.union([
  z.object({ backupId: BackupId }),
  z.object({ bytes: Bytes.refine((b) => b.byteLength <= MAX_BACKUP_FILE_BYTES, 'the file is larger than 1 GB') }),
]);

/**
 * The tables of an opened backup too large for one answer: main holds them under `id`, and the window
 * takes them part by part (takeBackupPart), so no single message keeps it busy.
 */
export const BackupHandoff = z.object({
  id: TaskId,
  tables: z.array(z.object({ table: z.enum(WORKSPACE_TABLES), parts: z.number().int().positive() })),
});

/** A backup that passed every check: its workspace, ready to replace (or be merged into) this one. */
export const OpenedBackup = z.object({
  snapshot: WorkspaceSnapshotSchema,
  reason: BackupReason,
  appVersion: z.string(),
  files: z.number().int().nonnegative(),
  /** When present, the snapshot's tables named here are empty and come through takeBackupPart. */
  handoff: BackupHandoff.optional(),
});

export const TakeBackupPartRequest = z.object({
  handoffId: TaskId,
  table: z.enum(WORKSPACE_TABLES),
  index: z.number().int().nonnegative(),
});
export type OpenedBackup = z.infer<typeof OpenedBackup>;
export { BackupSummary };

/** Backup files the system opened (a double-click on a .awbackup) since the window last asked. */
export const OpenedBackups = z.object({
  /** The ids of those now in the backups folder, to point out in the Backups dialog. */
  adopted: z.array(z.string()),
  /** A sentence for each file that failed the checks and was not added. */
  refused: z.array(z.string()),
});
export type OpenedBackups = z.infer<typeof OpenedBackups>;
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

/**
 * One request of team sync to the institute's CouchDB server (issue 20), made by main so the window's
 * Content Security Policy keeps `connect-src 'self'`. Main sends it only to an https:// address or to
 * this computer, only under the team database's path, and never logs it (it carries the password).
 */
export const TeamRequest = z.object({
  url: z.string().min(1).max(2000),
  database: z
    .string()
    .regex(/^[a-z][a-z0-9_$()+/-]*$/)
    .max(238),
  user: z.string().max(200),
  password: z.string().max(1000),
  method: z.enum(['GET', 'PUT', 'POST']),
  /** Below the database: '' (the database itself), or '/_changes?…', '/_bulk_docs'… */
  path: z
    .string()
    .max(4000)
    .regex(/^(\/[^\s]*)?$/),
  body: z.string().max(MAX_SOURCE_FILE_BYTES).optional(),
  /** The answer's body is wanted as bytes (an attachment), in `bytes`, not as text. */
  bytes: z.boolean().optional(),
});
export type TeamRequest = z.infer<typeof TeamRequest>;
export const TeamResponse = z.object({
  status: z.number().int().min(0).max(999),
  body: z.string(),
  bytes: Bytes.optional(),
});
export type TeamResponse = z.infer<typeof TeamResponse>;

/** Whose team password: one per server address, database and user name (issue 20). */
export const TeamAccount = TeamRequest.pick({ url: true, database: true, user: true });
export type TeamAccount = z.infer<typeof TeamAccount>;
export const RememberTeamPasswordRequest = TeamAccount.extend({ password: z.string().min(1).max(1000) });
/** Whether this host keeps a team password across restarts (the desktop app, through the OS keychain). */
export const TeamPasswordKeeping = z.object({ available: z.boolean() });

interface Procedure<A extends z.ZodTuple, R extends z.ZodType> {
  /** Arguments, as a tuple, parsed from `unknown` before any service sees them. */
  args: A;
  /** The value a successful call answers. */
  result: R;
}

const procedure = <A extends z.ZodTuple, R extends z.ZodType>(args: A, result: R): Procedure<A, R> => ({
  args,
  result,
});

/**
 * Every request the renderer can make of main, with the schema of its arguments and of its answer.
 *
 * The rule for every channel (tests/unit/ipc-fuzz.test.ts holds each one to it with hostile payloads):
 * the renderer names things by ids main can check — a sha256 (64 hex digits), a fixed vocabulary, a
 * bounded value — and never hands main a path to read or write. Files are reached only under the
 * data folder, by names main builds itself, or at a path the analyst picked in a native dialog.
 * The one path that travels back (BriefingExportRef) is a handle main issued: it is honoured only if
 * main wrote that very file (see main/services/briefing-exports.ts), never looked up otherwise.
 * Strings and byte arrays carry a maximum, so no request can make main allocate without bound.
 */
export const CONTRACT = {
  appInfo: procedure(z.tuple([]), AppInfo),
  putSourceFile: procedure(z.tuple([PutSourceFileRequest]), StoredFile),
  readSourceFile: procedure(z.tuple([Sha256]), Bytes),
  putSourceText: procedure(z.tuple([PutSourceTextRequest]), StoredFile),
  readSourceText: procedure(z.tuple([Sha256]), z.string()),
  listSourceFiles: procedure(z.tuple([]), z.array(StoredFile)),
  deleteSourceFile: procedure(z.tuple([Sha256]), z.object({ deleted: z.boolean() })),
  loadDemoWorkspace: procedure(z.tuple([]), DemoWorkspace),
  teamRequest: procedure(z.tuple([TeamRequest]), TeamResponse),
  teamPasswordKeeping: procedure(z.tuple([]), TeamPasswordKeeping),
  rememberTeamPassword: procedure(z.tuple([RememberTeamPasswordRequest]), z.object({ remembered: z.literal(true) })),
  recallTeamPassword: procedure(z.tuple([TeamAccount]), z.object({ password: z.string().nullable() })),
  forgetTeamPassword: procedure(z.tuple([TeamAccount]), z.object({ forgotten: z.boolean() })),
  importSource: procedure(z.tuple([ImportSourceRequest]), ImportedSource),
  saveExport: procedure(z.tuple([SaveExportRequest]), SavedExport),
  exportBriefing: procedure(z.tuple([ExportBriefingRequest]), ExportedBriefing),
  openBriefingExport: procedure(z.tuple([BriefingExportRef]), OpenOutcome),
  showBriefingExport: procedure(z.tuple([BriefingExportRef]), OpenOutcome),
  reportError: procedure(z.tuple([ErrorReport]), ReportedError),
  openLogFile: procedure(z.tuple([]), OpenOutcome),
  stageBackupRecords: procedure(
    z.tuple([StageBackupRecordsRequest]),
    z.object({ staged: z.number().int().nonnegative() }),
  ),
  writeBackup: procedure(z.tuple([WriteBackupRequest]), WrittenBackup),
  listBackups: procedure(z.tuple([]), z.array(BackupSummary)),
  openBackup: procedure(z.tuple([OpenBackupRequest]), OpenedBackup),
  takeBackupPart: procedure(z.tuple([TakeBackupPartRequest]), z.object({ records: z.array(WorkspaceRecord) })),
  deleteBackup: procedure(z.tuple([z.object({ backupId: BackupId })]), z.object({ deleted: z.boolean() })),
  takeOpenedBackups: procedure(z.tuple([]), OpenedBackups),
  listRecentExports: procedure(z.tuple([]), z.array(RecentExport)),
  openRecentExport: procedure(z.tuple([RecentExportRef]), OpenOutcome),
  showRecentExport: procedure(z.tuple([RecentExportRef]), OpenOutcome),
  clearRecentExports: procedure(z.tuple([]), z.object({ cleared: z.boolean() })),
  cancelTask: procedure(z.tuple([TaskRef]), CancelledTask),
  taskProgress: procedure(z.tuple([TaskRef]), TaskProgress),
  /** The renderer tells which menu commands cannot run now; the desktop menu greys them out. */
  setMenuState: procedure(z.tuple([MenuState]), z.object({ applied: z.boolean() })),
  /** The interface's language ("ru", "en-GB"): main says its refusals in it (Russian; English otherwise). */
  setInterfaceLanguage: procedure(
    z.tuple([z.object({ language: z.string().min(2).max(35) })]),
    z.object({ speaks: z.enum(['en', 'ru']) }),
  ),
  exportRefiQda: procedure(z.tuple([RefiQdaExportRequest]), SavedExport),
  readRefiQda: procedure(z.tuple([ReadRefiQdaRequest]), RefiQdaContents),
  readReferences: procedure(z.tuple([ReadReferencesRequest]), ReadReferences),
  exportReferences: procedure(z.tuple([ExportReferencesRequest]), SavedExport),
} satisfies Record<ChannelKey, Procedure<z.ZodTuple, z.ZodType>>;

export type Contract = typeof CONTRACT;
export type ArgsOf<K extends ChannelKey> = z.input<Contract[K]['args']>;
export type ParsedArgsOf<K extends ChannelKey> = z.output<Contract[K]['args']>;
export type ResultOf<K extends ChannelKey> = z.output<Contract[K]['result']>;

import { z } from 'zod';
import { Instant, Sha256 } from '../../domain/primitives';
import { WORKSPACE_TABLES, type WorkspaceSnapshot, type WorkspaceTableName } from '../workspace-snapshot';

/**
 * The backup file: a zip holding `manifest.json`, one `tables/<table>.json` array per workspace table
 * and `files/<sha256>` for every stored source original a source refers to and (from schema 7) every
 * source text a `sourceTexts` record names. The manifest names every
 * other entry with its SHA-256 and size, so a truncated or altered file is caught before anything is
 * restored.
 */
export const BACKUP_FORMAT = 'analyst-workbench/backup';
/** Raised only when the layout of the file changes in a way older apps cannot read. */
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = '.awbackup';
export const BACKUP_MIME = 'application/x-analyst-workbench-backup';

/**
 * The Dexie schema version this app writes (renderer/db/database.ts; a renderer test keeps the two equal).
 * A backup written under a later version is refused; an earlier one is upgraded on restore.
 */
export const WORKSPACE_SCHEMA_VERSION = 7;

/** The schema version that introduced each table added after version 1; older backups lack them. */
export const TABLE_SINCE: Partial<Record<WorkspaceTableName, number>> = { views: 2, exposureOverrides: 3 };

export function tablesOfSchema(schemaVersion: number): WorkspaceTableName[] {
  return WORKSPACE_TABLES.filter((table) => (TABLE_SINCE[table] ?? 1) <= schemaVersion);
}

export const BACKUP_REASONS = ['manual', 'daily', 'quit', 'before-restore'] as const;
export const BackupReason = z.enum(BACKUP_REASONS);
export type BackupReason = z.infer<typeof BackupReason>;
/** Written by the workbench on its own into the backups folder, and pruned to the newest few of each reason. */
export const ROLLING_REASONS = ['daily', 'quit', 'before-restore'] as const satisfies readonly BackupReason[];
export type RollingReason = (typeof ROLLING_REASONS)[number];

export const REASON_LABELS: Record<BackupReason, string> = {
  manual: 'By hand',
  daily: 'Daily',
  quit: 'On quitting',
  'before-restore': 'Before a restore',
};

export const MANIFEST_PATH = 'manifest.json';
export const tablePath = (table: WorkspaceTableName) => `tables/${table}.json`;
export const filePath = (sha256: string) => `files/${sha256}`;
export const FILE_PATH = /^files\/([0-9a-f]{64})$/;

export const MergeBasesSchema = z.record(
  z.string(),
  z.object({ at: Instant, hashes: z.record(z.string(), z.string()) }),
);

export const ManifestEntry = z.object({ sha256: Sha256, bytes: z.number().int().nonnegative() });

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  schemaVersion: z.number().int().positive(),
  appVersion: z.string().min(1).max(100),
  createdAt: Instant,
  replicaId: z.uuid(),
  reason: BackupReason,
  counts: z.partialRecord(z.enum(WORKSPACE_TABLES), z.number().int().nonnegative()),
  entries: z.record(z.string().max(300), ManifestEntry),
  mergeBases: MergeBasesSchema,
  /** Originals a source referred to that were no longer in the data folder when the backup was written. */
  missingFiles: z.array(Sha256).default([]),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** What a list of backups shows of one, read from its manifest alone. */
export const BackupSummary = z.object({
  /** The file name in the backups folder; the only way the renderer names a backup. */
  id: z.string(),
  bytes: z.number().int().nonnegative(),
  /** Null when the manifest could not be read; `problem` then says why. */
  createdAt: Instant.nullable(),
  reason: BackupReason.nullable(),
  appVersion: z.string().nullable(),
  counts: z.partialRecord(z.enum(WORKSPACE_TABLES), z.number().int().nonnegative()),
  problem: z.string().nullable(),
});
export type BackupSummary = z.infer<typeof BackupSummary>;

/** Records the largest part of a backup sent ahead of its write (stageBackupRecords) may carry. */
export const MAX_STAGED_RECORDS_PER_PART = 5000;

export const WorkspaceRecord = z.custom<unknown>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'expected a record',
);

/**
 * A workspace snapshot as it crosses between renderer and main: its shape only. Each record is checked
 * against its table's schema by `tableProblems`, which reads the records without re-shaping them.
 */
export const WorkspaceSnapshotSchema = z.object({
  schemaVersion: z.number().int().positive(),
  replicaId: z.uuid(),
  createdAt: Instant,
  tables: z.record(z.enum(WORKSPACE_TABLES), z.array(WorkspaceRecord)),
  mergeBases: MergeBasesSchema,
}) satisfies z.ZodType<WorkspaceSnapshot>;

import type { MergeConflict, Row } from '../../shared/interop/merge';
import type { WorkspaceTableName } from '../../shared/interop/workspace-snapshot';

/**
 * Team sync's bookkeeping beside the records (issue 20). A record travels as one CouchDB document whose
 * id is `<table>:<key>`; `meta` stays on this machine (settings of the installation, never shared).
 */
export type SyncedTable = Exclude<WorkspaceTableName, 'meta'>;

export const SYNCED_TABLES: readonly SyncedTable[] = [
  'sources',
  'sourceTexts',
  'annotations',
  'tags',
  'registers',
  'threats',
  'actors',
  'countries',
  'briefings',
  'views',
  'exposureOverrides',
  'revisions',
];

/** What this machine and the server last agreed on for one record. */
export interface SyncRecord {
  docId: string;
  /** The server's revision (`_rev`) of the document as last seen. */
  rev: string;
  /** The record as both sides last agreed (the base of the three-way merge); null: deleted on the server. */
  base: Row | null;
}

/**
 * A record changed here since it was last sent: one entry per record, written in the same transaction as
 * the change (so nothing is lost between the write and the outbox), whether or not sync is on.
 */
export interface SyncOutboxEntry {
  docId: string;
  /** The change that last touched the record: a push removes the entry only if no later change did. */
  changeId: string;
  at: string;
  /** Losing versions of a server-side conflict the analyst settled: deleted on the server with the push. */
  discardRevs?: string[];
}

/** A record both sides changed differently, waiting for the analyst in the Mine / Theirs / Both view. */
export interface SyncConflict {
  docId: string;
  /** The server revision the conflict was found against: the settled record is pushed on top of it. */
  theirRev: string;
  /** For a conflict the server itself held (`_conflicts`): the versions to delete once it is settled. */
  losingRevs?: string[];
  conflict: MergeConflict;
  foundAt: string;
}

/** How far this machine has read a database's `_changes` feed. */
export interface SyncCheckpoint {
  database: string;
  since: string;
  /** When the whole database was last read for conflicts the server holds (team-sync.ts, the full sweep). */
  conflictsSweptAt?: string;
}

export function docIdOf(table: SyncedTable, key: string): string {
  return `${table}:${key}`;
}

/** Splits a document id at its first colon (keys may hold colons, table names never do). */
export function parseDocId(docId: string): { table: SyncedTable; key: string } | undefined {
  const at = docId.indexOf(':');
  if (at <= 0) return undefined;
  const table = docId.slice(0, at) as SyncedTable;
  return SYNCED_TABLES.includes(table) ? { table, key: docId.slice(at + 1) } : undefined;
}

import type { MergeBases, WorkspaceTableName } from '../workspace-snapshot';
import type { Row } from './identity';

export type { Row } from './identity';

/** A record of mine that the merge changes: as it is, and as it will be. */
export interface PlannedUpdate {
  key: string;
  before: Row;
  after: Row;
  /** The fields taken from the colleague's record. */
  fields: string[];
}

export interface TablePlan {
  add: Row[];
  update: PlannedUpdate[];
}

/** One field both sides changed differently. */
export interface ConflictField {
  field: string;
  mine: unknown;
  theirs: unknown;
  /** "Both" is offered: free text (both texts kept) or a list (both lists joined). */
  canJoin: boolean;
}

/** `deleted-there` only comes from team sync: the server's copy was deleted and mine changed since. */
export type ConflictKind = 'edited-on-both-sides' | 'deleted-here' | 'deleted-there';

export interface MergeConflict {
  /** `${table}:${key}`: what a resolution is keyed by. */
  id: string;
  table: WorkspaceTableName;
  key: string;
  /** What the analyst calls the record: the threat's title, the tag's name… */
  label: string;
  /** "tag", "threat", "passage"… */
  noun: string;
  /**
   * `edited-on-both-sides`: the fields listed were changed differently on each side.
   * `deleted-here`: I deleted the record and they changed it since; one pseudo-field, `record`.
   */
  kind: ConflictKind;
  fields: ConflictField[];
  /** My record (absent when I deleted it). */
  before?: Row;
  /** The record with every field that is not in conflict already merged (their record if I deleted it). */
  draft: Row;
  /** Records that only exist with this one (their passages on a source I deleted); written if theirs is chosen. */
  dependents: { table: WorkspaceTableName; row: Row }[];
  /** Fields already taken from their record without a conflict. */
  taken: string[];
}

export interface TableReport {
  added: number;
  updated: number;
  /** Their records found to be one of mine by name (tags, actors) or by file (sources). */
  mergedByName: number;
  conflicts: number;
  /** Records I deleted that they still have, unchanged: not brought back. */
  keptDeleted: number;
  /** Their records that belong to something that is not in my workspace (a passage of a deleted source). */
  skipped: number;
}

export interface MergeReport {
  /** Who the backup came from, as the analyst will read it. */
  colleague: string;
  tables: Partial<Record<WorkspaceTableName, TableReport>>;
  /** How the conflicts were settled (after resolution). */
  resolved?: { mine: number; theirs: number; both: number };
}

export interface MergePlan {
  myReplicaId: string;
  theirReplicaId: string;
  colleague: string;
  tables: Record<WorkspaceTableName, TablePlan>;
  conflicts: MergeConflict[];
  /** Records I deleted that they still have unchanged: they stay deleted, and references to them are dropped. */
  keptDeleted: { table: WorkspaceTableName; key: string }[];
  /** Counts before the conflicts are resolved. */
  report: MergeReport;
  /** What the new merge bases are made from once the conflicts are settled (see bases.ts). */
  bases: {
    at: string;
    /** My bases before the merge (with other colleagues, kept as they are). */
    previous: MergeBases;
    /** Per base key: their record as seen now. */
    peer: Record<string, string>;
    /** Per base key: my record as it was before the merge. */
    self: Record<string, string>;
    /** Records found to be one under two ids: `~same:${table}:${theirId}` → my id. */
    same: Record<string, string>;
    /** My ids → the canonical ids bases are kept under. */
    canonical: Record<'sources' | 'tags' | 'actors', Record<string, string>>;
  };
}

export type Choice = 'mine' | 'theirs' | 'both';
/** Per conflict id, per field: which side wins. */
export type Resolutions = Record<string, Record<string, Choice>>;

/** What the database is to write: per table, records to put (added or changed). */
export interface MergeWrites {
  tables: Record<WorkspaceTableName, { add: Row[]; update: PlannedUpdate[] }>;
  report: MergeReport;
  nextBases: MergeBases;
}

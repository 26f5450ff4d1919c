/**
 * A whole workspace as plain data: what a backup holds and what a merge compares. Both the backup
 * format (shared/interop/backup) and the merge engine (shared/interop/merge) speak this shape, so a
 * colleague's backup can be restored or merged without either knowing how the other is written.
 */

/** Every Dexie table of the workspace, in the order a restore writes them. */
export const WORKSPACE_TABLES = [
  'sources',
  'sourceTexts',
  'annotations',
  'tags',
  'registers',
  'threats',
  'actors',
  'countries',
  'briefings',
  'revisions',
  'meta',
  'views',
  'exposureOverrides',
] as const;
export type WorkspaceTableName = (typeof WORKSPACE_TABLES)[number];

/** The property that is each table's primary key. */
export const PRIMARY_KEYS: Readonly<Record<WorkspaceTableName, string>> = {
  sources: 'id',
  sourceTexts: 'sourceId',
  annotations: 'id',
  tags: 'id',
  registers: 'id',
  threats: 'id',
  actors: 'id',
  countries: 'code',
  briefings: 'id',
  revisions: 'id',
  meta: 'key',
  views: 'id',
  exposureOverrides: 'id',
};

/**
 * What two workspaces last agreed on, per peer: the hash of every record (keyed `${table}:${key}`)
 * as it stood after the last restore from, or merge with, that peer. A record whose hash still equals
 * the base has not changed on that side since.
 */
export type MergeBases = Record<string, { at: string; hashes: Record<string, string> }>;

/** Meta keys that belong to this installation and survive a restore (they are not workspace content). */
export const LOCAL_META_KEYS = ['replicaId', 'mergeBases'] as const;

export interface WorkspaceSnapshot {
  /** The Dexie schema version the records were written under. */
  schemaVersion: number;
  /** The installation that wrote the snapshot (a UUID kept in meta under `replicaId`). */
  replicaId: string;
  createdAt: string;
  tables: Record<WorkspaceTableName, unknown[]>;
  /** The writer's merge bases, so that the receiver knows what the writer last saw of it. */
  mergeBases: MergeBases;
}

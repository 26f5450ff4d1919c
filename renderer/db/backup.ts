import { Dexie, type IndexableType, type Table } from 'dexie';
import {
  LOCAL_META_KEYS,
  WORKSPACE_TABLES,
  type MergeBases,
  type WorkspaceSnapshot,
  type WorkspaceTableName,
} from '../../shared/interop/workspace-snapshot';
import type { MetaEntry, WorkbenchDatabase } from './database';
import { BACKUP_KEEP_KEY, LANGUAGE_KEY } from './settings';

export const REPLICA_ID_KEY = 'replicaId';
export const MERGE_BASES_KEY = 'mergeBases';
/**
 * Which merge bases are in effect: per colleague (replica id), the `at` of the base entry the last
 * merge with them that still stands wrote. Unlike the bases themselves (local meta, written without
 * revisions), this small record has revisions, so undoing a merge puts it back and the base entry that
 * merge wrote stops counting; redoing the merge makes it count again. Without it, an undone merge's
 * bases would say the two workspaces agree on records the undo has just taken back, and merging the
 * same backup again would bring nothing.
 */
export const MERGES_IN_EFFECT_KEY = 'mergesInEffect';

/**
 * Meta entries that belong to this installation, not to the workspace it holds: who it is, what it last
 * agreed on with each peer (and which of those agreements still stand), and how many rolling backups it
 * keeps, and the language its interface speaks. They are not in its backups, and a restore leaves them as they were.
 */
export const INSTALLATION_META_KEYS: readonly string[] = [
  ...LOCAL_META_KEYS,
  MERGES_IN_EFFECT_KEY,
  BACKUP_KEEP_KEY,
  LANGUAGE_KEY,
];

function tableOf(db: WorkbenchDatabase, name: WorkspaceTableName): Table<unknown, unknown> {
  return db.table(name);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function basesOf(value: unknown): MergeBases {
  return isPlainObject(value) ? (value as MergeBases) : {};
}

/** Per colleague, the `at` of the base entry in effect (see MERGES_IN_EFFECT_KEY); `undefined` before it was ever written. */
export function mergesInEffectOf(value: unknown): Record<string, string> | undefined {
  return isPlainObject(value)
    ? (Object.fromEntries(Object.entries(value).filter(([, at]) => typeof at === 'string')) as Record<string, string>)
    : undefined;
}

/**
 * The merge bases that still stand: those whose entry is the one the record of merges in effect names.
 * An installation that has no such record yet (bases written by an earlier version) keeps all of them.
 */
export function basesInEffect(bases: MergeBases, inEffect: Record<string, string> | undefined): MergeBases {
  if (!inEffect) return bases;
  return Object.fromEntries(
    Object.entries(bases).filter(([peer, entry]) => inEffect[peer] !== undefined && inEffect[peer] === entry.at),
  );
}

/** This installation's id and the merge bases in effect, as its meta entries hold them (`replicaId` undefined when it has none yet). */
export function installationOf(meta: readonly MetaEntry[]): { replicaId: string | undefined; mergeBases: MergeBases } {
  const value = (key: string) => meta.find((m) => m.key === key)?.value;
  const replicaId = value(REPLICA_ID_KEY);
  return {
    replicaId: typeof replicaId === 'string' && replicaId ? replicaId : undefined,
    mergeBases: basesInEffect(basesOf(value(MERGE_BASES_KEY)), mergesInEffectOf(value(MERGES_IN_EFFECT_KEY))),
  };
}

/** This installation's id, or `undefined` before it has one (see commands/backup.ts ensureReplicaId). */
export async function replicaIdOf(db: WorkbenchDatabase): Promise<string | undefined> {
  const entry = await db.meta.get(REPLICA_ID_KEY);
  return typeof entry?.value === 'string' && entry.value ? entry.value : undefined;
}

/** Whether the installation has both its id and its record of merges in effect (so nothing needs writing first). */
export async function isIdentified(db: WorkbenchDatabase): Promise<boolean> {
  const [replicaId, inEffect] = await db.meta.bulkGet([REPLICA_ID_KEY, MERGES_IN_EFFECT_KEY]);
  return typeof replicaId?.value === 'string' && replicaId.value !== '' && inEffect !== undefined;
}

export interface SnapshotReading {
  /** Told before each table is read: table `index` (from 1) of `count`. */
  onTable?: (index: number, count: number, name: WorkspaceTableName) => void;
  /** Checked between tables: once aborted, the read stops and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * The whole workspace as plain data, read in one transaction so that it is one consistent moment.
 * This installation's own meta entries travel as the snapshot's `replicaId` and `mergeBases`, not in
 * its meta table.
 *
 * Each table is one asynchronous IndexedDB read (the browser reads off the page's thread); what takes
 * the page's own thread is turning the records into objects, in pieces of one table each.
 */
/** Records read per request: a whole table in one answer is decoded in one long task on this thread. */
export const RECORD_PAGE = 2000;
/** Source texts per request: each can be a book (a megabyte or more). */
const TEXT_PAGE = 8;

/** A table's records in primary-key order, read a page at a time (inside the caller's transaction). */
export async function readInPages(table: Table<unknown, unknown>, pageSize: number): Promise<unknown[]> {
  const records: unknown[] = [];
  let last: IndexableType | undefined;
  for (;;) {
    const page =
      last === undefined ? table.toCollection().limit(pageSize) : table.where(':id').above(last).limit(pageSize);
    const values = await page.toArray();
    for (const value of values) records.push(value);
    if (values.length < pageSize) return records;
    // The next page starts after the last record's own key (every workspace table has an inbound key).
    last = Dexie.getByKeyPath(values.at(-1) as object, table.schema.primKey.keyPath!) as IndexableType;
  }
}

export async function readWorkspaceSnapshot(
  db: WorkbenchDatabase,
  now: Date = new Date(),
  reading: SnapshotReading = {},
): Promise<WorkspaceSnapshot> {
  return db.transaction('r', db.workspaceTables, async () => {
    const tables = {} as Record<WorkspaceTableName, unknown[]>;
    for (const [i, name] of WORKSPACE_TABLES.entries()) {
      reading.signal?.throwIfAborted();
      reading.onTable?.(i + 1, WORKSPACE_TABLES.length, name);
      tables[name] = await readInPages(tableOf(db, name), name === 'sourceTexts' ? TEXT_PAGE : RECORD_PAGE);
    }
    reading.signal?.throwIfAborted();
    const meta = tables.meta as MetaEntry[];
    const { replicaId, mergeBases } = installationOf(meta);
    // A backup names the installation that wrote it, for good: one without an id yet is given one first.
    if (!replicaId)
      throw new Error(
        'This installation has no id yet, so it cannot be backed up; give it one first (ensureReplicaId).',
      );
    tables.meta = meta.filter((m) => !INSTALLATION_META_KEYS.includes(m.key));
    return { schemaVersion: db.verno, replicaId, createdAt: now.toISOString(), tables, mergeBases };
  });
}

/** How many records each table holds, for the confirm step of a restore. */
export async function workspaceCounts(db: WorkbenchDatabase): Promise<Record<WorkspaceTableName, number>> {
  return db.transaction('r', db.workspaceTables, async () => {
    const counts = {} as Record<WorkspaceTableName, number>;
    for (const name of WORKSPACE_TABLES) counts[name] = await tableOf(db, name).count();
    return counts;
  });
}

import { Dexie, type IndexableType, type Table } from 'dexie';
import { backupParts } from '../../shared/interop/backup/parts';
import { baseAfterRestore } from '../../shared/interop/merge';
import { LOCAL_META_KEYS, WORKSPACE_TABLES, type MergeBases, type WorkspaceSnapshot, type WorkspaceTableName } from '../../shared/interop/workspace-snapshot';
import type { MetaEntry, WorkbenchDatabase } from './database';
import { DEMO_SEEDED_KEY } from './seed';
import { BACKUP_KEEP_KEY } from './settings';

export const REPLICA_ID_KEY = 'replicaId';
export const MERGE_BASES_KEY = 'mergeBases';

/**
 * Meta entries that belong to this installation, not to the workspace it holds: who it is, what it last
 * agreed on with each peer, and how many rolling backups it keeps. A restore leaves them as they were.
 */
export const INSTALLATION_META_KEYS: readonly string[] = [...LOCAL_META_KEYS, BACKUP_KEEP_KEY];

function tableOf(db: WorkbenchDatabase, name: WorkspaceTableName): Table<unknown, unknown> {
  return db.table(name);
}

/** This installation's id (a UUID in meta), made the first time it is asked for. */
export async function ensureReplicaId(db: WorkbenchDatabase): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await db.meta.get(REPLICA_ID_KEY);
    if (typeof existing?.value === 'string') return existing.value;
    const replicaId = crypto.randomUUID();
    await db.meta.put({ key: REPLICA_ID_KEY, value: replicaId });
    return replicaId;
  });
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
const RECORD_PAGE = 2000;
/** Source texts per request: each can be a book (a megabyte or more). */
const TEXT_PAGE = 8;

/** A table's records in primary-key order, read a page at a time (inside the caller's transaction). */
async function readInPages(table: Table<unknown, unknown>, pageSize: number): Promise<unknown[]> {
  const records: unknown[] = [];
  let last: IndexableType | undefined;
  for (;;) {
    const page = last === undefined ? table.toCollection().limit(pageSize) : table.where(':id').above(last).limit(pageSize);
    const values = await page.toArray();
    for (const value of values) records.push(value);
    if (values.length < pageSize) return records;
    // The next page starts after the last record's own key (every workspace table has an inbound key).
    last = Dexie.getByKeyPath(values.at(-1) as object, table.schema.primKey.keyPath!) as IndexableType;
  }
}

export async function readWorkspaceSnapshot(db: WorkbenchDatabase, now: Date = new Date(), reading: SnapshotReading = {}): Promise<WorkspaceSnapshot> {
  const replicaId = await ensureReplicaId(db);
  return db.transaction('r', db.workspaceTables, async () => {
    const tables = {} as Record<WorkspaceTableName, unknown[]>;
    for (const [i, name] of WORKSPACE_TABLES.entries()) {
      reading.signal?.throwIfAborted();
      reading.onTable?.(i + 1, WORKSPACE_TABLES.length, name);
      tables[name] = await readInPages(tableOf(db, name), name === 'sourceTexts' ? TEXT_PAGE : RECORD_PAGE);
    }
    reading.signal?.throwIfAborted();
    const meta = tables.meta as MetaEntry[];
    const mergeBases = (meta.find((m) => m.key === MERGE_BASES_KEY)?.value ?? {}) as MergeBases;
    tables.meta = meta.filter((m) => !INSTALLATION_META_KEYS.includes(m.key));
    return { schemaVersion: db.verno, replicaId, createdAt: now.toISOString(), tables, mergeBases };
  });
}

/**
 * Replaces every table with the snapshot's records in ONE read-write transaction: if any record cannot
 * be written, the transaction aborts and the workspace is exactly as it was. This installation's own
 * meta entries are kept; the demo marker is kept too when the snapshot has none, so the demo is not
 * seeded again on top of the restored workspace.
 */
export async function replaceWorkspace(db: WorkbenchDatabase, snapshot: WorkspaceSnapshot): Promise<void> {
  if (snapshot.schemaVersion !== db.verno) {
    throw new Error(`This workspace snapshot is of data version ${snapshot.schemaVersion}, and this app keeps version ${db.verno}. Nothing was changed.`);
  }
  await ensureReplicaId(db);
  await db.transaction('rw', db.workspaceTables, async () => {
    const kept = (await db.meta.bulkGet([...INSTALLATION_META_KEYS, DEMO_SEEDED_KEY])).filter((m): m is MetaEntry => m !== undefined);
    for (const name of WORKSPACE_TABLES) await tableOf(db, name).clear();
    for (const name of WORKSPACE_TABLES) {
      const records = name === 'meta' ? (snapshot.tables.meta as MetaEntry[]).filter((m) => !INSTALLATION_META_KEYS.includes(m.key)) : snapshot.tables[name];
      // In parts, still inside the one transaction: IndexedDB copies each value as it is added, and
      // 50 MB added at once was one long task (~1 s) on this thread; between parts it is free.
      for (const part of backupParts(records as unknown[])) await tableOf(db, name).bulkAdd(part);
    }
    const restoredDemoMarker = await db.meta.get(DEMO_SEEDED_KEY);
    await db.meta.bulkPut(kept.filter((m) => m.key !== DEMO_SEEDED_KEY || !restoredDemoMarker));
    // A backup from another installation is now what both sides last agreed on: later merges with it
    // start from these records instead of treating every difference as a conflict.
    const replicaId = kept.find((m) => m.key === REPLICA_ID_KEY)?.value;
    if (snapshot.replicaId !== replicaId) {
      const bases = (kept.find((m) => m.key === MERGE_BASES_KEY)?.value ?? {}) as MergeBases;
      await db.meta.put({ key: MERGE_BASES_KEY, value: { ...bases, [snapshot.replicaId]: baseAfterRestore(snapshot, new Date().toISOString()) } });
    }
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

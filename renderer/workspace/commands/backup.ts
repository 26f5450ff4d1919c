import { dequal } from 'dequal';
import { Dexie, type IndexableType, type Table } from 'dexie';
import { baseAfterRestore } from '../../../shared/interop/merge';
import { backupParts } from '../../../shared/interop/backup/parts';
import { WORKSPACE_TABLES, type WorkspaceSnapshot } from '../../../shared/interop/workspace-snapshot';
import {
  basesOf,
  INSTALLATION_META_KEYS,
  isIdentified,
  MERGE_BASES_KEY,
  MERGES_IN_EFFECT_KEY,
  mergesInEffectOf,
  readInPages,
  readWorkspaceSnapshot,
  RECORD_PAGE,
  REPLICA_ID_KEY,
  replicaIdOf,
  type SnapshotReading,
} from '../../db/backup';
import type { MetaEntry } from '../../db/database';
import { DEMO_SEEDED_KEY } from '../../db/seed';
import { t as translate } from '../../i18n';
import { CommandRefusal } from '../change-set';
import { defineCommand, type Workspace } from '../workspace';

/**
 * What this installation needs before it can be backed up or merged with a colleague: its id, and its
 * record of which merge bases are in effect (db/backup.ts MERGES_IN_EFFECT_KEY; an installation of an
 * earlier version has bases but no such record: all of its bases stand). Answers the entries to write,
 * with the id.
 */
function identity(meta: ReadonlyMap<string, MetaEntry>): { replicaId: string; missing: MetaEntry[] } {
  const missing: MetaEntry[] = [];
  const stored = meta.get(REPLICA_ID_KEY)?.value;
  const replicaId = typeof stored === 'string' && stored ? stored : crypto.randomUUID();
  if (replicaId !== stored) missing.push({ key: REPLICA_ID_KEY, value: replicaId });
  if (!meta.has(MERGES_IN_EFFECT_KEY)) {
    const bases = basesOf(meta.get(MERGE_BASES_KEY)?.value);
    missing.push({
      key: MERGES_IN_EFFECT_KEY,
      value: Object.fromEntries(Object.entries(bases).map(([peer, entry]) => [peer, entry.at])),
    });
  }
  return { replicaId, missing };
}

/**
 * Gives this installation its id (a UUID in local meta, written without a revision: it is not workspace
 * content) the first time it is asked for. Recorded, not a step for Ctrl+Z.
 */
export const identifyInstallation = defineCommand({
  id: 'backup.identify',
  label: () => translate('labels.identifyInstallation'),
  undoable: false,
  run: async (changes, _args: void): Promise<string> => {
    const keys = [REPLICA_ID_KEY, MERGE_BASES_KEY, MERGES_IN_EFFECT_KEY];
    const entries = await changes.db.meta.bulkGet(keys);
    const { replicaId, missing } = identity(
      new Map(entries.filter((m): m is MetaEntry => m !== undefined).map((m) => [m.key, m])),
    );
    await changes.bulkPut('meta', missing);
    return replicaId;
  },
});

/** This installation's id, given to it first if it has none yet (nothing is written when it has). */
export async function ensureReplicaId(workspace: Workspace): Promise<string> {
  if (await isIdentified(workspace.db)) return (await replicaIdOf(workspace.db))!;
  return workspace.perform(identifyInstallation, undefined);
}

/** The whole workspace as a backup holds it (db/backup.ts readWorkspaceSnapshot), once the installation has its id. */
export async function readBackupSnapshot(
  workspace: Workspace,
  now: Date = new Date(),
  reading: SnapshotReading = {},
): Promise<WorkspaceSnapshot> {
  await ensureReplicaId(workspace);
  return readWorkspaceSnapshot(workspace.db, now, reading);
}

/**
 * Makes a table hold exactly `records`, writing only what differs: a record the table holds as it is
 * stays, one it lacks or holds otherwise is put, one the snapshot lacks is deleted. IndexedDB's cost is
 * in the writes — each record and every index entry it makes (a threat makes nine) — so restoring a
 * backup over the workspace it was taken from, with a day's changes since, writes those changes rather
 * than every record again; onto an empty workspace it writes them all, as before.
 */
async function replaceTable(table: Table<unknown, unknown>, records: readonly unknown[]): Promise<void> {
  const keyPath = table.schema.primKey.keyPath as string;
  const keyOf = (record: unknown) => Dexie.getByKeyPath(record as object, keyPath) as IndexableType;
  const present = new Map<unknown, unknown>();
  for (const record of await readInPages(table, RECORD_PAGE)) present.set(keyOf(record), record);
  const put: unknown[] = [];
  const seen = new Set<unknown>();
  for (const record of records) {
    const key = keyOf(record);
    // Main refuses such a backup before it gets here; a put would quietly keep one of the two.
    if (seen.has(key))
      throw new CommandRefusal(translate('refusals.backup.duplicateKey', { table: table.name, key: String(key) }));
    seen.add(key);
    const held = present.get(key);
    present.delete(key);
    if (held === undefined || !dequal(held, record)) put.push(record);
  }
  if (present.size > 0) await table.bulkDelete([...present.keys()] as IndexableType[]);
  // In parts, still inside the one transaction: IndexedDB copies each value as it is added, and
  // 50 MB added at once was one long task (~1 s) on this thread; between parts it is free.
  for (const part of backupParts(put)) await table.bulkPut(part);
}

/**
 * Restores a backup: replaces every table with the snapshot's records, in the command's one read-write
 * transaction — if any record cannot be written, the transaction aborts and the workspace is exactly as
 * it was. This installation's own meta entries are kept; the demo marker is kept too when the snapshot
 * has none, so the demo is not seeded again on top of the restored workspace.
 *
 * The one change that writes no revision per field, on purpose: a restore replaces the whole workspace,
 * its history included, with the backup's, which carries the revisions of its own records. Revisions of
 * the restore itself (every record of the old workspace deleted, every one of the backup created) would
 * double the history at every restore and describe a workspace that is gone; the workspace as it was is
 * kept instead as a "before a restore" backup. So it writes the tables itself, not through the change
 * set — in parts, as the backup hands them over — is not a step for Ctrl+Z, and the steps taken before
 * it are forgotten (`replaceWorkspace`), since they refer to records the restore has replaced.
 */
export const restoreBackup = defineCommand({
  id: 'backup.restore',
  label: () => translate('labels.restoreBackup'),
  undoable: false,
  run: async (changes, snapshot: WorkspaceSnapshot): Promise<void> => {
    const db = changes.db;
    if (snapshot.schemaVersion !== db.verno) {
      throw new CommandRefusal(
        translate('refusals.backup.otherVersion', { theirs: snapshot.schemaVersion, ours: db.verno }),
      );
    }
    const kept = new Map(
      (await db.meta.bulkGet([...INSTALLATION_META_KEYS, DEMO_SEEDED_KEY]))
        .filter((m): m is MetaEntry => m !== undefined)
        .map((m) => [m.key, m]),
    );
    const { replicaId, missing } = identity(kept);
    for (const entry of missing) kept.set(entry.key, entry);
    await db.meta.clear();
    const meta = (snapshot.tables.meta as MetaEntry[]).filter((m) => !INSTALLATION_META_KEYS.includes(m.key));
    for (const part of backupParts(meta)) await db.meta.bulkAdd(part);
    for (const name of WORKSPACE_TABLES) if (name !== 'meta') await replaceTable(db.table(name), snapshot.tables[name]);
    if (await db.meta.get(DEMO_SEEDED_KEY)) kept.delete(DEMO_SEEDED_KEY);
    // A backup from another installation is now what both sides last agreed on: later merges with it
    // start from these records instead of treating every difference as a conflict.
    if (snapshot.replicaId !== replicaId) {
      const bases = basesOf(kept.get(MERGE_BASES_KEY)?.value);
      kept.set(MERGE_BASES_KEY, {
        key: MERGE_BASES_KEY,
        value: { ...bases, [snapshot.replicaId]: baseAfterRestore(snapshot, changes.at) },
      });
      const inEffect = mergesInEffectOf(kept.get(MERGES_IN_EFFECT_KEY)?.value) ?? {};
      kept.set(MERGES_IN_EFFECT_KEY, {
        key: MERGES_IN_EFFECT_KEY,
        value: { ...inEffect, [snapshot.replicaId]: changes.at },
      });
    }
    await db.meta.bulkPut([...kept.values()]);
  },
});

/** Restores a (checked) backup's workspace here, then forgets the undo steps, which referred to the workspace replaced. */
export async function replaceWorkspace(workspace: Workspace, snapshot: WorkspaceSnapshot): Promise<void> {
  await workspace.perform(restoreBackup, snapshot);
  workspace.clearHistory();
}

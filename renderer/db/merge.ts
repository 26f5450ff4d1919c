import type { Revision } from '../../shared/domain/revision';
import {
  planMerge as planWorkspaceMerge,
  resolveMerge,
  stableStringify,
  TABLE_RULES,
  type MergePlan,
  type MergeReport,
  type Resolutions,
  type Row,
} from '../../shared/interop/merge';
import { PRIMARY_KEYS, WORKSPACE_TABLES, type MergeBases, type WorkspaceSnapshot, type WorkspaceTableName } from '../../shared/interop/workspace-snapshot';
import { ensureReplicaId, MERGE_BASES_KEY, REPLICA_ID_KEY } from './backup';
import type { WorkbenchDatabase } from './database';
import { revisionsBetween } from './revisions';


type Tables = Record<WorkspaceTableName, Row[]>;

const tableOf = (db: WorkbenchDatabase, name: WorkspaceTableName) => db.table<Row, string>(name);

function basesOf(value: unknown): MergeBases {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as MergeBases) : {};
}

/**
 * My workspace as a snapshot, read in one transaction so the merge compares against one consistent
 * state. (Without a stored replica id — see ensureReplicaId — a new one is made up for the snapshot.)
 */
export async function readMyWorkspace(db: WorkbenchDatabase): Promise<WorkspaceSnapshot> {
  return db.transaction('r', db.workspaceTables, async () => {
    const tables = Object.fromEntries(await Promise.all(WORKSPACE_TABLES.map(async (t) => [t, await tableOf(db, t).toArray()] as const))) as Tables;
    const meta = new Map(tables.meta.map((m) => [String(m.key), m.value]));
    const replicaId = meta.get(REPLICA_ID_KEY);
    return {
      schemaVersion: db.verno,
      replicaId: typeof replicaId === 'string' && replicaId ? replicaId : crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      tables,
      mergeBases: basesOf(meta.get(MERGE_BASES_KEY)),
    };
  });
}

/**
 * Plans merging a colleague's (validated) workspace into mine. Nothing of the workspace is written
 * (only this installation's replica id, if it had none yet).
 */
export async function planMerge(db: WorkbenchDatabase, theirs: WorkspaceSnapshot, colleague?: string): Promise<MergePlan> {
  await ensureReplicaId(db);
  const mine = await readMyWorkspace(db);
  if (theirs.replicaId === mine.replicaId) {
    throw new Error('This backup was made from this workspace itself, so there is nothing to merge. To go back to it, restore it instead.');
  }
  return planWorkspaceMerge(mine, theirs, { at: new Date().toISOString(), ...(colleague ? { colleague } : {}) });
}

/** What a merge changed, so that it can be undone and redone exactly. */
export interface MergeChange {
  /** Per table, every record the merge wrote, as it was before (undefined: it did not exist). */
  before: Partial<Record<WorkspaceTableName, [key: string, row: Row | undefined][]>>;
  /** Per table, every record as the merge wrote it. */
  after: Partial<Record<WorkspaceTableName, Row[]>>;
}

export interface AppliedMerge {
  report: MergeReport;
  change: MergeChange;
}

const STALE = 'Your workspace changed while the merge was open, so nothing was merged. Start the merge again to see the changes as they are now.';

/** Every property a merge field stands for (a passage's quote, position and anchor for "passage"). */
function properties(table: WorkspaceTableName, fields: readonly string[]): string[] {
  const groups = (TABLE_RULES as Partial<Record<WorkspaceTableName, { groups?: Record<string, readonly string[]> }>>)[table]?.groups ?? {};
  return fields.flatMap((f) => groups[f] ?? [f]);
}

/**
 * Writes a resolved merge in ONE transaction: additions, updates (each changed field recorded as a
 * revision "Merged from …"), the colleague's history, the new merge bases and my replica id. If my
 * workspace changed since the plan was made, nothing is written.
 */
export async function applyMerge(db: WorkbenchDatabase, plan: MergePlan, resolutions: Resolutions): Promise<AppliedMerge> {
  const writes = resolveMerge(plan, resolutions);
  const now = new Date().toISOString();
  const rationale = `Merged from ${plan.colleague}'s backup`;
  return db.transaction('rw', db.workspaceTables, async () => {
    const change: MergeChange = { before: {}, after: {} };
    const revisions: Revision[] = [];
    for (const table of WORKSPACE_TABLES) {
      const { add, update } = writes.tables[table];
      if (add.length === 0 && update.length === 0) continue;
      const pk = PRIMARY_KEYS[table];
      const keys = [...add.map((r) => String(r[pk])), ...update.map((u) => u.key)];
      const current = await tableOf(db, table).bulkGet(keys);
      current.forEach((row, i) => {
        const expected = i < add.length ? undefined : update[i - add.length]!.before;
        if (stableStringify(row) !== stableStringify(expected)) throw new Error(STALE);
      });
      const rows = [...add, ...update.map((u) => u.after)];
      await tableOf(db, table).bulkPut(rows);
      change.before[table] = keys.map((key, i) => [key, current[i]]);
      change.after[table] = rows;
      const entity = (TABLE_RULES as Partial<Record<WorkspaceTableName, { entity?: Revision['entity'] }>>)[table]?.entity;
      if (entity) {
        for (const u of update) revisions.push(...revisionsBetween(entity, u.key, u.before, u.after, properties(table, u.fields), now, rationale));
      }
    }
    if (revisions.length > 0) {
      await db.revisions.bulkAdd(revisions);
      change.before.revisions = [...(change.before.revisions ?? []), ...revisions.map((r): [string, undefined] => [r.id, undefined])];
      change.after.revisions = [...(change.after.revisions ?? []), ...revisions];
    }
    const meta: Row[] = [{ key: MERGE_BASES_KEY, value: writes.nextBases }, { key: REPLICA_ID_KEY, value: plan.myReplicaId }];
    const metaBefore = await db.meta.bulkGet(meta.map((m) => String(m.key)));
    if (metaBefore[1] !== undefined && metaBefore[1].value !== plan.myReplicaId) throw new Error(STALE);
    await db.meta.bulkPut(meta as { key: string; value: unknown }[]);
    change.before.meta = [...(change.before.meta ?? []), ...meta.map((m, i): [string, Row | undefined] => [String(m.key), metaBefore[i] as Row | undefined])];
    change.after.meta = [...(change.after.meta ?? []), ...meta];
    return { report: writes.report, change };
  });
}

/** Puts every record the merge touched back as it was (removing those it added), in one transaction. */
export async function undoMerge(db: WorkbenchDatabase, change: MergeChange): Promise<void> {
  await db.transaction('rw', db.workspaceTables, async () => {
    for (const [table, entries] of Object.entries(change.before) as [WorkspaceTableName, [string, Row | undefined][]][]) {
      const restore = entries.filter(([, row]) => row !== undefined).map(([, row]) => row!);
      const remove = entries.filter(([, row]) => row === undefined).map(([key]) => key);
      await tableOf(db, table).bulkDelete(remove);
      await tableOf(db, table).bulkPut(restore);
    }
  });
}

/** Writes the merge's records again, as the merge wrote them. */
export async function redoMerge(db: WorkbenchDatabase, change: MergeChange): Promise<void> {
  await db.transaction('rw', db.workspaceTables, async () => {
    for (const [table, rows] of Object.entries(change.after) as [WorkspaceTableName, Row[]][]) await tableOf(db, table).bulkPut(rows);
  });
}

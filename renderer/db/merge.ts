import { planMerge as planWorkspaceMerge, type MergePlan, type Row } from '../../shared/interop/merge';
import {
  WORKSPACE_TABLES,
  type WorkspaceSnapshot,
  type WorkspaceTableName,
} from '../../shared/interop/workspace-snapshot';
import { t as translate } from '../i18n';
import { INSTALLATION_META_KEYS, installationOf } from './backup';
import type { MetaEntry, WorkbenchDatabase } from './database';
import { DEMO_SEED_COMMAND } from './seed';

type Tables = Record<WorkspaceTableName, Row[]>;

const tableOf = (db: WorkbenchDatabase, name: WorkspaceTableName) => db.table<Row, string>(name);

/**
 * My workspace as a snapshot, read in one transaction so the merge compares against one consistent
 * state, with the merge bases that still stand. (Without a stored replica id — see
 * commands/backup.ts ensureReplicaId — a new one is made up for the snapshot.)
 */
export async function readMyWorkspace(db: WorkbenchDatabase): Promise<WorkspaceSnapshot> {
  return db.transaction('r', db.workspaceTables, async () => {
    const tables = Object.fromEntries(
      await Promise.all(WORKSPACE_TABLES.map(async (t) => [t, await tableOf(db, t).toArray()] as const)),
    ) as Tables;
    const { replicaId, mergeBases } = installationOf(tables.meta as unknown as MetaEntry[]);
    return {
      schemaVersion: db.verno,
      replicaId: replicaId ?? crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      tables,
      mergeBases,
    };
  });
}

/**
 * Plans merging a colleague's (validated) workspace into mine (pure: nothing is written). Refuses a
 * backup of this very installation.
 */
export function planMergeInto(
  mine: WorkspaceSnapshot,
  theirs: WorkspaceSnapshot,
  colleague?: string,
  at: string = new Date().toISOString(),
  texts?: ReadonlyMap<string, string>,
): MergePlan {
  if (theirs.replicaId === mine.replicaId) throw new Error(translate('refusals.merge.ownBackup'));
  return withoutRepeatedHistory(
    planWorkspaceMerge(withoutUndoAndRedo(mine), theirs, {
      at,
      ...(colleague ? { colleague } : {}),
      ...(texts ? { texts } : {}),
    }),
    mine,
  );
}

const UNDO_AND_REDO: readonly unknown[] = ['history.undo', 'history.redo'];

/**
 * My workspace as the merge should judge "who changed what": without the revisions of my undos and
 * redos. Undo takes a change back and writes its own revisions; their `before` is the value the
 * undone change had brought, and the merge would read it as a value I deliberately moved on from. After
 * undoing a merge, that would quietly keep my side of every field the merge had taken from the
 * colleague when the same backup is merged again, instead of asking again. (The change an undo took
 * back still says what I moved on from, and the merge bases cover whatever we last agreed on.)
 */
function withoutUndoAndRedo(mine: WorkspaceSnapshot): WorkspaceSnapshot {
  const revisions = (mine.tables.revisions as Row[]).filter((r) => !UNDO_AND_REDO.includes(r.command));
  return { ...mine, tables: { ...mine.tables, revisions } };
}

const historyKey = (r: Row) => `${String(r.entity)}|${String(r.entityId)}|${String(r.field)}`;
const isDemoCreation = (r: Row) => r.command === DEMO_SEED_COMMAND && r.op === 'create';
const isInstallationHistory = (r: Row) => r.entity === 'meta' && INSTALLATION_META_KEYS.includes(String(r.entityId));

/**
 * Leaves out the colleague's history entries that are not news here: their installation's own
 * bookkeeping (its settings and record of merges, which a merge never takes), and the demo workspace's
 * creation, which every installation writes for itself — theirs would only repeat mine, field for field
 * — and entries I have already (my undos and redos, which the plan was made without). The report
 * counts what is left.
 */
function withoutRepeatedHistory(plan: MergePlan, mine: WorkspaceSnapshot): MergePlan {
  const myHistory = mine.tables.revisions as Row[];
  const myIds = new Set(myHistory.map((r) => String(r.id)));
  const myDemo = new Set(myHistory.filter(isDemoCreation).map(historyKey));
  const incoming = plan.tables.revisions.add;
  const kept = incoming.filter(
    (r) => !myIds.has(String(r.id)) && !isInstallationHistory(r) && !(isDemoCreation(r) && myDemo.has(historyKey(r))),
  );
  const dropped = incoming.length - kept.length;
  if (dropped === 0) return plan;
  const tables = { ...plan.report.tables };
  const counts = tables.revisions && { ...tables.revisions, added: tables.revisions.added - dropped };
  if (counts && Object.values(counts).some((n) => n > 0)) tables.revisions = counts;
  else delete tables.revisions;
  return {
    ...plan,
    tables: { ...plan.tables, revisions: { ...plan.tables.revisions, add: kept } },
    report: { ...plan.report, tables },
  };
}

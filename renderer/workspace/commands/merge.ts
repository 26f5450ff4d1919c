import type { Revision } from '../../../shared/domain/revision';
import {
  resolveMerge,
  stableStringify,
  unresolvedConflicts,
  type MergePlan,
  type MergeReport,
  type MergeWrites,
  type Resolutions,
  type Row as MergeRow,
} from '../../../shared/interop/merge';
import { PRIMARY_KEYS, WORKSPACE_TABLES, type WorkspaceSnapshot } from '../../../shared/interop/workspace-snapshot';
import { MERGE_BASES_KEY, MERGES_IN_EFFECT_KEY, REPLICA_ID_KEY } from '../../db/backup';
import { planMergeInto, readMyWorkspace } from '../../db/merge';
import { t as translate } from '../../i18n';
import { CommandRefusal } from '../change-set';
import type { Row, TableName } from '../tables';
import { defineCommand, type Workspace } from '../workspace';
import { moveTextsToStore, textsForMerge, withTextsStored } from '../text-store';
import { ensureReplicaId } from './backup';

/**
 * Plans merging a colleague's (validated) workspace into mine. Nothing of the workspace is written —
 * only this installation's id, the first time (see ensureReplicaId).
 */
export async function planMerge(
  workspace: Workspace,
  theirs: WorkspaceSnapshot,
  colleague?: string,
): Promise<MergePlan> {
  await ensureReplicaId(workspace);
  // Both sides name their texts by digest, so the merge compares texts without reading them; it reads
  // only those it may re-anchor passages between.
  await moveTextsToStore(workspace.db);
  const stored = await withTextsStored(workspace.db.textStore, theirs);
  const mine = await readMyWorkspace(workspace.db);
  const texts = await textsForMerge(workspace.db.textStore, mine, stored);
  return planMergeInto(mine, stored, colleague, undefined, texts);
}

/** The reason the merge dialog offers for the history, e.g. "Merged Dilnoza's work from “April.awbackup”". */
export function defaultMergeRationale(colleague: string, file?: string): string {
  return file
    ? translate('merge.defaultReasonFile', { colleague, file })
    : translate('merge.defaultReason', { colleague });
}

export interface MergeArgs {
  plan: MergePlan;
  /** A choice for every field of every conflict. */
  resolutions: Resolutions;
  /** The analyst's reason, recorded on every revision of the merge (the default one when blank). */
  rationale?: string;
}

const stale = () => translate('refusals.merge.stale');

/**
 * Brings a colleague's work in as ONE change (one step for Ctrl+Z): the records only they have, mine
 * that take their side, each conflict as settled, their history, and the new merge bases. Their records
 * keep their own stamps (`keepStamp`): the merge keeps their `updatedAt` (or the later of the two), and
 * the next merge's bases are worked out from the records exactly as written. If my workspace changed
 * since the plan was made, nothing is written.
 *
 * Undo takes back every record through the merge's revisions. Their history entries stay (they are
 * history, not records, and written as they are); the bases are local meta written without revisions,
 * so the record of merges in effect (db/backup.ts MERGES_IN_EFFECT_KEY), which has revisions, is what
 * the undo puts back: the bases this merge wrote then stop counting, and a later merge of the same
 * backup starts from the bases as they were.
 */
export const applyMerge = defineCommand({
  id: 'merge.apply',
  label: ({ plan }: MergeArgs) => translate('labels.mergeBackup', { name: plan.colleague }),
  rationale: ({ plan, rationale }: MergeArgs) => rationale?.trim() || defaultMergeRationale(plan.colleague),
  run: async (changes, { plan, resolutions }: MergeArgs): Promise<MergeReport> => {
    // Conflicts left open are said here, in the interface language; resolveMerge would refuse them in English.
    const open = unresolvedConflicts(plan, resolutions);
    if (open.length > 0) throw new CommandRefusal(translate('refusals.merge.unsettled', { count: open.length }));
    let writes: MergeWrites;
    try {
      writes = resolveMerge(plan, resolutions);
    } catch (error) {
      throw new CommandRefusal(error instanceof Error ? error.message : String(error));
    }
    if ((await changes.get('meta', REPLICA_ID_KEY))?.value !== plan.myReplicaId) throw new CommandRefusal(stale());
    for (const table of WORKSPACE_TABLES) {
      const { add, update } = writes.tables[table];
      if (add.length === 0 && update.length === 0) continue;
      const pk = PRIMARY_KEYS[table];
      const keys = [...add.map((r) => String(r[pk])), ...update.map((u) => u.key)];
      const current = await changes.db.table<MergeRow, string>(table).bulkGet(keys);
      current.forEach((row, i) => {
        const expected = i < add.length ? undefined : update[i - add.length]!.before;
        if (stableStringify(row) !== stableStringify(expected)) throw new CommandRefusal(stale());
      });
      const rows = [...add, ...update.map((u) => u.after)];
      // Their history is appended as it is: entries about their changes, not changes of this merge.
      if (table === 'revisions') await changes.db.revisions.bulkAdd(rows as unknown as Revision[]);
      else await changes.bulkPut(table as TableName, rows as unknown as Row<TableName>[], { keepStamp: true });
    }
    await changes.put('meta', { key: MERGE_BASES_KEY, value: writes.nextBases });
    await changes.put('meta', {
      key: MERGES_IN_EFFECT_KEY,
      value: Object.fromEntries(Object.entries(writes.nextBases).map(([peer, entry]) => [peer, entry.at])),
    });
    return writes.report;
  },
});

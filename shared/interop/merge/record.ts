import { PRIMARY_KEYS, type WorkspaceTableName } from '../workspace-snapshot';
import { sameValue } from './hash';
import type { Row } from './identity';
import { fieldValue, mergeFields, setField, TABLE_RULES, type TableRules } from './tables';
import type { ConflictField, MergeConflict } from './types';

/**
 * Three-way merge of one record kept in two places with a copy of what both last agreed on (team sync:
 * base = the stored copy, mine = this machine's record, theirs = the server's). Field by field, with the
 * backup merge's rules (grouped properties, free text that can keep both, derived fields): a field only
 * one side changed takes that side's value; a field both changed to the same value is settled; a field
 * both changed differently is a conflict for the analyst. Timestamps never decide anything (clocks drift):
 * `updatedAt` is bookkeeping and takes the later of the two, `createdAt` stays mine.
 */
export interface RecordMerge {
  merged: Row;
  /** Fields taken from theirs. */
  taken: string[];
  conflicts: ConflictField[];
}

const FALLBACK_RULES: Partial<Record<WorkspaceTableName, TableRules>> = {
  sourceTexts: { noun: 'source text', label: (r) => `Text of source ${String(r.sourceId)}` },
  revisions: { noun: 'revision', label: (r) => `Revision ${String(r.id)}` },
};

/** The merge rules of a table (its noun, label, groups, free text). */
export function rulesOf(table: WorkspaceTableName): TableRules {
  return (TABLE_RULES as Partial<Record<WorkspaceTableName, TableRules>>)[table] ?? FALLBACK_RULES[table]!;
}

function joinable(rules: TableRules, field: string, mine: unknown, theirs: unknown): boolean {
  if (Array.isArray(mine) && Array.isArray(theirs)) return true;
  return (rules.freeText ?? []).includes(field) && typeof mine === 'string' && typeof theirs === 'string';
}

export function mergeRecordThreeWay(
  table: WorkspaceTableName,
  base: Row | undefined,
  mine: Row,
  theirs: Row,
): RecordMerge {
  const rules = rulesOf(table);
  // A sync keeps every property in step, those a backup merge keeps from mine included; derived ones are recomputed.
  const syncRules: TableRules = { ...rules, keepMine: [] };
  const merged: Row = { ...mine };
  const taken: string[] = [];
  const conflicts: ConflictField[] = [];
  const rows = base ? [base, mine, theirs] : [mine, theirs];
  for (const field of mergeFields(syncRules, PRIMARY_KEYS[table], rows)) {
    const vm = fieldValue(rules, mine, field);
    const vt = fieldValue(rules, theirs, field);
    if (sameValue(vm, vt)) continue;
    const vb = base ? fieldValue(rules, base, field) : undefined;
    if (base && sameValue(vb, vm)) {
      setField(rules, merged, field, vt);
      taken.push(field);
    } else if (base && sameValue(vb, vt)) {
      continue; // only I changed it
    } else {
      conflicts.push({ field, mine: vm, theirs: vt, canJoin: joinable(rules, field, vm, vt) });
    }
  }
  if (typeof mine.updatedAt === 'string' && typeof theirs.updatedAt === 'string')
    merged.updatedAt = theirs.updatedAt > mine.updatedAt ? theirs.updatedAt : mine.updatedAt;
  rules.derived?.compute(merged);
  return { merged, taken, conflicts };
}

/** A sync conflict in the shape the Mine / Theirs / Both view shows. */
export function syncConflictOf(
  table: WorkspaceTableName,
  key: string,
  mine: Row | undefined,
  theirs: Row | undefined,
  merge: RecordMerge | undefined,
): MergeConflict {
  const rules = rulesOf(table);
  const shown = mine ?? theirs!;
  const base = {
    id: `${table}:${key}`,
    table,
    key,
    label: rules.label(shown),
    noun: rules.noun,
    dependents: [],
  };
  if (!mine) {
    return { ...base, kind: 'deleted-here', fields: [recordField(undefined, theirs)], draft: theirs!, taken: [] };
  }
  if (!theirs) {
    return {
      ...base,
      kind: 'deleted-there',
      fields: [recordField(mine, undefined)],
      before: mine,
      draft: mine,
      taken: [],
    };
  }
  return {
    ...base,
    kind: 'edited-on-both-sides',
    fields: merge!.conflicts,
    before: mine,
    draft: merge!.merged,
    taken: merge!.taken,
  };
}

const recordField = (mine: Row | undefined, theirs: Row | undefined): ConflictField => ({
  field: 'record',
  mine,
  theirs,
  canJoin: false,
});

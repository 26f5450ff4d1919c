import { PRIMARY_KEYS, WORKSPACE_TABLES, type MergeBases, type WorkspaceTableName } from '../workspace-snapshot';
import { baseKey, encodeSide } from './bases';
import { sameValue, stableStringify } from './hash';
import { rewriteReferences, type IdMaps, type Row } from './identity';
import { MERGED_TABLES, setField, TABLE_RULES, TIMESTAMP_FIELDS, type MergedTable } from './tables';
import type {
  Choice,
  MergeConflict,
  MergePlan,
  MergeReport,
  MergeWrites,
  PlannedUpdate,
  Resolutions,
  TableReport,
} from './types';

/** "Both" for free text: mine, a line naming the colleague, theirs. */
export function joinTexts(mine: string, theirs: string, colleague: string): string {
  if (!mine.trim()) return theirs;
  if (!theirs.trim()) return mine;
  return `${mine.trimEnd()}\n\n——— ${colleague} ———\n${theirs.trimStart()}`;
}

/**
 * "Both" for a list: mine in my order, then theirs I do not have. Items with an id (a briefing's key
 * judgments) are the same item when their ids are: mine is kept, never two items under one id.
 */
export function joinLists(mine: readonly unknown[], theirs: readonly unknown[]): unknown[] {
  const identity = (v: unknown): string => {
    const id = typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? `id:${id}` : stableStringify(v);
  };
  const seen = new Set(mine.map(identity));
  return [...mine, ...theirs.filter((v) => !seen.has(identity(v)) && (seen.add(identity(v)), true))];
}

export function joinValues(mine: unknown, theirs: unknown, colleague: string): unknown {
  if (Array.isArray(mine) && Array.isArray(theirs)) return joinLists(mine, theirs);
  if (typeof mine === 'string' && typeof theirs === 'string') return joinTexts(mine, theirs, colleague);
  throw new Error('Only texts and lists can keep both sides.');
}

/** The conflicts still waiting for a choice (a field without one, or "Both" where it is not offered). */
export function unresolvedConflicts(plan: MergePlan, resolutions: Resolutions): MergeConflict[] {
  return plan.conflicts.filter((c) =>
    c.fields.some((f) => {
      const choice = resolutions[c.id]?.[f.field];
      return choice === undefined || (choice === 'both' && !f.canJoin);
    }),
  );
}

/** Resolves every conflict with the same side ("keep mine for all", "take theirs for all"). */
export function resolveAll(plan: MergePlan, choice: 'mine' | 'theirs'): Resolutions {
  return Object.fromEntries(
    plan.conflicts.map((c) => [c.id, Object.fromEntries(c.fields.map((f) => [f.field, choice]))]),
  );
}

const withoutTimestamps = (row: Row): Row =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !(TIMESTAMP_FIELDS as readonly string[]).includes(k)));

/**
 * The records to write once every conflict has a choice: the plan's additions and updates, plus each
 * conflicted record as chosen. References to records that stay deleted here are dropped from what is
 * written (a passage keeps its other tags). Throws if a conflict is left open.
 */
export function resolveMerge(plan: MergePlan, resolutions: Resolutions): MergeWrites {
  const open = unresolvedConflicts(plan, resolutions);
  if (open.length > 0) {
    throw new Error(
      `${open.length} ${open.length === 1 ? 'conflict is' : 'conflicts are'} not settled yet: choose Mine, Theirs or Both for each field, then apply the merge.`,
    );
  }
  const tables = Object.fromEntries(
    WORKSPACE_TABLES.map((t) => [t, { add: [...plan.tables[t].add], update: [...plan.tables[t].update] }]),
  ) as MergeWrites['tables'];
  const counts = structuredClone(plan.report.tables) as Partial<Record<WorkspaceTableName, TableReport>>;
  const bump = (table: WorkspaceTableName, field: 'added' | 'updated') => {
    counts[table] ??= { added: 0, updated: 0, mergedByName: 0, conflicts: 0, keptDeleted: 0, skipped: 0 };
    counts[table][field]++;
  };
  const tally = { mine: 0, theirs: 0, both: 0 };
  const removed = new Set(plan.keptDeleted.map((r) => `${r.table}:${r.key}`));

  for (const conflict of plan.conflicts) {
    const choices = resolutions[conflict.id]!;
    if (conflict.kind === 'deleted-here') {
      const choice = choices.record!;
      tally[choice === 'theirs' ? 'theirs' : 'mine']++;
      if (choice === 'theirs') {
        tables[conflict.table].add.push(conflict.draft);
        bump(conflict.table, 'added');
        for (const d of conflict.dependents) {
          tables[d.table].add.push(d.row);
          bump(d.table, 'added');
        }
      } else {
        removed.add(conflict.id);
        for (const d of conflict.dependents) removed.add(`${d.table}:${String(d.row.id ?? d.row.sourceId)}`);
      }
      continue;
    }
    const rules = TABLE_RULES[conflict.table as MergedTable];
    const after: Row = { ...conflict.draft };
    const fields = [...conflict.taken];
    for (const f of conflict.fields) {
      const choice: Choice = choices[f.field]!;
      tally[choice]++;
      if (choice === 'mine') continue;
      setField(rules, after, f.field, choice === 'theirs' ? f.theirs : joinValues(f.mine, f.theirs, plan.colleague));
      fields.push(f.field);
    }
    rules.derived?.compute(after);
    const before = conflict.before!;
    if (fields.length === 0 && sameValue(withoutTimestamps(after), withoutTimestamps(before))) continue;
    tables[conflict.table].update.push({ key: conflict.key, before, after, fields: fields.sort() });
    bump(conflict.table, 'updated');
  }

  const prune = (table: WorkspaceTableName, row: Row): Row => pruneReferences(table, row, removed);
  for (const table of WORKSPACE_TABLES) {
    tables[table].add = tables[table].add.map((row) => prune(table, row));
    tables[table].update = tables[table].update.map((u): PlannedUpdate => ({ ...u, after: prune(table, u.after) }));
  }
  const report: MergeReport = { colleague: plan.colleague, tables: counts, resolved: tally };
  return { tables, report, nextBases: nextBases(plan, tables, removed) };
}

/** My bases after the merge: for this colleague, their records as seen and mine as now written. */
function nextBases(plan: MergePlan, tables: MergeWrites['tables'], removed: ReadonlySet<string>): MergeBases {
  const canonical: IdMaps = {
    sources: new Map(Object.entries(plan.bases.canonical.sources)),
    tags: new Map(Object.entries(plan.bases.canonical.tags)),
    actors: new Map(Object.entries(plan.bases.canonical.actors)),
  };
  const self = { ...plan.bases.self };
  for (const table of MERGED_TABLES) {
    const rules = TABLE_RULES[table];
    const pk = PRIMARY_KEYS[table];
    const written = [...tables[table].add, ...tables[table].update.map((u) => u.after)];
    for (const row of written) {
      const canon = rewriteReferences(table, row, canonical);
      const bk = baseKey(table, String(canon[pk]));
      if (plan.bases.peer[bk] !== undefined) self[bk] = encodeSide(rules, pk, canon);
    }
  }
  for (const key of removed) {
    const [table, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    delete self[baseKey(table, canonical[table as keyof IdMaps]?.get(id) ?? id)];
  }
  const hashes: Record<string, string> = {};
  for (const [bk, seen] of Object.entries(plan.bases.peer)) {
    const kept = self[bk];
    hashes[bk] = kept === undefined || kept === seen ? seen : `${seen}>${kept}`;
  }
  Object.assign(hashes, plan.bases.same);
  return { ...plan.bases.previous, [plan.theirReplicaId]: { at: plan.bases.at, hashes } };
}

const keepPresent = (ids: unknown, table: string, removed: ReadonlySet<string>): unknown =>
  Array.isArray(ids) ? ids.filter((id) => !removed.has(`${table}:${String(id)}`)) : ids;

/** Drops references to records that stay deleted here (a tag, an actor, a threat). */
function pruneReferences(table: WorkspaceTableName, row: Row, removed: ReadonlySet<string>): Row {
  if (removed.size === 0) return row;
  switch (table) {
    case 'annotations':
      return {
        ...row,
        tagIds: keepPresent(row.tagIds, 'tags', removed),
        actorIds: keepPresent(row.actorIds, 'actors', removed),
        threatIds: keepPresent(row.threatIds, 'threats', removed),
      };
    case 'threats':
      return { ...row, actorIds: keepPresent(row.actorIds, 'actors', removed) };
    case 'tags':
      return removed.has(`tags:${String(row.parentId)}`) ? { ...row, parentId: null } : row;
    default:
      return row;
  }
}

import {
  PRIMARY_KEYS,
  WORKSPACE_TABLES,
  type MergeBases,
  type WorkspaceSnapshot,
  type WorkspaceTableName,
} from '../workspace-snapshot';
import { reanchorToMyText } from './anchors';
import {
  baseKey,
  chooseBase,
  decodeBase,
  encodeBase,
  encodeSide,
  fieldHash,
  rememberedPairs,
  sameKey,
  type BaseRecord,
} from './bases';
import { recordHash, sameValue, stableStringify } from './hash';
import {
  canonicalMaps,
  emptyIdMaps,
  findSameRecords,
  MAPPED_TABLES,
  nameKey,
  rewriteReferences,
  type IdMaps,
  type Row,
} from './identity';
import {
  fieldValue,
  KEEP_MINE_META,
  MERGED_TABLES,
  mergeFields,
  NEVER_MERGED_META,
  setField,
  TABLE_RULES,
  type MergedTable,
  type TableRules,
} from './tables';
import type { ConflictField, MergeConflict, MergePlan, TablePlan, TableReport } from './types';

/**
 * Offline merge of a colleague's workspace into mine, by stable ids. Pure and deterministic: the same
 * two snapshots and options give the same plan.
 *
 * Per record: new ones are added; a record equal on both sides is left alone; with a base (what the
 * two workspaces last agreed on, see bases.ts), a record unchanged on one side takes the other side's
 * version; otherwise each differing field is taken from the side that changed it — known from the
 * base's field hashes, or, without a base, from the revisions (a value one side has since moved on
 * from) — and a field changed differently on both sides is a conflict for the analyst. A record I
 * deleted is not brought back unless they changed it since (then that is a conflict too). Tags and
 * actors of the same name, and sources of the same file, are one record (identity.ts); their passages
 * keep their anchors, re-anchored only where my text of the source differs (anchors.ts).
 */
export interface MergeOptions {
  /** When the merge is made (ISO 8601): stamped on the new bases. */
  at: string;
  /** How the colleague is named in the report and in joined texts. */
  colleague?: string;
  /**
   * Texts by SHA-256, for `sourceTexts` records that name their text in a store rather than hold it: at
   * least those whose digest only one side has (a text both sides name alike needs no re-anchoring).
   */
  texts?: ReadonlyMap<string, string>;
}

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);
const rowsOf = (snapshot: WorkspaceSnapshot, table: WorkspaceTableName): Row[] =>
  (snapshot.tables[table] ?? []).filter(isRow);
const keyOf = (table: WorkspaceTableName, row: Row): string => String(row[PRIMARY_KEYS[table]]);

function emptyReport(): TableReport {
  return { added: 0, updated: 0, mergedByName: 0, conflicts: 0, keptDeleted: 0, skipped: 0 };
}

/** Former values of each field, from revisions: `${entity}|${id}|${field}` → stable JSON of each `before`. */
function formerValues(revisions: readonly Row[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of revisions) {
    const key = `${String(r.entity)}|${String(r.entityId)}|${String(r.field)}`;
    if (!out.has(key)) out.set(key, new Set());
    out.get(key)!.add(stableStringify(r.before));
  }
  return out;
}

interface RecordContext {
  table: MergedTable;
  rules: TableRules;
  key: string;
  base: BaseRecord | undefined;
  formerMine: Map<string, Set<string>>;
  formerTheirs: Map<string, Set<string>>;
  canon: (row: Row) => Row;
  /** May their value of this field be taken? (A tag's new name must not be another tag's.) */
  allowed: (field: string, value: unknown) => boolean;
}

interface RecordMerge {
  after: Row;
  taken: string[];
  conflicts: ConflictField[];
}

function joinable(rules: TableRules, field: string, mine: unknown, theirs: unknown): boolean {
  if (Array.isArray(mine) && Array.isArray(theirs)) return true;
  return (rules.freeText ?? []).includes(field) && typeof mine === 'string' && typeof theirs === 'string';
}

function later(a: unknown, b: unknown): unknown {
  return typeof a === 'string' && typeof b === 'string' ? (b > a ? b : a) : (a ?? b);
}

/** Field-level three-way merge of one record both sides have. `theirsAsIs` is before any re-anchoring. */
function mergeRecord(ctx: RecordContext, mine: Row, theirs: Row, theirsAsIs: Row): RecordMerge | null {
  if (sameValue(mine, theirs)) return null;
  const { rules, base } = ctx;
  const canonMine = ctx.canon(mine);
  const canonTheirs = ctx.canon(theirsAsIs);
  const mineUnchanged = base !== undefined && recordHash(canonMine) === base.mine.hash;
  const theirsUnchanged = base !== undefined && recordHash(canonTheirs) === base.theirs.hash;
  if (theirsUnchanged && !(mineUnchanged && base.written === 'theirs')) return null; // only I changed it
  const onlyTheirs = mineUnchanged;
  const after: Row = { ...mine };
  const taken: string[] = [];
  const conflicts: ConflictField[] = [];
  for (const field of mergeFields(rules, PRIMARY_KEYS[ctx.table], [mine, theirs])) {
    const vm = fieldValue(rules, mine, field);
    const vt = fieldValue(rules, theirs, field);
    if (sameValue(vm, vt)) continue;
    let choice: 'mine' | 'theirs' | 'conflict' = 'conflict';
    const myBase = base?.mine.fields.get(field);
    const theirBase = base?.theirs.fields.get(field);
    const mineKept = myBase !== undefined && fieldHash(fieldValue(rules, canonMine, field)) === myBase;
    const theirsKept = theirBase !== undefined && fieldHash(fieldValue(rules, canonTheirs, field)) === theirBase;
    if (onlyTheirs) choice = 'theirs';
    else if (theirsKept && !(mineKept && base?.written === 'theirs')) choice = 'mine';
    else if (mineKept) choice = 'theirs';
    else if (rules.entity) {
      const revisionKey = `${rules.entity}|${ctx.key}|${field}`;
      // I moved on from their value: mine is newer. They moved on from mine: theirs is newer.
      if (ctx.formerMine.get(revisionKey)?.has(stableStringify(vt))) choice = 'mine';
      else if (ctx.formerTheirs.get(revisionKey)?.has(stableStringify(vm))) choice = 'theirs';
    }
    if (choice !== 'mine' && !ctx.allowed(field, vt)) choice = 'mine';
    if (choice === 'theirs') {
      setField(rules, after, field, vt);
      taken.push(field);
    } else if (choice === 'conflict') {
      conflicts.push({ field, mine: vm, theirs: vt, canJoin: joinable(rules, field, vm, vt) });
    }
  }
  if (taken.length === 0 && conflicts.length === 0) return null;
  if ('updatedAt' in mine) after.updatedAt = later(mine.updatedAt, theirs.updatedAt);
  rules.derived?.compute(after);
  return { after, taken, conflicts };
}

export function planMerge(mine: WorkspaceSnapshot, theirs: WorkspaceSnapshot, options: MergeOptions): MergePlan {
  const colleague = options.colleague?.trim() || `colleague ${theirs.replicaId.slice(0, 8)}`;
  const bases = chooseBase(mine.mergeBases, theirs.mergeBases, mine.replicaId, theirs.replicaId);
  const remembered = rememberedPairs(mine.mergeBases, theirs.mergeBases, mine.replicaId, theirs.replicaId);

  const maps: IdMaps = emptyIdMaps();
  for (const table of MAPPED_TABLES)
    maps[table] = findSameRecords(table, rowsOf(mine, table), rowsOf(theirs, table), remembered[table]);
  const canonical = canonicalMaps(maps);
  const toCanon = (table: WorkspaceTableName) => (row: Row) => rewriteReferences(table, row, canonical);

  // Their records in my id space: as they are (for bases) and with passages re-anchored to my texts.
  const asIs = Object.fromEntries(
    WORKSPACE_TABLES.map((t) => [t, rowsOf(theirs, t).map((r) => rewriteReferences(t, r, maps))]),
  ) as Record<WorkspaceTableName, Row[]>;
  // A text is compared by what names it: the text itself, or its digest when it is stored (a record
  // holding a text holds its own, as StoredSourceText's rule says).
  const digestOf = (r: Row): string | undefined =>
    typeof r.text !== 'string' && typeof r.sha256 === 'string' ? r.sha256 : undefined;
  const textOf = (r: Row): string | undefined => {
    const digest = digestOf(r);
    return digest === undefined ? (typeof r.text === 'string' ? r.text : undefined) : options.texts?.get(digest);
  };
  const myDigests = new Map(rowsOf(mine, 'sourceTexts').map((r) => [String(r.sourceId), digestOf(r)]));
  // Their text of a source is needed only where it differs from mine: the same digest needs no re-anchoring.
  const theirsDiffer = (r: Row) => digestOf(r) === undefined || myDigests.get(String(r.sourceId)) !== digestOf(r);
  const textsBySource = (rows: readonly Row[]) => {
    const texts = new Map<string, string>();
    for (const r of rows) {
      const text = textOf(r);
      if (text !== undefined) texts.set(String(r.sourceId), text);
    }
    return texts;
  };
  const myTexts = textsBySource(rowsOf(mine, 'sourceTexts'));
  const theirTexts = textsBySource(asIs.sourceTexts.filter(theirsDiffer));
  const adjusted: Record<WorkspaceTableName, Row[]> = {
    ...asIs,
    annotations: reanchorToMyText(asIs.annotations, myTexts, theirTexts),
  };

  // Their records by key; where several of theirs became one of mine, the one with my id (or else the
  // smallest id) leads, whatever order the backup lists them in.
  const visitOrder = (table: WorkspaceTableName) => {
    const originalIds = rowsOf(theirs, table).map((r) => keyOf(table, r));
    return asIs[table]
      .map((row, i) => ({ key: keyOf(table, row), original: originalIds[i]!, i }))
      .sort(
        (a, b) =>
          a.key.localeCompare(b.key) ||
          Number(b.original === b.key) - Number(a.original === a.key) ||
          a.original.localeCompare(b.original),
      );
  };
  const formerMine = formerValues(rowsOf(mine, 'revisions'));
  const formerTheirs = formerValues(asIs.revisions);
  const tables = Object.fromEntries(
    WORKSPACE_TABLES.map((t): [string, TablePlan] => [t, { add: [], update: [] }]),
  ) as Record<WorkspaceTableName, TablePlan>;
  const counts = Object.fromEntries(WORKSPACE_TABLES.map((t) => [t, emptyReport()])) as Record<
    WorkspaceTableName,
    TableReport
  >;
  const conflicts: MergeConflict[] = [];
  const keptDeleted: MergePlan['keptDeleted'] = [];
  const present = Object.fromEntries(
    WORKSPACE_TABLES.map((t) => [t, new Set(rowsOf(mine, t).map((r) => keyOf(t, r)))]),
  ) as Record<WorkspaceTableName, Set<string>>;
  /** Records waiting on a "deleted here" conflict, by `${table}:${key}`. */
  const pending = new Map<string, MergeConflict>();
  // Tag names stay unique: name key → tag id, as the merge will leave them.
  const tagNames = new Map(rowsOf(mine, 'tags').map((t) => [nameKey(t.name), String(t.id)]));
  // And the codebook stays a tree: tag id → parent id, as the merge will leave them.
  const tagParents = new Map(
    [...rowsOf(mine, 'tags'), ...asIs.tags].map((t) => [String(t.id), t.parentId ? String(t.parentId) : null]),
  );
  for (const t of rowsOf(mine, 'tags')) tagParents.set(String(t.id), t.parentId ? String(t.parentId) : null);
  const wouldLoop = (tagId: string, parentId: unknown): boolean => {
    for (
      let cursor = typeof parentId === 'string' ? parentId : null, steps = 0;
      cursor !== null && steps <= tagParents.size;
      steps++
    ) {
      if (cursor === tagId) return true;
      cursor = tagParents.get(cursor) ?? null;
    }
    return false;
  };
  const threatTitles = new Map(
    [...adjusted.threats, ...rowsOf(mine, 'threats')].map((t) => [String(t.id), TABLE_RULES.threats.label(t)]),
  );

  for (const table of MERGED_TABLES) {
    const rules = TABLE_RULES[table];
    const myRows = new Map(rowsOf(mine, table).map((r) => [keyOf(table, r), r]));
    const order = visitOrder(table);
    const seen = new Set<string>();
    for (const { key, original, i } of order) {
      const report = counts[table];
      if (original !== key) report.mergedByName++;
      if (seen.has(key)) continue;
      seen.add(key);
      if (table === 'meta' && NEVER_MERGED_META.includes(key)) continue;
      const theirRow = adjusted[table][i]!;
      const theirRowAsIs = asIs[table][i]!;
      const myRow = myRows.get(key);
      const canon = toCanon(table);
      if (!myRow && rules.parent) {
        const parentKey = String(theirRow[rules.parent.field]);
        if (!present[rules.parent.table].has(parentKey)) {
          const waitsOn = pending.get(`${rules.parent.table}:${parentKey}`);
          if (waitsOn) {
            waitsOn.dependents.push({ table, row: theirRow });
            pending.set(`${table}:${key}`, waitsOn);
          } else report.skipped++;
          continue;
        }
      }
      const encoded = bases?.entry.hashes[baseKey(table, keyOf(table, canon(theirRowAsIs)))];
      const base = encoded === undefined ? undefined : decodeBase(encoded, bases!.written);
      if (!myRow) {
        if (base && recordHash(canon(theirRowAsIs)) === base.theirs.hash) {
          report.keptDeleted++;
          keptDeleted.push({ table, key });
          continue;
        }
        if (base) {
          const conflict: MergeConflict = {
            id: `${table}:${key}`,
            table,
            key,
            label: labelOf(table, theirRow, threatTitles),
            noun: rules.noun,
            kind: 'deleted-here',
            fields: [{ field: 'record', mine: null, theirs: theirRow, canJoin: false }],
            draft: theirRow,
            dependents: [],
            taken: [],
          };
          conflicts.push(conflict);
          pending.set(conflict.id, conflict);
          report.conflicts++;
          continue;
        }
        tables[table].add.push(theirRow);
        present[table].add(key);
        if (table === 'tags') tagNames.set(nameKey(theirRow.name), key);
        report.added++;
        continue;
      }
      if (table === 'meta' && KEEP_MINE_META.includes(key)) continue;
      const merged = mergeRecord(
        {
          table,
          rules,
          key,
          base,
          formerMine,
          formerTheirs,
          canon,
          allowed: (field, value) => {
            if (table !== 'tags') return true;
            if (field === 'name') return (tagNames.get(nameKey(value)) ?? key) === key;
            return field !== 'parentId' || !wouldLoop(key, value);
          },
        },
        myRow,
        theirRow,
        theirRowAsIs,
      );
      if (!merged) continue;
      if (table === 'tags' && merged.taken.includes('name')) {
        tagNames.delete(nameKey(myRow.name));
        tagNames.set(nameKey(merged.after.name), key);
      }
      if (table === 'tags' && merged.taken.includes('parentId'))
        tagParents.set(key, merged.after.parentId ? String(merged.after.parentId) : null);
      if (merged.conflicts.length > 0) {
        conflicts.push({
          id: `${table}:${key}`,
          table,
          key,
          label: labelOf(table, myRow, threatTitles),
          noun: rules.noun,
          kind: 'edited-on-both-sides',
          fields: merged.conflicts,
          before: myRow,
          draft: merged.after,
          dependents: [],
          taken: merged.taken,
        });
        report.conflicts++;
      } else {
        tables[table].update.push({ key, before: myRow, after: merged.after, fields: merged.taken });
        report.updated++;
      }
    }
  }

  // A new source brings its text; a source waiting on a conflict brings it if it is restored.
  for (const row of adjusted.sourceTexts) {
    const key = String(row.sourceId);
    if (present.sourceTexts.has(key)) continue;
    if (tables.sources.add.some((s) => s.id === key)) {
      tables.sourceTexts.add.push(row);
      counts.sourceTexts.added++;
    } else pending.get(`sources:${key}`)?.dependents.push({ table: 'sourceTexts', row });
  }
  // Revisions are history: every one either side recorded is kept, once.
  for (const row of adjusted.revisions) {
    if (present.revisions.has(keyOf('revisions', row))) continue;
    present.revisions.add(keyOf('revisions', row));
    tables.revisions.add.push(row);
    counts.revisions.added++;
  }

  // What the next merge with them will start from: their records as seen now, and mine as the merge
  // leaves them (the records it writes are encoded again once the conflicts are settled).
  const peer: Record<string, string> = {};
  const self: Record<string, string> = {};
  for (const table of MERGED_TABLES) {
    const myRows = new Map(rowsOf(mine, table).map((r) => [keyOf(table, r), r]));
    for (const { key, i } of visitOrder(table)) {
      const row = asIs[table][i]!;
      if (table === 'meta' && NEVER_MERGED_META.includes(key)) continue;
      const bk = baseKey(table, keyOf(table, toCanon(table)(row)));
      if (peer[bk] !== undefined) continue;
      peer[bk] = encodeSide(TABLE_RULES[table], PRIMARY_KEYS[table], toCanon(table)(row));
      const myRow = myRows.get(key);
      if (myRow) self[bk] = encodeSide(TABLE_RULES[table], PRIMARY_KEYS[table], toCanon(table)(myRow));
    }
  }
  const same: Record<string, string> = {};
  for (const table of MAPPED_TABLES)
    for (const [theirId, myId] of [...maps[table]].sort(([a], [b]) => a.localeCompare(b)))
      same[sameKey(table, theirId)] = myId;

  const reported = Object.fromEntries(Object.entries(counts).filter(([, r]) => Object.values(r).some((n) => n > 0)));
  return {
    myReplicaId: mine.replicaId,
    theirReplicaId: theirs.replicaId,
    colleague,
    tables,
    conflicts,
    keptDeleted,
    report: { colleague, tables: reported },
    bases: {
      at: options.at,
      previous: mine.mergeBases,
      peer,
      self,
      same,
      canonical: Object.fromEntries(
        MAPPED_TABLES.map((t) => [t, Object.fromEntries(canonical[t])]),
      ) as MergePlan['bases']['canonical'],
    },
  };
}

/** A record's human name; a country override is named by its threat too. */
function labelOf(table: MergedTable, row: Row, threatTitles: ReadonlyMap<string, string>): string {
  const label = TABLE_RULES[table].label(row);
  const threat = table === 'exposureOverrides' ? threatTitles.get(String(row.threatId)) : undefined;
  return threat ? `${label}: ${threat}` : label;
}

/**
 * The base to keep after restoring a colleague's backup (or my own from another machine): every record
 * as restored, so the next merge with that workspace knows what both sides started from.
 */
export function baseAfterRestore(snapshot: WorkspaceSnapshot, at: string): MergeBases[string] {
  const hashes: Record<string, string> = {};
  for (const table of MERGED_TABLES) {
    for (const row of rowsOf(snapshot, table)) {
      const key = keyOf(table, row);
      if (table === 'meta' && NEVER_MERGED_META.includes(key)) continue;
      hashes[baseKey(table, key)] = encodeBase(TABLE_RULES[table], PRIMARY_KEYS[table], row, row);
    }
  }
  return { at, hashes };
}

import type { Row, Table } from '@tanstack/react-table';
import { changeOf } from '../../db/list-change';
import type { ThreatRow } from './columns';

/** More changed rows than this in one update (an import, a bulk undo) are cheaper to rebuild than to patch. */
const MAX_PATCHED_ROWS = 64;

/** What the table's row models depend on: the columns whose values decide order, membership and groups. */
export interface RowModelInputs {
  sorting: readonly { id: string }[];
  columnFilters: readonly { id: string }[];
  globalFilter: string;
  grouping: readonly string[];
}

function structuralColumns(inputs: RowModelInputs, allColumnIds: readonly string[]): string[] {
  // The global filter looks at every column, so then every column's value matters.
  if (inputs.globalFilter.trim()) return [...allColumnIds];
  return [
    ...new Set([...inputs.sorting.map((s) => s.id), ...inputs.columnFilters.map((f) => f.id), ...inputs.grouping]),
  ];
}

/**
 * Keeps the array TanStack Table is given the same array when only a few rows changed in ways that
 * cannot move them: each changed row's Row object gets its new `original` (and forgets its cached
 * values), and no row model is recomputed. TanStack rebuilds every row model whenever its data array
 * changes — on a 10,000-row register that is 10,000 Row objects, a full sort and a full filter for one
 * cell edit. A change that touches a sorted, filtered or grouped column, or adds, removes or reorders
 * rows, gives TanStack a new array as before.
 */
export class StableRows {
  private source: readonly ThreatRow[] | null = null;
  private data: ThreatRow[] = [];
  private table: Table<ThreatRow> | null = null;

  /** The table built from the arrays this answers; its Row objects are the ones a patch updates. */
  attach(table: Table<ThreatRow>): void {
    this.table = table;
  }

  /** The array for TanStack: a copy of `rows`, or the previous array patched to hold `rows`' objects. */
  reconcile(rows: readonly ThreatRow[], inputs: RowModelInputs): ThreatRow[] {
    const table = this.table;
    const previous = this.source;
    this.source = rows;
    if (previous === rows) return this.data;
    const changed = table && previous ? changedIndexes(previous, rows) : null;
    if (!table || !changed || changed.length > MAX_PATCHED_ROWS || !this.canPatch(table, changed, rows, inputs)) {
      this.data = [...rows];
      return this.data;
    }
    const next = new Map<string, ThreatRow>();
    for (const index of changed) {
      this.data[index] = rows[index]!;
      next.set(rows[index]!.id, rows[index]!);
    }
    // Each row model holds its own Row objects for a threat (the sorted one shallow copies, sharing the
    // value caches), so every one of them gets the new threat and forgets the cached values in place.
    const models = [
      table.getCoreRowModel(),
      table.getFilteredRowModel(),
      table.getGroupedRowModel(),
      table.getSortedRowModel(),
      table.getRowModel(),
    ];
    const patch = (row: PatchableRow, threat: ThreatRow) => {
      row.original = threat;
      for (const key of Object.keys(row._valuesCache)) delete row._valuesCache[key];
      for (const key of Object.keys(row._uniqueValuesCache)) delete row._uniqueValuesCache[key];
    };
    const core = models[0]!.rowsById;
    if (models.every((model) => sharesCoreRows(model.rows, core))) {
      // The register's own row models (row-order.ts) answer the core model's Row objects: one each to patch.
      for (const [id, threat] of next) patch(core[id] as PatchableRow, threat);
      return this.data;
    }
    for (const model of models) {
      for (const row of model.flatRows as PatchableRow[]) {
        const threat = next.get(row.id);
        if (!threat || row.getIsGrouped()) continue;
        patch(row, threat);
      }
    }
    return this.data;
  }

  private canPatch(
    table: Table<ThreatRow>,
    changed: readonly number[],
    rows: readonly ThreatRow[],
    inputs: RowModelInputs,
  ): boolean {
    // The table must still be built from our array (not from a newer one) for its Row objects to be ours.
    if (table.options.data !== this.data) return false;
    const ids = structuralColumns(
      inputs,
      table.getAllLeafColumns().map((c) => c.id),
    );
    const accessors = ids.map((id) => table.getColumn(id)?.accessorFn);
    const core = table.getCoreRowModel().rowsById;
    return changed.every((index) => {
      const next = rows[index]!;
      const row = core[next.id];
      if (!row) return false;
      return accessors.every(
        (accessor) => accessor !== undefined && Object.is(accessor(row.original, row.index), accessor(next, row.index)),
      );
    });
  }
}

type PatchableRow = Row<ThreatRow> & {
  _valuesCache: Record<string, unknown>;
  _uniqueValuesCache: Record<string, unknown>;
};

/** Whether a model's rows are the core model's own Row objects (no copies: row-order.ts, no grouping). */
function sharesCoreRows(rows: readonly Row<ThreatRow>[], core: Record<string, Row<ThreatRow>>): boolean {
  return rows.length === 0 || (rows[0] === core[rows[0]!.id] && rows.at(-1) === core[rows.at(-1)!.id]);
}

/** Positions whose object changed, or null when rows were added, removed or moved. */
function changedIndexes(previous: readonly ThreatRow[], rows: readonly ThreatRow[]): readonly number[] | null {
  // An edit's rows say which positions it replaced (grid-rows.ts): no need to compare 10,000 of them.
  const change = changeOf(rows);
  if (change?.previous === previous) return change.positions;
  if (previous.length !== rows.length) return null;
  const changed: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (previous[i] === rows[i]) continue;
    if (previous[i]!.id !== rows[i]!.id) return null;
    changed.push(i);
  }
  return changed;
}

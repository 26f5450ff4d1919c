import {
  getFilteredRowModel,
  getMemoOptions,
  getSortedRowModel,
  memo,
  type Column,
  type Row,
  type RowModel,
  type Table,
} from '@tanstack/react-table';
import {
  compareKeys,
  compileFilter,
  isNaturalSort,
  smartFilter,
  textSortKey,
  type ColumnMeta,
  type CompiledFilter,
  type SortKey,
  type ThreatRow,
} from './columns';

/** What sorting and filtering read of one cell, worked out once for each version of a row's threat. */
interface CellKey {
  value: unknown;
  /** Lower-cased text, for the filters' "words match anywhere". */
  lower?: string;
  /** Natural-order key, for sorting a text column. */
  sort?: SortKey;
}

/**
 * The cells' keys, per column definition and per threat object. Keyed by the threat, not by the row:
 * an edit that patches a row in place (stable-rows.ts) gives it a new threat, whose keys are then
 * worked out afresh, while every other row keeps its keys across sorts and filters. Keyed by the column
 * definition too, since the columns are rebuilt when a text they show changes (an actor renamed).
 */
class CellKeys {
  private readonly byColumn = new WeakMap<object, WeakMap<object, CellKey>>();

  of(column: Column<ThreatRow>, row: Row<ThreatRow>): CellKey {
    let cells = this.byColumn.get(column.columnDef);
    if (!cells) this.byColumn.set(column.columnDef, (cells = new WeakMap()));
    let cell = cells.get(row.original);
    if (!cell) cells.set(row.original, (cell = { value: row.getValue(column.id) }));
    return cell;
  }
}

function matches(cell: CellKey, filter: CompiledFilter): boolean {
  if (typeof cell.value === 'number' && filter.number) return filter.number(cell.value);
  cell.lower ??= String(cell.value ?? '').toLocaleLowerCase();
  return cell.lower.includes(filter.text);
}

/**
 * The register's rows in one column's order, as a typed array of ranks: numbers as they are, text as
 * its place among the column's distinct values in natural order (so a column of a few categories sorts
 * a few values, not 10,000). Null when the column sorts in a way this does not know.
 */
function ranksOf(column: Column<ThreatRow>, rows: readonly Row<ThreatRow>[], keys: CellKeys): Float64Array | null {
  const ranks = new Float64Array(rows.length);
  if ((column.columnDef.meta as ColumnMeta | undefined)?.numeric) {
    for (let i = 0; i < rows.length; i++) {
      const value = keys.of(column, rows[i]!).value;
      // TanStack's basic order for numbers; anything else (undefined, NaN) is left to TanStack.
      if (typeof value !== 'number' || Number.isNaN(value)) return null;
      ranks[i] = value;
    }
    return ranks;
  }
  if (!isNaturalSort(column.columnDef.sortingFn)) return null;
  const distinct = new Map<string, SortKey>();
  const cells: CellKey[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const cell = keys.of(column, rows[i]!);
    if (cell.value === undefined) return null;
    cell.sort ??= textSortKey(cell.value);
    cells[i] = cell;
    const text = String(cell.value ?? '');
    if (!distinct.has(text)) distinct.set(text, cell.sort);
  }
  const ordered = [...distinct.entries()].sort((a, b) => compareKeys(a[1], b[1]));
  const rankOf = new Map<SortKey, number>();
  let rank = 0;
  ordered.forEach(([, key], i) => {
    // Values the order cannot tell apart ("Kosovo", "kosovo") share a rank and keep their stored order.
    if (i > 0 && compareKeys(ordered[i - 1]![1], key) !== 0) rank++;
    rankOf.set(key, rank);
  });
  for (let i = 0; i < rows.length; i++) {
    const cell = cells[i]!;
    ranks[i] = rankOf.get(distinct.get(String(cell.value ?? ''))!)!;
  }
  return ranks;
}

/**
 * TanStack's sorted row model, for the register: the same order (each sorted column in turn, ties in
 * stored order), computed from each column's ranks in a typed array, and answered with the very Row
 * objects it was given — TanStack copies every row (each with dozens of fields) and calls the column's
 * sorting function some 140,000 times for 10,000 rows. Grouped rows and unknown sort functions go to
 * TanStack's own.
 */
export function registerSortedRowModel(): (table: Table<ThreatRow>) => () => RowModel<ThreatRow> {
  const keys = new CellKeys();
  return (table) => {
    const general = getSortedRowModel<ThreatRow>()(table);
    return memo(
      () => [table.getState().sorting, table.getPreSortedRowModel()],
      (sorting, rowModel) => {
        if (!rowModel.rows.length || !sorting?.length) return rowModel;
        const rows = rowModel.rows;
        if (rows.some((row) => row.subRows.length > 0)) return general();
        const ranked: { ranks: Float64Array; sign: number }[] = [];
        for (const sort of sorting) {
          const column = table.getColumn(sort.id);
          if (!column?.getCanSort()) continue;
          // (TanStack's `sortUndefined` needs nothing here: a value that is undefined leaves the order to TanStack.)
          if (column.columnDef.invertSorting) return general();
          const ranks = ranksOf(column, rows, keys);
          if (!ranks) return general();
          ranked.push({ ranks, sign: sort.desc ? -1 : 1 });
        }
        const stored = Int32Array.from(rows, (row) => row.index);
        const order = Uint32Array.from(rows, (_, i) => i).sort((a, b) => {
          for (const { ranks, sign } of ranked) {
            const difference = ranks[a]! - ranks[b]!;
            if (difference !== 0) return difference > 0 ? sign : -sign;
          }
          return stored[a]! - stored[b]!;
        });
        const sorted = Array.from(order, (i) => rows[i]!);
        return { rows: sorted, flatRows: sorted, rowsById: rowModel.rowsById };
      },
      getMemoOptions(table.options, 'debugTable', 'registerSortedRowModel'),
    );
  };
}

/**
 * TanStack's filtered row model, for the register's smart filters (columns.ts smartFilter): the same
 * rows pass, each cell's lower-cased text worked out once per version of its row instead of on every
 * keystroke (a global filter tests up to 170,000 cells on 10,000 rows). Other filter functions go to
 * TanStack's own.
 */
export function registerFilteredRowModel(): (table: Table<ThreatRow>) => () => RowModel<ThreatRow> {
  const keys = new CellKeys();
  return (table) => {
    const general = getFilteredRowModel<ThreatRow>()(table);
    return memo(
      () => [table.getPreFilteredRowModel(), table.getState().columnFilters, table.getState().globalFilter],
      (rowModel, columnFilters, globalFilter: unknown) => {
        if (!rowModel.rows.length || (!columnFilters?.length && !globalFilter)) return rowModel;
        const tests: { column: Column<ThreatRow>; filter: CompiledFilter }[] = [];
        for (const { id, value } of columnFilters ?? []) {
          const column = table.getColumn(id);
          if (!column) continue;
          if (column.getFilterFn() !== smartFilter) return general();
          const filter = compileFilter(value);
          if (filter.text) tests.push({ column, filter });
        }
        const global = globalFilter ? compileFilter(globalFilter) : null;
        const globalColumns = global?.text ? table.getAllLeafColumns().filter((c) => c.getCanGlobalFilter()) : [];
        if (globalColumns.length && table.getGlobalFilterFn() !== smartFilter) return general();
        if (rowModel.rows.some((row) => row.subRows.length > 0)) return general();
        const rows: Row<ThreatRow>[] = [];
        const rowsById: Record<string, Row<ThreatRow>> = {};
        for (const row of rowModel.rows) {
          if (!tests.every(({ column, filter }) => matches(keys.of(column, row), filter))) continue;
          if (globalColumns.length && !globalColumns.some((column) => matches(keys.of(column, row), global!))) continue;
          rows.push(row);
          rowsById[row.id] = row;
        }
        return { rows, flatRows: rows, rowsById };
      },
      getMemoOptions(table.options, 'debugTable', 'registerFilteredRowModel'),
    );
  };
}

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
import { denseRanks, orderByRanks, type RankedSort, type Ranks } from './rank-order';

/**
 * What sorting and filtering work out once per row, kept in the row's own value cache (TanStack's
 * `_valuesCache`, beside the values it caches): a patched row (stable-rows.ts) has that cache emptied
 * with its new threat, and a rebuilt row starts with an empty one, so a key never outlives its value.
 * Each key also names the columns it came from: the columns are rebuilt when a text they show changes
 * (an actor renamed) while the rows stay. Kept on the rows, not in WeakMaps: 170,000 weak entries for
 * one global filter kept the garbage collector busy longer than the filter itself.
 */
type KeyedRow = Row<ThreatRow> & { _valuesCache: Record<string, unknown> };

interface Kept<T> {
  from: object;
  key: T;
}

function kept<T>(row: Row<ThreatRow>, name: string, from: object, work: () => T): T {
  const cache = (row as KeyedRow)._valuesCache;
  const known = cache[name] as Kept<T> | undefined;
  if (known?.from === from) return known.key;
  const key = work();
  cache[name] = { from, key } satisfies Kept<T>;
  return key;
}

const lowerText = (value: unknown) => String(value ?? '').toLocaleLowerCase();

/** A cell's lower-cased text, for the filters' "words match anywhere". */
const lowerOf = (column: Column<ThreatRow>, row: Row<ThreatRow>) =>
  kept(row, `\u0001lower:${column.id}`, column.columnDef, () => lowerText(row.getValue(column.id)));

/** Cells of one row joined for a global filter; the joint is a character no one types into a filter. */
const JOINT = '\u0001';
const haystackOf = (columns: readonly Column<ThreatRow>[], row: Row<ThreatRow>) =>
  kept(row, '\u0001haystack', columns, () => columns.map((c) => lowerText(row.getValue(c.id))).join(JOINT));

function matches(column: Column<ThreatRow>, row: Row<ThreatRow>, filter: CompiledFilter): boolean {
  const value = row.getValue(column.id);
  if (typeof value === 'number' && filter.number) return filter.number(value);
  return lowerOf(column, row).includes(filter.text);
}

/**
 * One column's values over the rows as dense ranks (rank-order.ts): numbers as they are, text as its
 * place among the column's distinct values in natural order (so a column of a few categories sorts a few
 * values, not 10,000). Null when the column sorts in a way this does not know. Kept for the next sort of
 * the same rows (sorting back and forth, or by another column and back) while every row still holds the
 * threat it was ranked from: an edit patches a row's threat in place (stable-rows.ts).
 */
function ranksOf(column: Column<ThreatRow>, rows: readonly Row<ThreatRow>[]): Ranks | null {
  let byColumn = rankedRows.get(rows);
  if (!byColumn) rankedRows.set(rows, (byColumn = new Map()));
  const known = byColumn.get(column.id);
  if (known && known.from === column.columnDef && sameOriginals(rows, known.originals)) return known.ranks;
  const ranks = rank(column, rows);
  if (ranks) byColumn.set(column.id, { from: column.columnDef, originals: rows.map((row) => row.original), ranks });
  return ranks;
}

interface KeptRanks {
  from: object;
  originals: readonly ThreatRow[];
  ranks: Ranks;
}
function sameOriginals(rows: readonly Row<ThreatRow>[], originals: readonly ThreatRow[]): boolean {
  for (let i = 0; i < rows.length; i++) if (rows[i]!.original !== originals[i]) return false;
  return true;
}

const rankedRows = new WeakMap<readonly Row<ThreatRow>[], Map<string, KeptRanks>>();

const byNumber = (a: number, b: number) => a - b;

function rank(column: Column<ThreatRow>, rows: readonly Row<ThreatRow>[]): Ranks | null {
  if ((column.columnDef.meta as ColumnMeta | undefined)?.numeric) {
    const values = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const value = rows[i]!.getValue(column.id);
      // TanStack's basic order for numbers; anything else (undefined, NaN) is left to TanStack.
      if (typeof value !== 'number' || Number.isNaN(value)) return null;
      values[i] = value;
    }
    return denseRanks(values, byNumber);
  }
  if (!isNaturalSort(column.columnDef.sortingFn)) return null;
  const keyOf = new Map<string, SortKey>();
  const texts: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const value = row.getValue(column.id);
    if (value === undefined) return null;
    const text = (texts[i] = String(value));
    if (!keyOf.has(text))
      keyOf.set(
        text,
        kept(row, `\u0001sort:${column.id}`, column.columnDef, () => textSortKey(value)),
      );
  }
  // Values the order cannot tell apart ("Kosovo", "kosovo") share a rank and keep their stored order.
  return denseRanks(texts, (a, b) => compareKeys(keyOf.get(a)!, keyOf.get(b)!));
}

/**
 * TanStack's sorted row model, for the register: the same order (each sorted column in turn, ties in
 * stored order), computed from each column's ranks by counting sorts over typed arrays, and answered
 * with the very Row objects it was given — TanStack copies every row (each with dozens of fields) and
 * calls the column's sorting function some 140,000 times for 10,000 rows. Grouped rows and unknown sort
 * functions go to TanStack's own.
 */
export function registerSortedRowModel(): (table: Table<ThreatRow>) => () => RowModel<ThreatRow> {
  return (table) => {
    const general = getSortedRowModel<ThreatRow>()(table);
    return memo(
      () => [table.getState().sorting, table.getPreSortedRowModel()],
      (sorting, rowModel) => {
        if (!rowModel.rows.length || !sorting?.length) return rowModel;
        const rows = rowModel.rows;
        if (table.getState().grouping.length > 0 && rows.some((row) => row.subRows.length > 0)) return general();
        const sorts: RankedSort[] = [];
        for (const sort of sorting) {
          const column = table.getColumn(sort.id);
          if (!column?.getCanSort()) continue;
          // (TanStack's `sortUndefined` needs nothing here: a value that is undefined leaves the order to TanStack.)
          if (column.columnDef.invertSorting) return general();
          const ranks = ranksOf(column, rows);
          if (!ranks) return general();
          sorts.push({ ranks, desc: Boolean(sort.desc) });
        }
        const stored = new Int32Array(rows.length);
        for (let i = 0; i < rows.length; i++) stored[i] = rows[i]!.index;
        const order = orderByRanks(rows.length, sorts, stored);
        const sorted: Row<ThreatRow>[] = new Array(order.length);
        for (let i = 0; i < order.length; i++) sorted[i] = rows[order[i]!]!;
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
        const globalColumns = global?.text ? globallyFilterable(table) : [];
        if (globalColumns.length && table.getGlobalFilterFn() !== smartFilter) return general();
        if (rowModel.rows.some((row) => row.subRows.length > 0)) return general();
        // Words alone (no number comparison) match a row when they are in the row's joined cells.
        const inHaystack = global && !global.number && !global.text.includes(JOINT);
        const rows: Row<ThreatRow>[] = [];
        const rowsById: Record<string, Row<ThreatRow>> = {};
        for (const row of rowModel.rows) {
          if (!tests.every(({ column, filter }) => matches(column, row, filter))) continue;
          if (globalColumns.length) {
            const found = inHaystack
              ? haystackOf(globalColumns, row).includes(global.text)
              : globalColumns.some((column) => matches(column, row, global!));
            if (!found) continue;
          }
          rows.push(row);
          rowsById[row.id] = row;
        }
        return { rows, flatRows: rows, rowsById };
      },
      getMemoOptions(table.options, 'debugTable', 'registerFilteredRowModel'),
    );
  };
}

/** The columns a global filter looks at, as one array for as long as the columns stay the same. */
const filterable = new WeakMap<readonly Column<ThreatRow>[], Column<ThreatRow>[]>();
function globallyFilterable(table: Table<ThreatRow>): Column<ThreatRow>[] {
  const all = table.getAllLeafColumns();
  let columns = filterable.get(all);
  if (!columns) filterable.set(all, (columns = all.filter((c) => c.getCanGlobalFilter())));
  return columns;
}

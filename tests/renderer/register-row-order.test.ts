// The register's own sorted and filtered row models (row-order.ts) against TanStack's: the same rows in
// the same order for every sort and filter an analyst can set, from the very Row objects they were given.
import {
  createTable,
  getCoreRowModel,
  getExpandedRowModel,
  getFilteredRowModel,
  getGroupedRowModel,
  getSortedRowModel,
  type ColumnFiltersState,
  type SortingState,
  type Table,
  type TableOptionsResolved,
} from '@tanstack/react-table';
import { describe, expect, it } from 'vitest';
import { smartFilter, threatColumns, type ThreatRow } from '../../renderer/features/register/columns';
import { registerFilteredRowModel, registerSortedRowModel } from '../../renderer/features/register/row-order';
import { StableRows, type RowModelInputs } from '../../renderer/features/register/stable-rows';
import type { Lookups } from '../../renderer/features/annotations/useLookups';

const actors = new Map([
  ['a1', { id: 'a1', name: 'Wagner Group' }],
  ['a2', { id: 'a2', name: 'al-Shabaab' }],
  ['a3', { id: 'a3', name: 'Lazarus' }],
]);
const lookups = { actors } as unknown as Lookups;

/** A seeded register with ties, digits in titles, empty cells and repeated categories. */
function register(count: number): ThreatRow[] {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const pick = <T>(values: readonly T[]) => values[next(values.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const likelihood = 1 + next(5);
    const impact = 1 + next(5);
    return {
      id: `t${String(i).padStart(5, '0')}`,
      registerId: 'r1',
      title: pick(['Route 10 closure', 'route 9 raids', 'Water dispute', 'water shortage', '', 'Ölpreis', 'Cyber 2b']),
      category: pick(['terrorism', 'cyber', 'economic', 'military']),
      likelihood,
      impact,
      score: likelihood * impact,
      trend: pick(['rising', 'stable', 'falling']),
      confidence: pick(['low', 'moderate', 'high']),
      status: pick(['open', 'monitoring', 'closed']),
      countryCodes: next(3) ? [pick(['UA', 'SO', 'KP'])] : [],
      actorIds: next(2) ? [pick(['a1', 'a2', 'a3'])] : [],
      originCode: next(2) ? pick(['RU', 'SO']) : null,
      indicators: [],
      mitigations: [],
      owner: pick(['', 'Desk A', 'desk b']),
      lastReviewedOn: next(2) ? `2026-0${1 + next(9)}-1${next(9)}` : null,
      description: `Note ${next(40)}`,
      evidenceCount: next(4),
    } as unknown as ThreatRow;
  });
}

function table(
  data: ThreatRow[],
  models: Pick<TableOptionsResolved<ThreatRow>, 'getSortedRowModel' | 'getFilteredRowModel'>,
): Table<ThreatRow> {
  return createTable<ThreatRow>({
    data,
    columns: threatColumns(lookups),
    getRowId: (row) => row.id,
    state: { sorting: [], columnFilters: [], globalFilter: '', grouping: [], expanded: true },
    onStateChange: () => undefined,
    renderFallbackValue: null,
    globalFilterFn: smartFilter,
    getColumnCanGlobalFilter: () => true,
    getCoreRowModel: getCoreRowModel(),
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    groupedColumnMode: false,
    ...models,
  });
}

function show(
  t: Table<ThreatRow>,
  state: { sorting?: SortingState; columnFilters?: ColumnFiltersState; globalFilter?: string; grouping?: string[] },
) {
  t.setOptions((prev) => ({
    ...prev,
    state: { ...prev.state, sorting: [], columnFilters: [], globalFilter: '', grouping: [], ...state },
  }));
  return t.getRowModel().rows.map((r) => r.id);
}

const data = register(3000);
const ours = table(data, {
  getSortedRowModel: registerSortedRowModel(),
  getFilteredRowModel: registerFilteredRowModel(),
});
const tanstack = table(data, { getSortedRowModel: getSortedRowModel(), getFilteredRowModel: getFilteredRowModel() });

describe('the register’s row order', () => {
  const sortable = threatColumns(lookups).map((c) => c.id!);
  it.each(sortable)('sorting by %s, either way, gives TanStack’s order (ties in stored order)', (id) => {
    for (const desc of [false, true])
      expect(show(ours, { sorting: [{ id, desc }] })).toEqual(show(tanstack, { sorting: [{ id, desc }] }));
  });

  it('sorting by several columns gives TanStack’s order', () => {
    const sorting = [
      { id: 'category', desc: false },
      { id: 'score', desc: true },
      { id: 'title', desc: false },
    ];
    expect(show(ours, { sorting })).toEqual(show(tanstack, { sorting }));
  });

  it('column and global filters, words and numbers, keep the rows TanStack keeps', () => {
    const cases = [
      { columnFilters: [{ id: 'title', value: 'WATER' }] },
      { columnFilters: [{ id: 'score', value: '>=12' }] },
      {
        columnFilters: [
          { id: 'score', value: '4-6' },
          { id: 'status', value: 'open' },
        ],
      },
      { columnFilters: [{ id: 'actors', value: 'shabaab' }] },
      { globalFilter: 'route' },
      { globalFilter: '3' },
      { globalFilter: '>=20' },
      { globalFilter: '   ' },
      { globalFilter: 'nothing matches this' },
      {
        globalFilter: 'desk',
        columnFilters: [{ id: 'category', value: 'cyber' }],
        sorting: [{ id: 'owner', desc: true }],
      },
    ];
    for (const state of cases) expect(show(ours, state)).toEqual(show(tanstack, state));
  });

  it('answers the Row objects it was given, not copies of them', () => {
    show(ours, { sorting: [{ id: 'title', desc: false }], columnFilters: [{ id: 'status', value: 'open' }] });
    const core = ours.getCoreRowModel().rowsById;
    for (const row of ours.getRowModel().rows) expect(row).toBe(core[row.id]);
  });

  it('grouped rows are left to TanStack’s own sorted model', () => {
    // Fresh tables: TanStack's order of group rows depends on what the table showed before.
    const state = { grouping: ['category'], sorting: [{ id: 'title', desc: false }] };
    const fresh = (ours: boolean) =>
      ours
        ? table(data, { getSortedRowModel: registerSortedRowModel(), getFilteredRowModel: registerFilteredRowModel() })
        : table(data, { getSortedRowModel: getSortedRowModel(), getFilteredRowModel: getFilteredRowModel() });
    const grouped = show(fresh(true), state);
    expect(grouped[0]).toMatch(/^category:/);
    expect(grouped).toEqual(show(fresh(false), state));
  });
});

describe('keys kept on the rows', () => {
  it('an edit patched into its row (stable-rows.ts) is sorted and filtered by its new value', () => {
    const stable = new StableRows();
    let rows = register(500);
    const t = table(stable.reconcile(rows, inputs({})), {
      getSortedRowModel: registerSortedRowModel(),
      getFilteredRowModel: registerFilteredRowModel(),
    });
    stable.attach(t);
    const render = (state: Parameters<typeof show>[1]) => {
      t.setOptions((prev) => ({ ...prev, data: stable.reconcile(rows, inputs(state)) }));
      return show(t, state);
    };
    // Keys for every title are worked out (a filter and a sort by title), then the filter is cleared.
    render({ columnFilters: [{ id: 'title', value: 'water' }] });
    render({ sorting: [{ id: 'title', desc: false }] });
    render({ sorting: [{ id: 'score', desc: true }] });
    const data = t.options.data;
    // A title edit while sorted by score cannot move the row: it is patched in place.
    rows = rows.map((r) => (r.id === 't00010' ? { ...r, title: 'Zanzibar ferry' } : r));
    render({ sorting: [{ id: 'score', desc: true }] });
    expect(t.options.data).toBe(data);
    expect(render({ columnFilters: [{ id: 'title', value: 'zanzibar' }] })).toEqual(['t00010']);
    expect(render({ globalFilter: 'zanzibar' })).toEqual(['t00010']);
    const fresh = table(rows, { getSortedRowModel: getSortedRowModel(), getFilteredRowModel: getFilteredRowModel() });
    const byTitle = { sorting: [{ id: 'title', desc: true }] };
    expect(render(byTitle)).toEqual(show(fresh, byTitle));
  });
});

function inputs(state: Parameters<typeof show>[1]): RowModelInputs {
  return {
    sorting: state.sorting ?? [],
    columnFilters: state.columnFilters ?? [],
    globalFilter: state.globalFilter ?? '',
    grouping: state.grouping ?? [],
  };
}

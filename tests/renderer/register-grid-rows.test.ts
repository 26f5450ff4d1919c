import {
  createTable,
  sortingFns,
  getCoreRowModel,
  getExpandedRowModel,
  getGroupedRowModel,
  type Table,
  type TableState,
} from '@tanstack/react-table';
import { describe, expect, it } from 'vitest';
import type { Threat } from '../../shared/domain/threat';
import { naturalSort, smartFilter, threatColumns, type ThreatRow } from '../../renderer/features/register/columns';
import { registerFilteredRowModel, registerSortedRowModel } from '../../renderer/features/register/row-order';
import { StableRows, type RowModelInputs } from '../../renderer/features/register/stable-rows';
import type { Lookups } from '../../renderer/features/annotations/useLookups';

const lookups = { actors: new Map() } as unknown as Lookups;

function threat(n: number, score: number, title = `Threat ${n}`): ThreatRow {
  return {
    id: `t${String(n).padStart(3, '0')}`,
    registerId: 'r1',
    title,
    category: 'terrorism',
    likelihood: 1,
    impact: score,
    score,
    trend: 'stable',
    confidence: 'moderate',
    status: 'open',
    countryCodes: [],
    actorIds: [],
    originCode: null,
    indicators: [],
    mitigations: [],
    owner: '',
    lastReviewedOn: null,
    description: '',
    evidenceCount: 0,
  } as unknown as Threat as ThreatRow;
}

/** The grid's table as ThreatGrid builds it, outside React: the StableRows answer is its data. */
function gridTable(inputs: RowModelInputs) {
  const stable = new StableRows();
  let table: Table<ThreatRow> | null = null;
  const sorted = registerSortedRowModel();
  const filtered = registerFilteredRowModel();
  const state: Partial<TableState> = {
    sorting: [...inputs.sorting] as TableState['sorting'],
    columnFilters: [...inputs.columnFilters] as TableState['columnFilters'],
    globalFilter: inputs.globalFilter,
    grouping: [...inputs.grouping],
    expanded: true,
  };
  const render = (rows: ThreatRow[]) => {
    const data = stable.reconcile(rows, inputs);
    const options = {
      data,
      columns: threatColumns(lookups),
      getRowId: (row: ThreatRow) => row.id,
      state,
      onStateChange: () => undefined,
      renderFallbackValue: null,
      globalFilterFn: smartFilter,
      getColumnCanGlobalFilter: () => true,
      getCoreRowModel: getCoreRowModel(),
      getSortedRowModel: sorted,
      getFilteredRowModel: filtered,
      getGroupedRowModel: getGroupedRowModel(),
      getExpandedRowModel: getExpandedRowModel(),
      groupedColumnMode: false as const,
    };
    if (!table) table = createTable<ThreatRow>(options);
    else table.setOptions((prev) => ({ ...prev, ...options }));
    stable.attach(table);
    return { data, table, titles: table.getRowModel().rows.map((r) => r.original.title) };
  };
  return render;
}

const byScore: RowModelInputs = {
  sorting: [{ id: 'score', desc: true } as { id: string }],
  columnFilters: [],
  globalFilter: '',
  grouping: [],
};

describe('the register grid’s rows', () => {
  it('an edit that cannot move its row patches it: same array, same sorted rows, the new value shown', () => {
    const render = gridTable(byScore);
    const rows = [threat(1, 3), threat(2, 9), threat(3, 5)];
    const first = render(rows);
    const sortedBefore = first.table.getRowModel();
    expect(first.titles).toEqual(['Threat 2', 'Threat 3', 'Threat 1']);

    const edited = rows.map((r) => (r.id === 't003' ? { ...r, title: 'Renamed' } : r));
    const second = render(edited);
    expect(second.data).toBe(first.data);
    expect(second.table.getRowModel()).toBe(sortedBefore);
    expect(second.titles).toEqual(['Threat 2', 'Renamed', 'Threat 1']);
    expect(second.table.getRowModel().rows[1]!.getValue('title')).toBe('Renamed');
  });

  it('an edit to the sorted column re-sorts, and a new or removed row rebuilds', () => {
    const render = gridTable(byScore);
    const rows = [threat(1, 3), threat(2, 9), threat(3, 5)];
    const first = render(rows);
    const rescored = rows.map((r) => (r.id === 't001' ? { ...r, score: 12 } : r));
    const second = render(rescored);
    expect(second.data).not.toBe(first.data);
    expect(second.titles).toEqual(['Threat 1', 'Threat 2', 'Threat 3']);
    expect(render([...rescored, threat(4, 10)]).titles).toEqual(['Threat 1', 'Threat 4', 'Threat 2', 'Threat 3']);
    expect(render(rescored.slice(1)).titles).toEqual(['Threat 2', 'Threat 3']);
  });

  it('with a global filter, an edit that changes whether a row matches filters it again', () => {
    const render = gridTable({ ...byScore, globalFilter: 'water' });
    const rows = [threat(1, 3, 'Water dispute'), threat(2, 9, 'Border raids'), threat(3, 5, 'Water shortage')];
    expect(render(rows).titles).toEqual(['Water shortage', 'Water dispute']);
    const edited = rows.map((r) => (r.id === 't002' ? { ...r, title: 'Water theft' } : r));
    expect(render(edited).titles).toEqual(['Water theft', 'Water shortage', 'Water dispute']);
  });

  it('text columns sort in natural order (digit runs as numbers), as TanStack’s alphanumeric sort does', () => {
    const render = gridTable({ ...byScore, sorting: [{ id: 'title', desc: false } as { id: string }] });
    const titles = ['Route 10', 'route 9', 'Route 9a', 'Alpha', '', '7 cells', 'Route 010b'];
    const rows = titles.map((t, i) => threat(i, 1, t));
    expect(render(rows).titles).toEqual(['', 'Alpha', 'route 9', 'Route 9a', 'Route 10', 'Route 010b', '7 cells']);
  });

  it('the natural order is TanStack’s alphanumeric order, pair by pair', () => {
    const words = ['', 'a', 'A1', 'a01', 'a1b', 'b2', 'x10y2', 'x10y10', '10', '9', 'ä', 'Z', 'z 3', 'z03 4'];
    const fake = (title: string) => ({ original: { title }, getValue: () => title }) as never;
    const ours = naturalSort();
    for (const a of words)
      for (const b of words)
        expect(Math.sign(ours(fake(a), fake(b), 'title'))).toBe(
          Math.sign(sortingFns.alphanumeric(fake(a), fake(b), 'title')),
        );
  });

  it('number filters compare and word filters match anywhere, read once per filter', () => {
    const render = gridTable({ ...byScore, columnFilters: [{ id: 'score', value: '>=5' } as { id: string }] });
    expect(render([threat(1, 3), threat(2, 9), threat(3, 5)]).titles).toEqual(['Threat 2', 'Threat 3']);
    const ranged = gridTable({ ...byScore, columnFilters: [{ id: 'score', value: '2-4' } as { id: string }] });
    expect(ranged([threat(1, 3), threat(2, 9), threat(3, 5)]).titles).toEqual(['Threat 1']);
  });
});

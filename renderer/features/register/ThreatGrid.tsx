import {
  getCoreRowModel,
  getExpandedRowModel,
  getGroupedRowModel,
  useReactTable,
  type Column,
  type Row,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Register } from '../../../shared/domain/threat';
import type { ThreatPatch } from '../../db/threats';
import { useWorkbench } from '../../stores';
import type { Lookups } from '../annotations';
import { CellEditor, type CommitMove } from './CellEditor';
import {
  bandClass,
  notRatedLabel,
  valueLabel,
  ratingTitle,
  smartFilter,
  threatColumns,
  type ColumnMeta,
  type ThreatRow,
} from './columns';
import { layoutFreeOptions, revealIndex } from '../../ui/virtual-options';
import { registerFilteredRowModel, registerSortedRowModel } from './row-order';
import { StableRows } from './stable-rows';
import { t as translate, useT } from '../../i18n';

const ROW_HEIGHT = 34;
const NOTHING_EXPANDED = {};
const TREND_SYMBOL = { rising: '↑', stable: '→', falling: '↓' } as const;

interface ThreatGridProps {
  register: Register;
  rows: ThreatRow[];
  lookups: Lookups;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onEdit: (id: string, patch: ThreatPatch, rationale?: string) => Promise<unknown>;
  onDelete: (ids: string[]) => void;
  /**
   * Given a function answering the threats as shown (sorted, filtered, without group headers): what an
   * export of "what I see" writes. A function, worked out when asked: going over 10,000 rows after every
   * render cost more than the rest of an edit.
   */
  shownRef?: RefObject<(() => ThreatRow[]) | null>;
}

function cellText(row: ThreatRow, columnId: string, lookups: Lookups): string {
  switch (columnId) {
    case 'countries':
      return row.countryCodes.join(' ');
    case 'actors':
      return row.actorIds
        .map((id) => lookups.actors.get(id)?.name ?? '')
        .filter(Boolean)
        .join(', ');
    case 'indicators':
      return row.indicators.join('; ');
    case 'mitigations':
      return row.mitigations.join('; ');
    case 'origin':
      return row.originCode ?? '';
    case 'evidence':
      return String(row.evidenceCount);
    case 'lastReviewedOn':
      return row.lastReviewedOn ?? '';
    default: {
      const v = row[columnId as keyof ThreatRow];
      return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    }
  }
}

/**
 * The translated words cells repeat — a value's label, a rating's words, "not rated" — looked up once per
 * interface language instead of for every cell of every row the grid renders (a sort rewrites them all).
 */
function wordCache(): Words {
  const known = new Map<string, string>();
  return (key, work) => {
    let words = known.get(key);
    if (words === undefined) known.set(key, (words = work()));
    return words;
  };
}
type Words = (key: string, work: () => string) => string;

function renderCell(t: ThreatRow, columnId: string, register: Register, text: string, words: Words) {
  const notRated = () => words('notRated', notRatedLabel);
  switch (columnId) {
    case 'score':
      return <span className={bandClass(t, register)}>{t.score ?? notRated()}</span>;
    case 'likelihood':
    case 'impact': {
      const value = t[columnId];
      const levels = register.scale.levels;
      return value === undefined ? (
        <span className="muted">{notRated()}</span>
      ) : (
        <span title={words(`${columnId}:${value}/${levels}`, () => ratingTitle(columnId, value, levels))}>{value}</span>
      );
    }
    case 'trend':
      return (
        <>
          <span aria-hidden="true">{TREND_SYMBOL[t.trend]}</span>{' '}
          {words(`trend:${t.trend}`, () => valueLabel('trend', t.trend))}
        </>
      );
    case 'evidence':
      return t.evidenceCount === 0 ? (
        <span className="badge warning" title={words('noEvidenceTitle', () => translate('register.noEvidenceTitle'))}>
          {words('noEvidence', () => translate('register.noEvidence'))}
        </span>
      ) : (
        t.evidenceCount
      );
    case 'category':
    case 'confidence':
    case 'status': {
      const value = t[columnId];
      return words(`${columnId}:${value}`, () => valueLabel(columnId, value));
    }
    default:
      return text;
  }
}

interface DataRowProps {
  row: Row<ThreatRow>;
  /** Given apart from `row`: an edit patches the same Row object with a new threat (stable-rows.ts). */
  threat: ThreatRow;
  index: number;
  columns: Column<ThreatRow>[];
  /** The active cell's column when it is in this row. */
  activeColumnId: string | null;
  selected: boolean;
  register: Register;
  lookups: Lookups;
  words: Words;
  onCellMouseDown: (rowIndex: number, columnIndex: number) => void;
  onCellDoubleClick: (rowId: string, columnId: string) => void;
}

/**
 * One threat's row. Memoised: moving the active cell, selecting or editing one threat re-renders the
 * one or two rows concerned, not the forty on screen with their dozen cells each.
 */
const DataRow = memo(function DataRow({
  row,
  threat,
  index,
  columns,
  activeColumnId,
  selected,
  register,
  lookups,
  words,
  onCellMouseDown,
  onCellDoubleClick,
}: DataRowProps) {
  return (
    <tr role="row" aria-selected={selected} style={{ height: ROW_HEIGHT }} data-threat-id={row.id}>
      {columns.map((column, columnIndex) => {
        const meta = column.columnDef.meta as ColumnMeta;
        const text = cellText(threat, column.id, lookups);
        return (
          <td
            key={column.id}
            // Only the active cell needs its id (the grid's aria-activedescendant, the editor's anchor): a sort
            // then rewrites one id, not one per cell on screen.
            id={activeColumnId === column.id ? `cell-${row.id}-${column.id}` : undefined}
            role="gridcell"
            aria-label={`${meta.label}: ${text}`}
            // Cut text ("…") can be read whole on hover.
            title={text || undefined}
            className={`${meta.numeric ? 'num ' : ''}${activeColumnId === column.id ? 'active' : ''}`}
            onMouseDown={() => onCellMouseDown(index, columnIndex)}
            onDoubleClick={() => onCellDoubleClick(row.id, column.id)}
          >
            {renderCell(threat, column.id, register, text, words)}
          </td>
        );
      })}
    </tr>
  );
});

interface ColumnChromeProps {
  columns: Column<ThreatRow>[];
  /** Passed only so the memo sees a sort change: the columns answer their own state. */
  sorting: unknown;
}

/**
 * The column filters above the grid. Memoised, as the headers below: a cell edit, the active cell moving or
 * a new row in view re-render the grid, and these fourteen fields with their translated labels need not follow.
 */
const ColumnFilters = memo(function ColumnFilters({
  columns,
  width,
  barRef,
  scrollerRef,
}: ColumnChromeProps & {
  /** Passed only so the memo sees a filter change. */
  columnFilters: unknown;
  width: number;
  barRef: RefObject<HTMLDivElement | null>;
  scrollerRef: RefObject<HTMLDivElement | null>;
}) {
  const t = useT();
  return (
    // Outside the grid's roles (a grid holds rows and cells, not text fields), scrolled with it.
    <div
      ref={barRef}
      className="column-filters"
      role="group"
      aria-label={t('register.columnFilters')}
      onScroll={(e) => {
        if (scrollerRef.current) scrollerRef.current.scrollLeft = e.currentTarget.scrollLeft;
      }}
    >
      <div className="column-filters-row" style={{ width }}>
        {columns.map((column) => {
          const meta = column.columnDef.meta as ColumnMeta;
          const sorted = column.getIsSorted();
          return (
            <span key={column.id} className="column-filter" style={{ width: column.getSize() }}>
              <input
                type="text"
                aria-label={t('register.filterColumn', { column: meta.label })}
                placeholder={meta.label}
                value={(column.getFilterValue() as string) ?? ''}
                onChange={(e) => column.setFilterValue(e.target.value || undefined)}
                onKeyDown={(e) => {
                  // Alt+↑/↓ sorts by this column from the keyboard (the header buttons are not tab stops).
                  if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
                  e.preventDefault();
                  column.toggleSorting(e.key === 'ArrowDown', e.shiftKey);
                }}
                aria-description={
                  sorted
                    ? t(sorted === 'asc' ? 'register.sortedAscending' : 'register.sortedDescending')
                    : t('register.sortHint')
                }
              />
            </span>
          );
        })}
      </div>
    </div>
  );
});

/** The grid's column widths and sortable headers (memoised, see ColumnFilters). */
const ColumnHeads = memo(function ColumnHeads({ columns }: ColumnChromeProps) {
  const t = useT();
  return (
    <>
      <colgroup>
        {columns.map((c) => (
          <col key={c.id} style={{ width: c.getSize() }} />
        ))}
      </colgroup>
      <thead>
        <tr role="row">
          {columns.map((column) => {
            const meta = column.columnDef.meta as ColumnMeta;
            const sorted = column.getIsSorted();
            return (
              <th
                key={column.id}
                role="columnheader"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                className={meta.numeric ? 'num' : undefined}
              >
                <button
                  type="button"
                  className="sort-button"
                  // The grid is one tab stop (WAI-ARIA grid); the keyboard sorts from the column filters.
                  tabIndex={-1}
                  onClick={column.getToggleSortingHandler()}
                  title={t('register.sortTitle')}
                >
                  {meta.label}
                  <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
    </>
  );
});

/**
 * The register as a spreadsheet: TanStack Table for sorting, filtering, grouping and columns,
 * TanStack Virtual so only the rows in view exist (a 10,000-row register stays responsive), and a
 * keyboard model analysts know from spreadsheets.
 */
export function ThreatGrid({
  register,
  rows,
  lookups,
  selectedId,
  onSelect,
  onEdit,
  onDelete,
  shownRef,
}: ThreatGridProps) {
  const grid = useWorkbench((s) => s.grid);
  const setGrid = useWorkbench((s) => s.setGrid);
  const t = useT();
  // Rebuilt in a new interface language: the headers and editors' labels are translated.
  const columns = useMemo(() => threatColumns(lookups), [lookups, t]);
  const words = useMemo(() => wordCache(), [t]);
  const [active, setActive] = useState<{ rowId: string; columnId: string } | null>(null);
  const [editing, setEditing] = useState<{ rowId: string; columnId: string; initialText?: string } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const filterBar = useRef<HTMLDivElement>(null);
  // An edit that cannot move its row patches that row instead of handing TanStack a new array.
  const [stableRows] = useState(() => new StableRows());
  // Sorting and filtering from keys worked out once per row, answering the same Row objects (row-order.ts).
  const [sortedRowModel] = useState(registerSortedRowModel);
  const [filteredRowModel] = useState(registerFilteredRowModel);

  const table = useReactTable<ThreatRow>({
    data: stableRows.reconcile(rows, grid),
    columns,
    getRowId: (row) => row.id,
    state: {
      sorting: grid.sorting,
      columnFilters: grid.columnFilters,
      globalFilter: grid.globalFilter,
      grouping: grid.grouping,
      columnVisibility: grid.columnVisibility,
      columnOrder: grid.columnOrder,
      // Groups are always open; without groups nothing is expanded, and TanStack then hands the sorted
      // rows on as they are instead of copying 10,000 of them into a new array on every sort.
      expanded: grid.grouping.length > 0 ? true : NOTHING_EXPANDED,
    },
    onSortingChange: (u) => setGrid({ sorting: typeof u === 'function' ? u(grid.sorting) : u }),
    onColumnFiltersChange: (u) =>
      setGrid({
        columnFilters: (typeof u === 'function' ? u(grid.columnFilters) : u) as { id: string; value: string }[],
      }),
    onGlobalFilterChange: (u) => setGrid({ globalFilter: typeof u === 'function' ? u(grid.globalFilter) : u }),
    globalFilterFn: smartFilter,
    getColumnCanGlobalFilter: () => true,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: sortedRowModel,
    getFilteredRowModel: filteredRowModel,
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    groupedColumnMode: false,
    autoResetExpanded: false,
  });
  stableRows.attach(table);

  const visibleRows = table.getRowModel().rows;
  // The threats as shown (sorted, filtered, group headers left out), for an export of "what I see".
  useEffect(() => {
    if (shownRef) shownRef.current = () => visibleRows.filter((r) => !r.getIsGrouped()).map((r) => r.original);
  }, [shownRef, visibleRows]);
  const leafColumns = table.getVisibleLeafColumns();
  const virtualizer = useVirtualizer({
    count: visibleRows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // A few rows beyond the screen each way: every row rendered is rewritten by a sort or a filter.
    overscan: 6,
    ...layoutFreeOptions(ROW_HEIGHT),
  });

  // Keep the selected threat's row in view and active when it is chosen elsewhere (heat map, palette).
  useEffect(() => {
    if (!selectedId) return;
    const index = visibleRows.findIndex((r) => r.id === selectedId);
    if (index >= 0) revealIndex(virtualizer, index);
  }, [selectedId]);

  const grouped = grid.grouping.length > 0;
  const dataRowCount = useMemo(
    () => (grouped ? visibleRows.reduce((n, r) => (r.getIsGrouped() ? n : n + 1), 0) : visibleRows.length),
    [visibleRows, grouped],
  );
  const activeRowIndex = useMemo(
    () => (active ? visibleRows.findIndex((r) => r.id === active.rowId) : -1),
    [visibleRows, active],
  );
  const activeColumnIndex = active ? leafColumns.findIndex((c) => c.id === active.columnId) : -1;

  const activate = (rowIndex: number, columnIndex: number) => {
    const row = visibleRows[Math.max(0, Math.min(visibleRows.length - 1, rowIndex))];
    const column = leafColumns[Math.max(0, Math.min(leafColumns.length - 1, columnIndex))];
    if (!row || !column) return;
    setActive({ rowId: row.id, columnId: column.id });
    if (!row.getIsGrouped()) onSelect(row.original.id);
    revealIndex(virtualizer, visibleRows.indexOf(row));
  };

  const startEdit = (rowId: string, columnId: string, initialText?: string) => {
    const column = leafColumns.find((c) => c.id === columnId);
    const meta = column?.columnDef.meta as ColumnMeta | undefined;
    const row = visibleRows.find((r) => r.id === rowId);
    if (!meta?.editor || !row || row.getIsGrouped()) return;
    setEditing({ rowId, columnId, initialText });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // The grid's keys are for the grid itself (it holds the focus and points at the active cell). A key
    // pressed in a column filter, a header button or any other control inside it belongs to that control:
    // typing "Kosh" into a filter must never start editing the active cell's title.
    if (editing || e.target !== e.currentTarget) return;
    if (!active) {
      if (
        ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Enter', 'Home', 'End'].includes(e.key) &&
        visibleRows.length
      ) {
        e.preventDefault();
        activate(
          Math.max(
            0,
            visibleRows.findIndex((r) => r.id === selectedId),
          ),
          0,
        );
      }
      return;
    }
    const moves: Record<string, [number, number]> = {
      ArrowDown: [1, 0],
      ArrowUp: [-1, 0],
      ArrowRight: [0, 1],
      ArrowLeft: [0, -1],
    };
    const move = moves[e.key];
    if (move && !e.altKey) {
      e.preventDefault();
      activate(activeRowIndex + move[0], activeColumnIndex + move[1]);
    } else if (e.key === 'Home') {
      e.preventDefault();
      activate(e.ctrlKey ? 0 : activeRowIndex, 0);
    } else if (e.key === 'End') {
      e.preventDefault();
      activate(e.ctrlKey ? visibleRows.length - 1 : activeRowIndex, leafColumns.length - 1);
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
      activate(activeRowIndex + (e.key === 'PageDown' ? page : -page), activeColumnIndex);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      const row = visibleRows[activeRowIndex];
      if (row?.getIsGrouped()) row.toggleExpanded();
      else startEdit(active.rowId, active.columnId);
    } else if (e.key === 'Delete' && e.ctrlKey) {
      e.preventDefault();
      onDelete([active.rowId]);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Typing over a text cell starts editing it with that character, as in a spreadsheet.
      const meta = leafColumns[activeColumnIndex]?.columnDef.meta as ColumnMeta | undefined;
      if (meta?.editor === 'text' || meta?.editor === 'longtext') {
        e.preventDefault();
        startEdit(active.rowId, active.columnId, e.key);
      }
    }
  };

  // Stable for the memoised rows; they reach the handlers of the moment through a ref.
  const cellHandlers = useRef({ activate, startEdit });
  cellHandlers.current = { activate, startEdit };
  const onCellMouseDown = useCallback(
    (rowIndex: number, columnIndex: number) => cellHandlers.current.activate(rowIndex, columnIndex),
    [],
  );
  const onCellDoubleClick = useCallback(
    (rowId: string, columnId: string) => cellHandlers.current.startEdit(rowId, columnId),
    [],
  );

  const commit = async (patch: ThreatPatch, move: CommitMove, rationale?: string) => {
    if (!editing) return;
    const { rowId } = editing;
    setEditing(null);
    // The grid is its own scrolling box and always in view: there is nothing to scroll it to.
    gridRef.current?.focus({ preventScroll: true });
    // The editor closing, the new value (shown before it is stored), the move and the save status are
    // one render and one frame; the stored record replaces the shown one later without a visible change.
    if (move === 'down') activate(activeRowIndex + 1, activeColumnIndex);
    else if (move === 'right') activate(activeRowIndex, activeColumnIndex + 1);
    else if (move === 'left') activate(activeRowIndex, activeColumnIndex - 1);
    try {
      await onEdit(rowId, patch, rationale);
    } catch {
      // The workspace has told the analyst why; the value is back as it was.
    }
  };

  const editingRow = editing ? visibleRows.find((r) => r.id === editing.rowId && !r.getIsGrouped()) : undefined;
  const editingColumn = editing ? leafColumns.find((c) => c.id === editing.columnId) : undefined;
  const anchorRect = editing
    ? document.getElementById(`cell-${editing.rowId}-${editing.columnId}`)?.getBoundingClientRect()
    : undefined;
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const totalWidth = leafColumns.reduce((sum, c) => sum + c.getSize(), 0);

  return (
    <div className="grid-shell">
      <ColumnFilters
        columns={leafColumns}
        sorting={grid.sorting}
        columnFilters={grid.columnFilters}
        width={totalWidth}
        barRef={filterBar}
        scrollerRef={scroller}
      />
      <div className="threat-grid">
        {/* The scrolling box is the grid itself: one tab stop, and only rows inside its role. */}
        <div
          ref={(el) => {
            scroller.current = el;
            gridRef.current = el;
          }}
          className="grid-scroller"
          role="grid"
          aria-label={t('register.threats')}
          aria-rowcount={dataRowCount}
          aria-colcount={leafColumns.length}
          aria-activedescendant={active ? `cell-${active.rowId}-${active.columnId}` : undefined}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onScroll={(e) => {
            if (filterBar.current) filterBar.current.scrollLeft = e.currentTarget.scrollLeft;
          }}
        >
          <table style={{ width: totalWidth }} role="presentation">
            <ColumnHeads columns={leafColumns} sorting={grid.sorting} />
            <tbody>
              {paddingTop > 0 && (
                <tr aria-hidden="true">
                  <td style={{ height: paddingTop }} colSpan={leafColumns.length} />
                </tr>
              )}
              {items.map((item) => {
                const row = visibleRows[item.index]!;
                if (row.getIsGrouped()) {
                  const column = leafColumns.find((c) => c.id === row.groupingColumnId);
                  return (
                    <tr
                      key={row.id}
                      role="row"
                      className="group-row"
                      aria-expanded={row.getIsExpanded()}
                      style={{ height: ROW_HEIGHT }}
                    >
                      <td
                        id={`cell-${row.id}-${leafColumns[0]?.id}`}
                        role="gridcell"
                        colSpan={leafColumns.length}
                        className={active?.rowId === row.id ? 'active' : undefined}
                      >
                        <button
                          type="button"
                          className="ghost"
                          // Enter on the group's row toggles it; the grid stays one tab stop.
                          tabIndex={-1}
                          onClick={() => row.toggleExpanded()}
                          aria-label={t(row.getIsExpanded() ? 'register.collapseGroup' : 'register.expandGroup', {
                            group: String(row.groupingValue),
                          })}
                        >
                          {row.getIsExpanded() ? '▾' : '▸'}
                        </button>{' '}
                        <strong className="capitalise">{String(row.groupingValue)}</strong>{' '}
                        <span className="muted">
                          ({row.subRows.length}) · {(column?.columnDef.meta as ColumnMeta | undefined)?.label}
                        </span>
                      </td>
                    </tr>
                  );
                }
                // Keyed by place, not by threat: a sort or a filter then rewrites the rows on screen in place
                // instead of taking forty rows of cells out of the page and building forty new ones (the
                // browser's style and layout of new elements cost more than the new text). Scrolling still
                // adds and removes rows at the edges only.
                return (
                  <DataRow
                    key={item.index}
                    row={row}
                    threat={row.original}
                    index={item.index}
                    columns={leafColumns}
                    activeColumnId={active?.rowId === row.id ? active.columnId : null}
                    selected={row.id === selectedId}
                    register={register}
                    lookups={lookups}
                    words={words}
                    onCellMouseDown={onCellMouseDown}
                    onCellDoubleClick={onCellDoubleClick}
                  />
                );
              })}
              {paddingBottom > 0 && (
                <tr aria-hidden="true">
                  <td style={{ height: paddingBottom }} colSpan={leafColumns.length} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {visibleRows.length === 0 && <p className="empty muted">{t('register.noMatch')}</p>}
      </div>
      {editing && editingRow && editingColumn && anchorRect && (
        <CellEditor
          key={`${editing.rowId}-${editing.columnId}`}
          threat={editingRow.original}
          register={register}
          columnId={editing.columnId}
          meta={editingColumn.columnDef.meta as ColumnMeta}
          lookups={lookups}
          anchor={anchorRect}
          initialText={editing.initialText}
          onCommit={(patch, move, rationale) => void commit(patch, move, rationale)}
          onCancel={() => {
            setEditing(null);
            gridRef.current?.focus({ preventScroll: true });
          }}
        />
      )}
    </div>
  );
}

import { MenuButton } from '../../ui/MenuButton';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { db } from '../../db';
import { DEFAULT_ARRANGEMENT, type GridArrangement } from '../../stores/register';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { deleteView, saveView } from '../../workspace/commands/views';
import { GROUPABLE, type ColumnMeta } from './columns';

export const COLUMN_LABELS: Record<string, string> = {
  title: 'Threat',
  category: 'Category',
  likelihood: 'Likelihood',
  impact: 'Impact',
  score: 'Score',
  trend: 'Trend',
  confidence: 'Confidence',
  status: 'Status',
  countries: 'Affected',
  actors: 'Actors',
  evidence: 'Evidence',
  origin: 'Origin',
  indicators: 'Indicators',
  mitigations: 'Mitigations',
  owner: 'Owner',
  lastReviewedOn: 'Last review',
  description: 'Description',
};
export const COLUMN_IDS = Object.keys(COLUMN_LABELS);

/** Show, hide and reorder columns. */
function ColumnsMenu() {
  const grid = useWorkbench((s) => s.grid);
  const setGrid = useWorkbench((s) => s.setGrid);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const order = grid.columnOrder.length
    ? [...grid.columnOrder, ...COLUMN_IDS.filter((id) => !grid.columnOrder.includes(id))]
    : COLUMN_IDS;
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const move = (id: string, by: number) => {
    const next = [...order];
    const i = next.indexOf(id);
    const j = i + by;
    if (j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j]!, next[i]!];
    setGrid({ columnOrder: next });
  };
  return (
    <div className="menu-anchor" ref={box}>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Columns
      </button>
      {open && (
        <ul className="menu columns-menu" aria-label="Columns" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {order.map((id, i) => (
            <li key={id}>
              <label>
                <input
                  type="checkbox"
                  checked={grid.columnVisibility[id] !== false}
                  disabled={id === 'title'}
                  onChange={(e) => setGrid({ columnVisibility: { ...grid.columnVisibility, [id]: e.target.checked } })}
                />
                {COLUMN_LABELS[id]}
              </label>
              <button
                type="button"
                className="ghost"
                aria-label={`Move ${COLUMN_LABELS[id]} left`}
                disabled={i === 0}
                onClick={() => move(id, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={`Move ${COLUMN_LABELS[id]} right`}
                disabled={i === order.length - 1}
                onClick={() => move(id, 1)}
              >
                ↓
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Saved arrangements of the grid, per register. */
function ViewsMenu({ registerId }: { registerId: string }) {
  const views = useLiveQuery(() => db.views.where('registerId').equals(registerId).sortBy('name'), [registerId]);
  const grid = useWorkbench((s) => s.grid);
  const setGrid = useWorkbench((s) => s.setGrid);
  const notify = useWorkbench((s) => s.notify);
  const [current, setCurrent] = useState('');
  const save = async () => {
    const name = window.prompt('Name this view (e.g. “Critical, by status”):')?.trim();
    if (!name) return;
    const view = await workspace.attempt(saveView, { registerId, name, state: grid });
    if (!view) return;
    setCurrent(view.id);
    notify('info', `Saved the view “${view.name}”.`);
  };
  return (
    <span className="views">
      <label className="inline-field">
        View
        <select
          aria-label="Saved view"
          value={current}
          onChange={(e) => {
            const id = e.target.value;
            setCurrent(id);
            const view = views?.find((v) => v.id === id);
            setGrid(view ? { ...DEFAULT_ARRANGEMENT, ...(view.state as GridArrangement) } : DEFAULT_ARRANGEMENT);
          }}
        >
          <option value="">Default</option>
          {views?.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void save()}>
        Save view…
      </button>
      {current && (
        <button
          type="button"
          className="ghost"
          onClick={() => {
            // A refusal has been reported; the view stays chosen.
            void workspace.perform(deleteView, { id: current }).then(
              () => setCurrent(''),
              () => undefined,
            );
          }}
        >
          Delete view
        </button>
      )}
    </span>
  );
}

export function GridToolbar({ registerId, count, total }: { registerId: string; count: number; total: number }) {
  const grid = useWorkbench((s) => s.grid);
  const setGrid = useWorkbench((s) => s.setGrid);
  return (
    <div className="grid-toolbar">
      <input
        type="search"
        aria-label="Filter threats"
        placeholder="Filter threats"
        value={grid.globalFilter}
        onChange={(e) => setGrid({ globalFilter: e.target.value })}
      />
      <MenuButton label="View" className="view-menu">
        <label className="inline-field">
          Group by
          <select
            value={grid.grouping[0] ?? ''}
            onChange={(e) => setGrid({ grouping: e.target.value ? [e.target.value] : [] })}
          >
            <option value="">nothing</option>
            {GROUPABLE.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        <ViewsMenu registerId={registerId} />
        {/* Last, so its list opening and closing below moves nothing the analyst is about to click. */}
        <ColumnsMenu />
      </MenuButton>
      <span className="muted">{count === total ? `${total} threats` : `${count} of ${total} threats`}</span>
      {(grid.globalFilter || grid.columnFilters.length > 0) && (
        <button type="button" className="ghost" onClick={() => setGrid({ globalFilter: '', columnFilters: [] })}>
          Clear filters
        </button>
      )}
    </div>
  );
}

export type { ColumnMeta };

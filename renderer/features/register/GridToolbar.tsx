import { MenuButton } from '../../ui/MenuButton';
import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useEffect, useRef, useState } from 'react';
import { db } from '../../db';
import { DEFAULT_ARRANGEMENT, type GridArrangement } from '../../stores/register';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { deleteView, saveView } from '../../workspace/commands/views';
import { useT } from '../../i18n';
import { columnLabel, GROUPABLE, type ColumnMeta } from './columns';

export const COLUMN_IDS = [
  'title',
  'category',
  'likelihood',
  'impact',
  'score',
  'trend',
  'confidence',
  'status',
  'countries',
  'actors',
  'evidence',
  'origin',
  'indicators',
  'mitigations',
  'owner',
  'lastReviewedOn',
  'description',
];

/** Show, hide and reorder columns. */
function ColumnsMenu() {
  const t = useT();
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
        {t('register.columnsMenu')}
      </button>
      {open && (
        <ul
          className="menu columns-menu"
          aria-label={t('register.columnsMenu')}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          {order.map((id, i) => (
            <li key={id}>
              <label>
                <input
                  type="checkbox"
                  checked={grid.columnVisibility[id] !== false}
                  disabled={id === 'title'}
                  onChange={(e) => setGrid({ columnVisibility: { ...grid.columnVisibility, [id]: e.target.checked } })}
                />
                {columnLabel(id)}
              </label>
              <button
                type="button"
                className="ghost"
                aria-label={t('register.moveLeft', { column: columnLabel(id) })}
                disabled={i === 0}
                onClick={() => move(id, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={t('register.moveRight', { column: columnLabel(id) })}
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
  const t = useT();
  const views = useLiveQuery(() => db.views.where('registerId').equals(registerId).sortBy('name'), [registerId]);
  const grid = useWorkbench((s) => s.grid);
  const setGrid = useWorkbench((s) => s.setGrid);
  const notify = useWorkbench((s) => s.notify);
  const [current, setCurrent] = useState('');
  const save = async () => {
    const name = window.prompt(t('register.viewNamePrompt'))?.trim();
    if (!name) return;
    const view = await workspace.attempt(saveView, { registerId, name, state: grid });
    if (!view) return;
    setCurrent(view.id);
    notify('info', t('register.viewSaved', { name: view.name }));
  };
  return (
    <span className="views">
      <label className="inline-field">
        {t('register.view')}
        <select
          aria-label={t('register.savedView')}
          value={current}
          onChange={(e) => {
            const id = e.target.value;
            setCurrent(id);
            const view = views?.find((v) => v.id === id);
            setGrid(view ? { ...DEFAULT_ARRANGEMENT, ...(view.state as GridArrangement) } : DEFAULT_ARRANGEMENT);
          }}
        >
          <option value="">{t('register.defaultView')}</option>
          {views?.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void save()}>
        {t('register.saveView')}
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
          {t('register.deleteView')}
        </button>
      )}
    </span>
  );
}

/** Memoised: an edit re-renders the register view, and the toolbar only follows the counts and the grid's state. */
export const GridToolbar = memo(function GridToolbar({
  registerId,
  count,
  total,
}: {
  registerId: string;
  count: number;
  total: number;
}) {
  const t = useT();
  const grid = useWorkbench((s) => s.grid);
  const setGrid = useWorkbench((s) => s.setGrid);
  return (
    <div className="grid-toolbar">
      <input
        type="search"
        aria-label={t('register.filterThreats')}
        placeholder={t('register.filterThreats')}
        value={grid.globalFilter}
        onChange={(e) => setGrid({ globalFilter: e.target.value })}
      />
      <MenuButton label={t('register.view')} className="view-menu">
        <label className="inline-field">
          {t('register.groupBy')}
          <select
            value={grid.grouping[0] ?? ''}
            onChange={(e) => setGrid({ grouping: e.target.value ? [e.target.value] : [] })}
          >
            <option value="">{t('register.groupNothing')}</option>
            {GROUPABLE.map((g) => (
              <option key={g.id} value={g.id}>
                {columnLabel(g.id)}
              </option>
            ))}
          </select>
        </label>
        <ViewsMenu registerId={registerId} />
        {/* Last, so its list opening and closing below moves nothing the analyst is about to click. */}
        <ColumnsMenu />
      </MenuButton>
      <span className="muted">
        {count === total ? t('register.threatCount', { count: total }) : t('register.threatsShown', { count, total })}
      </span>
      {(grid.globalFilter || grid.columnFilters.length > 0) && (
        <button type="button" className="ghost" onClick={() => setGrid({ globalFilter: '', columnFilters: [] })}>
          {t('register.clearFilters')}
        </button>
      )}
    </div>
  );
});

export type { ColumnMeta };

import { useLiveQuery } from 'dexie-react-hooks';
import type { Table } from 'dexie';
import { db } from '../db';
import type { CommandId } from '../../shared/commands/registry';
import { useWorkbench, type View } from '../stores';
import { useT } from '../i18n';
import { useUserCommand } from '../workspace/user-commands';

/** The views' buttons: each runs its registry command (navigate:…), whose title and keys it shows. */
const ITEMS: { view: View; icon: string }[] = [
  { view: 'sources', icon: '❏' },
  { view: 'register', icon: '▦' },
  { view: 'countries', icon: '◍' },
  { view: 'briefings', icon: '▤' },
  { view: 'passages', icon: '❝' },
  { view: 'search', icon: '⌕' },
  { view: 'actors', icon: '⚑' },
];
const navigateCommand = (view: View): CommandId => `navigate:${view}`;

/**
 * How many records one table holds, as its own live query: a write re-runs the count of its table only
 * (a cell edit in the register counts threats once, not six tables), and a count that comes back the
 * same leaves the rail as it is.
 */
function useCount(table: Pick<Table, 'count'>): number | undefined {
  return useLiveQuery(() => table.count(), [table]);
}

function useCounts(): Record<View, number | undefined> {
  return {
    sources: useCount(db.sources),
    register: useCount(db.threats),
    countries: useCount(db.countries),
    briefings: useCount(db.briefings),
    passages: useCount(db.annotations),
    search: undefined,
    actors: useCount(db.actors),
  };
}

function RailItem({
  command,
  icon,
  current,
  count,
}: {
  command: CommandId;
  icon: string;
  current: boolean;
  count: number | undefined;
}) {
  const { title, key, ariaKeyShortcuts, run } = useUserCommand(command);
  return (
    <button
      type="button"
      className="rail-item"
      aria-current={current ? 'page' : undefined}
      aria-keyshortcuts={ariaKeyShortcuts}
      title={key ? `${title} (${key})` : title}
      onClick={() => !current && run()}
    >
      <span className="rail-icon" aria-hidden="true">
        {icon}
      </span>
      <span className="rail-label">{title}</span>
      <span className="rail-count">{count ?? ''}</span>
    </button>
  );
}

export function Rail() {
  const t = useT();
  const view = useWorkbench((s) => s.view);
  const counts = useCounts();
  return (
    <nav className="rail" aria-label={t('rail.label')}>
      <div className="rail-brand" aria-hidden="true">
        <img src="/icon.svg" alt="" width={28} height={28} />
      </div>
      {ITEMS.map((item) => (
        <RailItem
          key={item.view}
          command={navigateCommand(item.view)}
          icon={item.icon}
          current={view === item.view}
          count={counts[item.view]}
        />
      ))}
    </nav>
  );
}

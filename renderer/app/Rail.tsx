import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../db';
import { useWorkbench, type View } from '../stores';
import { leaveThen } from '../features/common/useUnsavedGuard';

const ITEMS: { view: View; label: string; shortcut: string; icon: string }[] = [
  { view: 'sources', label: 'Sources', shortcut: '1', icon: '❏' },
  { view: 'register', label: 'Register', shortcut: '2', icon: '▦' },
  { view: 'countries', label: 'Countries', shortcut: '3', icon: '◍' },
  { view: 'briefings', label: 'Briefings', shortcut: '4', icon: '▤' },
  { view: 'passages', label: 'Passages', shortcut: '5', icon: '❝' },
  { view: 'search', label: 'Search', shortcut: '6', icon: '⌕' },
  { view: 'actors', label: 'Actors', shortcut: '7', icon: '⚑' },
];

function useCounts(): Record<View, number | undefined> {
  const counts = useLiveQuery(async () => ({
    sources: await db.sources.count(),
    register: await db.threats.count(),
    countries: await db.countries.count(),
    briefings: await db.briefings.count(),
    passages: await db.annotations.count(),
    search: undefined,
    actors: await db.actors.count(),
  }));
  return counts ?? { sources: undefined, register: undefined, countries: undefined, briefings: undefined, passages: undefined, search: undefined, actors: undefined };
}

export function Rail() {
  const view = useWorkbench((s) => s.view);
  const navigate = useWorkbench((s) => s.navigate);
  const counts = useCounts();
  return (
    <nav className="rail" aria-label="Views">
      <div className="rail-brand" aria-hidden="true">
        <img src="/icon.svg" alt="" width={28} height={28} />
      </div>
      {ITEMS.map((item) => (
        <button
          key={item.view}
          type="button"
          className="rail-item"
          aria-current={view === item.view ? 'page' : undefined}
          aria-keyshortcuts={`Control+${item.shortcut}`}
          title={`${item.label} (Ctrl+${item.shortcut})`}
          onClick={() => item.view !== view && leaveThen(() => navigate(item.view))}
        >
          <span className="rail-icon" aria-hidden="true">
            {item.icon}
          </span>
          <span className="rail-label">{item.label}</span>
          <span className="rail-count">{counts[item.view] ?? ''}</span>
        </button>
      ))}
    </nav>
  );
}

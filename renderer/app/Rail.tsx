import { useLiveQuery } from 'dexie-react-hooks';
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
  return (
    counts ?? {
      sources: undefined,
      register: undefined,
      countries: undefined,
      briefings: undefined,
      passages: undefined,
      search: undefined,
      actors: undefined,
    }
  );
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

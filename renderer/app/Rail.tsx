import { useEffect, useMemo, useState } from 'react';
import { db } from '../db';
import { followCounts } from '../db/table-counts';
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

/** The views whose rail button shows how many records their table holds. */
const COUNTED: Partial<Record<View, string>> = {
  sources: 'sources',
  register: 'threats',
  countries: 'countries',
  briefings: 'briefings',
  passages: 'annotations',
  actors: 'actors',
};
const COUNTED_TABLES = Object.values(COUNTED);

/**
 * How many records each view's table holds (table-counts.ts): counted again after a write to that
 * table, in an idle period after the write's frames, and rendered only when a number changed — a cell
 * edit in the register neither re-counts the other tables nor counts the threats among its own frames.
 */
function useCounts(): Partial<Record<View, number>> {
  const [counts, setCounts] = useState<Readonly<Record<string, number>> | null>(null);
  useEffect(() => followCounts(db, COUNTED_TABLES, setCounts), []);
  return useMemo(() => {
    const byView: Partial<Record<View, number>> = {};
    if (counts) for (const [view, table] of Object.entries(COUNTED)) byView[view as View] = counts[table];
    return byView;
  }, [counts]);
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

import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db';
import { useWorkbench } from '../../stores';
import { useTeam } from './team-state';

/** The status bar's word on team sync: synced, N to send, offline, conflicts to settle. Hidden until connected. */
export function TeamStatus() {
  const status = useTeam((s) => s.status);
  const message = useTeam((s) => s.message);
  const counts = useLiveQuery(async () => ({
    send: await db.syncOutbox.count(),
    settle: await db.syncConflicts.count(),
  }));
  if (status === 'off' || !counts) return null;
  const text =
    counts.settle > 0
      ? `Team: ${counts.settle} ${counts.settle === 1 ? 'conflict' : 'conflicts'} to settle`
      : status === 'syncing'
        ? 'Team: syncing…'
        : status === 'offline'
          ? `Team: offline${counts.send > 0 ? `, ${counts.send} to send` : ''}`
          : status === 'failed'
            ? 'Team: sync failed'
            : counts.send > 0
              ? `Team: ${counts.send} to send`
              : 'Team: synced';
  return (
    <button
      type="button"
      className={`team-status team-${status}`}
      title={message}
      onClick={() => useWorkbench.getState().openSettings('team')}
    >
      {text}
    </button>
  );
}

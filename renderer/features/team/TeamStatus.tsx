import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db';
import { useT } from '../../i18n';
import { useWorkbench } from '../../stores';
import { useTeam, type TeamStatus as Status } from './team-state';

/**
 * The status bar's word on team sync: synced, N to send, offline, conflicts to settle. Hidden until
 * connected — and until then it asks the database nothing: every change writes the outbox, so a count
 * kept while hidden was read again after every edit (a transaction and two requests) to render nothing.
 */
export function TeamStatus() {
  const status = useTeam((s) => s.status);
  return status === 'off' ? null : <TeamWord status={status} />;
}

function TeamWord({ status }: { status: Exclude<Status, 'off'> }) {
  const t = useT();
  const message = useTeam((s) => s.message);
  const counts = useLiveQuery(async () => ({
    send: await db.syncOutbox.count(),
    settle: await db.syncConflicts.count(),
  }));
  if (!counts) return null;
  const text =
    counts.settle > 0
      ? t('team.status.conflicts', { count: counts.settle })
      : status === 'syncing'
        ? t('team.status.syncing')
        : status === 'offline'
          ? counts.send > 0
            ? t('team.status.offlineToSend', { count: counts.send })
            : t('team.status.offline')
          : status === 'failed'
            ? t('team.status.failed')
            : counts.send > 0
              ? t('team.status.toSend', { count: counts.send })
              : t('team.status.synced');
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

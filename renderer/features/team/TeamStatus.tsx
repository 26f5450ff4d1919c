import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db';
import { useT } from '../../i18n';
import { useWorkbench } from '../../stores';
import { useTeam } from './team-state';

/** The status bar's word on team sync: synced, N to send, offline, conflicts to settle. Hidden until connected. */
export function TeamStatus() {
  const t = useT();
  const status = useTeam((s) => s.status);
  const message = useTeam((s) => s.message);
  const counts = useLiveQuery(async () => ({
    send: await db.syncOutbox.count(),
    settle: await db.syncConflicts.count(),
  }));
  if (status === 'off' || !counts) return null;
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

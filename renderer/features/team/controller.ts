import { db } from '../../db';
import { t } from '../../i18n';
import { workbench } from '../../platform/workbench';
import { workspace } from '../../workspace';
import { CouchClient, SyncError } from '../../workspace/sync/couch';
import { LiveSync } from '../../workspace/sync/live-sync';
import { TeamSync, type SyncSummary } from '../../workspace/sync/team-sync';
import { keepPasswordAsAsked } from './passwords';
import { useTeam } from './team-state';

/**
 * Live sync: how long one wait on the server's feed lasts (under main's request timeout), how soon a
 * change made here is sent, and how long to wait before trying again when the server cannot be reached.
 */
const WAIT_MS = 25_000;
const AFTER_CHANGE_MS = 1_500;
const RETRY_MS = 20_000;

let running: Promise<void> | null = null;
let again = false;
let live: LiveSync | undefined;

function syncer(publish: boolean): TeamSync {
  const { address, password } = useTeam.getState();
  const server = { ...address, password };
  // Sent by main (or the preview's bridge): the window's Content Security Policy allows no other network.
  const client = new CouchClient(server, async (request) => {
    try {
      return await workbench().teamRequest({ ...server, ...request });
    } catch (error) {
      // Main refused the request (an address it will not send to): its message is the analyst's sentence.
      throw new SyncError('setup', error instanceof Error ? error.message : String(error));
    }
  });
  const api = workbench();
  return new TeamSync(db, client, {
    publish,
    // Original files travel with their sources, from and into main's source store.
    files: {
      list: async () => (await api.listSourceFiles()).map((file) => file.sha256),
      read: (sha256) => api.readSourceFile(sha256),
      put: (bytes) => api.putSourceFile({ bytes }),
    },
    onProgress: ({ phase, done }) =>
      useTeam.setState({
        message: t(`team.${phase}`, { count: done }),
      }),
  });
}

function describe(summary: SyncSummary): string {
  const parts = [
    summary.published ? t('team.published') : '',
    t(summary.merged ? 'team.syncedMerged' : 'team.synced', {
      received: summary.received,
      sent: summary.sent,
      merged: summary.merged,
    }),
    summary.refused ? t('team.refused', { count: summary.refused }) : '',
    summary.conflicts ? t('team.conflictsBelow', { count: summary.conflicts }) : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/**
 * One sync with the team's server; a sync asked for while one runs is made right after it. Nothing is
 * sent unless the analyst connected (Connect, Sync now or live sync): that is the only way here.
 */
export function syncNow(publish = false): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    useTeam.setState({ status: 'syncing', message: t('team.syncing') });
    try {
      const summary = await syncer(publish).syncOnce();
      // The server took the password: now it is worth keeping (or forgetting, if the analyst unticked it).
      const kept = await keepPasswordAsAsked();
      useTeam.setState({
        status: 'synced',
        connected: true,
        message: [describe(summary), kept].filter(Boolean).join(' '),
      });
    } catch (error) {
      const offline = error instanceof SyncError && error.kind === 'offline';
      const message = error instanceof SyncError ? error.message : t('team.unexpected');
      useTeam.setState({ status: offline ? 'offline' : 'failed', message });
    } finally {
      running = null;
    }
    if (again) {
      again = false;
      await syncNow();
    }
  })();
  return running;
}

/** Live sync: colleagues' changes as soon as the server has them, and each change made here shortly after. */
export function setLiveSync(on: boolean): void {
  useTeam.setState({ live: on });
  live?.stop();
  live = undefined;
  if (!on) return;
  live = new LiveSync({
    sync: () => syncNow(),
    waitForChanges: () => syncer(false).waitForChanges(WAIT_MS),
    subscribe: (listener) => workspace.subscribe(listener),
    afterChangeMs: AFTER_CHANGE_MS,
    retryMs: RETRY_MS,
  });
  live.start();
}

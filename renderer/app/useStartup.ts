import { useCallback, useEffect, useState } from 'react';
import { db, requestPersistentStorage } from '../db';
import { describeStorageError, watchDatabaseConnection } from '../db/storage-errors';
import { useWorkbench } from '../stores';
import { t } from '../i18n';
import { workbench, type AppInfo } from '../platform/workbench';
import { seedDemoWorkspaceOnce } from '../workspace/commands/seed';
import { keepTextsInStore } from '../workspace/text-store';

export type Startup = { phase: 'starting' } | { phase: 'ready'; info: AppInfo } | { phase: 'failed'; message: string };

/** Connects to main, seeds the demo workspace on the very first start, and asks for persistent storage. */
export function useStartup(): { startup: Startup; retry: () => void } {
  const [startup, setStartup] = useState<Startup>({ phase: 'starting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => watchDatabaseConnection(db, (message) => useWorkbench.getState().notify('error', message)), []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const api = workbench();
      const info = await api.appInfo();
      await seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace());
      void requestPersistentStorage();
      if (!cancelled) setStartup({ phase: 'ready', info });
    })().catch((error: unknown) => {
      if (!cancelled) setStartup({ phase: 'failed', message: describeStorageError(error) });
    });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  // Texts still held in the database (from before schema 7, or brought in since) move to main's store.
  const ready = startup.phase === 'ready';
  useEffect(
    () =>
      ready
        ? keepTextsInStore(db, (error) =>
            useWorkbench.getState().notify('error', t('app.textsNotMoved', { reason: describeStorageError(error) })),
          )
        : undefined,
    [ready],
  );

  const retry = useCallback(() => {
    setStartup({ phase: 'starting' });
    setAttempt((n) => n + 1);
  }, []);
  return { startup, retry };
}

import { useEffect, useSyncExternalStore } from 'react';
import type { RecentExport } from '../../../shared/ipc/contract';
import { workbench } from '../../platform/workbench';

/** The last files main exported, as main lists them (newest first); refreshed after exports and on focus. */
let current: RecentExport[] | undefined;
const listeners = new Set<() => void>();

export async function refreshRecentExports(): Promise<void> {
  try {
    current = await workbench().listRecentExports();
  } catch {
    current = current ?? [];
  }
  listeners.forEach((l) => l());
}

export function useRecentExports(): RecentExport[] | undefined {
  useEffect(() => {
    void refreshRecentExports();
    const onFocus = () => void refreshRecentExports();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

export const openRecentExport = (id: string) => workbench().openRecentExport({ id });
export const showRecentExport = (id: string) => workbench().showRecentExport({ id });
export async function clearRecentExports(): Promise<void> {
  await workbench().clearRecentExports();
  await refreshRecentExports();
}

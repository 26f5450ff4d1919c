import type Dexie from 'dexie';
import { t as translate } from '../i18n';

/** The error, or the error inside it: Dexie reports a failed write as the transaction's AbortError with the cause as `inner`. */
function causes(error: unknown): { name: string }[] {
  const found: { name: string }[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const named = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof named.name === 'string') found.push({ name: named.name });
    current = named.inner ?? named.cause;
  }
  return found;
}

export function isQuotaExceeded(error: unknown): boolean {
  return causes(error).some((e) => e.name === 'QuotaExceededError');
}

// The sentences are looked up when they are said, so they follow the interface language of that moment.

/** A write refused because the disk (or the space the system allows) is full. */
export const quotaExceededMessage = (): string => translate('app.storage.quotaExceeded');

/** This window's connection was closed for a newer version opened in another window. */
export const connectionClosedMessage = (): string => translate('app.storage.connectionClosed');

/** This window's upgrade waits on another window that holds the workspace open with an older version. */
export const upgradeBlockedMessage = (): string => translate('app.storage.upgradeBlocked');

/** The sentence the analyst reads when a write to the workspace failed; the failed transaction has rolled back. */
export function describeStorageError(error: unknown): string {
  if (isQuotaExceeded(error)) return quotaExceededMessage();
  if (causes(error).some((e) => e.name === 'DatabaseClosedError' || e.name === 'VersionError'))
    return connectionClosedMessage();
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps an open workspace from blocking, or being blocked by, another window's upgrade:
 * - another window opens a newer schema → this window closes its connection and says why;
 * - this window's upgrade waits on an older window → it says what to do and carries on when it can.
 * Answers the function that stops watching.
 */
export function watchDatabaseConnection(db: Dexie, notify: (message: string) => void): () => void {
  const onVersionChange = (event: IDBVersionChangeEvent) => {
    // A deletion of the workspace (newVersion null) is done by this app only on purpose, from this window.
    if (event.newVersion === null) return;
    db.close({ disableAutoOpen: true });
    notify(connectionClosedMessage());
    return false; // closed here; Dexie need not close it again
  };
  const onBlocked = () => notify(upgradeBlockedMessage());
  db.on('versionchange', onVersionChange);
  db.on('blocked', onBlocked);
  return () => {
    db.on('versionchange').unsubscribe(onVersionChange);
    db.on('blocked').unsubscribe(onBlocked);
  };
}

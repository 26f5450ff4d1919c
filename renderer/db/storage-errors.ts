import type Dexie from 'dexie';

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

export const QUOTA_EXCEEDED_MESSAGE =
  'The change could not be saved because the disk is full (or the space the system allows the workbench is used up). Nothing of this change was written and everything saved before it is intact. Free some disk space, then make the change again.';

export const CONNECTION_CLOSED_MESSAGE =
  'The workspace was closed in this window because a newer version of the workbench opened it in another one. Nothing saved was lost; reload this window to carry on.';

export const UPGRADE_BLOCKED_MESSAGE =
  'The workspace cannot be updated to this version of the workbench while another window still has it open with an older version. Close or reload that window; this one will carry on by itself. Nothing was lost.';

/** The sentence the analyst reads when a write to the workspace failed; the failed transaction has rolled back. */
export function describeStorageError(error: unknown): string {
  if (isQuotaExceeded(error)) return QUOTA_EXCEEDED_MESSAGE;
  if (causes(error).some((e) => e.name === 'DatabaseClosedError' || e.name === 'VersionError'))
    return CONNECTION_CLOSED_MESSAGE;
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
    notify(CONNECTION_CLOSED_MESSAGE);
    return false; // closed here; Dexie need not close it again
  };
  const onBlocked = () => notify(UPGRADE_BLOCKED_MESSAGE);
  db.on('versionchange', onVersionChange);
  db.on('blocked', onBlocked);
  return () => {
    db.on('versionchange').unsubscribe(onVersionChange);
    db.on('blocked').unsubscribe(onBlocked);
  };
}

import type { Revision } from '../../../shared/domain/revision';
import type { WorkbenchDatabase } from '../../db/database';
import { docIdOf, SYNCED_TABLES, type SyncedTable, type SyncOutboxEntry } from '../../db/sync-state';
import type { RecordChange } from '../change-set';

/**
 * Notes every record a change touched, and every revision it wrote, as waiting to be sent. Runs inside
 * the change's own transaction, so a record is never written without its outbox entry. Recording costs
 * one small row per record and is done whether or not team sync is on: nothing is sent until the analyst
 * connects, but the first sync then knows what changed here meanwhile.
 */
export async function recordOutgoing(
  db: WorkbenchDatabase,
  touched: readonly RecordChange[],
  revisions: readonly Revision[],
  changeId: string,
  at: string,
): Promise<void> {
  const entries: SyncOutboxEntry[] = [];
  for (const change of touched) {
    if (!SYNCED_TABLES.includes(change.table as SyncedTable)) continue;
    entries.push({ docId: docIdOf(change.table as SyncedTable, change.key), changeId, at });
  }
  for (const revision of revisions) entries.push({ docId: docIdOf('revisions', revision.id), changeId, at });
  if (entries.length === 0) return;
  // A settled server-side conflict's losing versions stay to be deleted whatever is written after it.
  const earlier = await db.syncOutbox.bulkGet(entries.map((e) => e.docId));
  entries.forEach((entry, i) => {
    const discard = earlier[i]?.discardRevs;
    if (discard) entry.discardRevs = discard;
  });
  await db.syncOutbox.bulkPut(entries);
}

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
  const records: SyncOutboxEntry[] = [];
  for (const change of touched) {
    if (!SYNCED_TABLES.includes(change.table as SyncedTable)) continue;
    records.push({ docId: docIdOf(change.table as SyncedTable, change.key), changeId, at });
  }
  const fresh = revisions.map((revision) => ({ docId: docIdOf('revisions', revision.id), changeId, at }));
  if (records.length + fresh.length === 0) return;
  // A settled server-side conflict's losing versions stay to be deleted whatever is written after it.
  // Only a record can have an earlier entry: the change's revisions were made by it, under new ids, so
  // they are not read (on a field edit, two of the three entries: a request and its callback each).
  const earlier = records.length > 0 ? await db.syncOutbox.bulkGet(records.map((e) => e.docId)) : [];
  records.forEach((entry, i) => {
    const discard = earlier[i]?.discardRevs;
    if (discard) entry.discardRevs = discard;
  });
  await db.syncOutbox.bulkPut([...records, ...fresh]);
}

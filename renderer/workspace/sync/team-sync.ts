import { dequal } from 'dequal';
import { mergeRecordThreeWay, syncConflictOf, type Row } from '../../../shared/interop/merge';
import type { WorkbenchDatabase } from '../../db/database';
import {
  docIdOf,
  parseDocId,
  SYNCED_TABLES,
  type SyncedTable,
  type SyncOutboxEntry,
  type SyncRecord,
} from '../../db/sync-state';
import { ChangeSet, CommandRefusal } from '../change-set';
import type { TableName } from '../tables';
import { SyncError, type BulkResult, type ChangesBatch, type CouchClient } from './couch';
import { BlobTransfer, sha256Hex, type BlobRef, type SourceFiles } from './blobs';
import { fromDocument, longTextOf, toDocument, type CouchDocument } from './documents';
import { t as translate } from '../../i18n';

/** What one sync did, for the sentence the analyst reads. */
export interface SyncSummary {
  received: number;
  sent: number;
  /** Records changed on both sides whose changes merged by themselves. */
  merged: number;
  /** Records now waiting in the conflict view. */
  conflicts: number;
  /** Documents from the server that are not a valid record here (kept out; see the message). */
  refused: number;
  /** The database was created by this sync (publishing the workspace). */
  published: boolean;
  /** Original files sent to the server, and fetched from it into this computer's source store. */
  filesSent: number;
  filesReceived: number;
}

export interface SyncProgress {
  phase: 'receiving' | 'sending' | 'files';
  done: number;
}

export interface TeamSyncOptions {
  /** Records per `_changes` page and per `_bulk_docs` request. */
  batchSize?: number;
  /** Create the database when the server does not have it (publishing this workspace). */
  publish?: boolean;
  onProgress?: (progress: SyncProgress) => void;
  /**
   * The source store of this computer (main's, through IPC in the app): original files travel with their
   * sources. Without it only records and texts travel.
   */
  files?: SourceFiles;
  /** Lets the window breathe between batches (a task boundary); tests pass a plain resolved promise. */
  yieldToWindow?: () => Promise<void>;
}

/** How many pull–push rounds one sync makes when the server keeps refusing stale writes (409). */
const MAX_ROUNDS = 5;
const DEFAULT_BATCH = 200;
/** At most this many bytes of documents in one `_bulk_docs` request (CouchDB's default limits are far above). */
const REQUEST_BYTES = 8 * 1024 * 1024;
/** The id under which this machine notes that an original file is on the server (never a record's). */
const fileMark = (sha256: string) => `blobs:${sha256}`;

const withoutStamp = (row: Row): Row => {
  const { updatedAt: _u, ...rest } = row;
  return rest;
};
const sameRecord = (a: Row | undefined, b: Row | undefined): boolean =>
  a === undefined || b === undefined ? a === b : dequal(withoutStamp(a), withoutStamp(b));

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Team sync of one workspace with one CouchDB database (issue 20). Dexie stays the system of record:
 * this pulls the server's `_changes` from a stored checkpoint and applies each batch in one transaction,
 * then pushes the outbox with each record's last-seen `_rev`. A record changed on both sides goes through
 * the three-way merge (base = stored copy, mine = here, theirs = server); a field changed differently on
 * both is a conflict for the analyst, never decided by timestamps. A stale write (409) is pulled, merged
 * and retried. A crash at any point loses nothing: the outbox entry goes only once the server's answer
 * is stored, and a document the server has but this machine did not hear about comes back by `_changes`
 * and merges as "the same on both sides".
 */
export class TeamSync {
  private readonly batch: number;
  private readonly yieldToWindow: () => Promise<void>;
  private readonly blobs: BlobTransfer;

  constructor(
    private readonly db: WorkbenchDatabase,
    private readonly client: CouchClient,
    private readonly options: TeamSyncOptions = {},
  ) {
    this.batch = options.batchSize ?? DEFAULT_BATCH;
    this.yieldToWindow = options.yieldToWindow ?? pause;
    this.blobs = new BlobTransfer(client, client.user);
  }

  async syncOnce(): Promise<SyncSummary> {
    const summary: SyncSummary = {
      received: 0,
      sent: 0,
      merged: 0,
      conflicts: 0,
      refused: 0,
      published: false,
      filesSent: 0,
      filesReceived: 0,
    };
    summary.published = await this.client.openDatabase(this.options.publish ?? false);
    if (!(await this.db.syncCheckpoints.get(this.client.database))) await this.startWithDatabase();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      await this.pull(summary);
      const stale = await this.push(summary);
      if (stale === 0) break;
    }
    if (this.options.files) await this.exchangeFiles(this.options.files, summary);
    await this.sweepServerConflicts();
    summary.conflicts = await this.db.syncConflicts.count();
    return summary;
  }

  /** Live sync: waits on the server's feed for changes past this machine's checkpoint (see live-sync.ts). */
  async waitForChanges(timeoutMs: number): Promise<boolean> {
    const checkpoint = await this.db.syncCheckpoints.get(this.client.database);
    return this.client.waitForChanges(checkpoint?.since ?? '0', timeoutMs);
  }

  /** How many records wait to be sent (records in conflict wait for the analyst, not counted). */
  async pendingCount(): Promise<number> {
    return this.db.syncOutbox.count();
  }

  /**
   * The first sync with a database: what was agreed with any other database means nothing here, and every
   * record of this workspace is to be offered (the pull first brings the server's, so records both have
   * the same are not sent again).
   */
  private async startWithDatabase(): Promise<void> {
    const at = new Date().toISOString();
    await this.db.transaction('rw', [...this.db.workspaceTables, ...this.db.syncTables], async () => {
      await this.db.syncRecords.clear();
      await this.db.syncConflicts.clear();
      for (const table of SYNCED_TABLES) {
        const keys = (await this.db.table(table).toCollection().primaryKeys()) as string[];
        const entries: SyncOutboxEntry[] = keys.map((key) => ({
          docId: docIdOf(table, String(key)),
          changeId: 'first-sync',
          at,
        }));
        await this.db.syncOutbox.bulkPut(entries);
      }
      await this.db.syncCheckpoints.put({ database: this.client.database, since: '0' });
    });
  }

  private async pull(summary: SyncSummary): Promise<void> {
    for (;;) {
      const checkpoint = await this.db.syncCheckpoints.get(this.client.database);
      const since = checkpoint?.since ?? '0';
      const page = await this.client.changes(since, this.batch);
      if (page.changes.length === 0) {
        if (page.lastSeq !== since)
          await this.db.syncCheckpoints.put({ database: this.client.database, since: page.lastSeq });
        return;
      }
      const unseen = await this.unseen(page.changes);
      // A deletion needs no fetch: the feed says it, with the tombstone's revision.
      const tombstones: CouchDocument[] = unseen
        .filter((c) => c.deleted)
        .map((c) => ({ _id: c.id, _rev: c.revs[0]!, _deleted: true }));
      const fetched = await this.client.bulkGet(unseen.filter((c) => !c.deleted).map((c) => c.id));
      const docs = [...tombstones, ...fetched];
      await this.applyBatch(docs, page.lastSeq, summary, await this.longTexts(fetched));
      this.options.onProgress?.({ phase: 'receiving', done: summary.received });
      await this.yieldToWindow();
    }
  }

  /** The ids whose server revision this machine does not know yet: its own pushes come back as echoes. */
  private async unseen(changes: ChangesBatch['changes']): Promise<ChangesBatch['changes']> {
    const records = changes.filter((c) => parseDocId(c.id));
    const known = await this.db.syncRecords.bulkGet(records.map((c) => c.id));
    return records.filter((c, i) => !(c.revs.length === 1 && known[i]?.rev === c.revs[0]));
  }

  /** The long source texts these documents name, fetched from their chunks (before the batch's transaction). */
  private async longTexts(docs: readonly CouchDocument[]): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const doc of docs) {
      const ref = doc.textBlob;
      if (!ref || texts.has(ref.sha256)) continue;
      const bytes = await this.blobs.fetch(ref);
      if (!bytes) {
        // The colleague's sync sends the chunks before the record; this one was interrupted. Later it is whole.
        throw new SyncError(
          'server',
          'A long source text has not fully reached the team server yet (a colleague’s sync was interrupted). Nothing was lost; sync again in a while.',
        );
      }
      texts.set(ref.sha256, new TextDecoder().decode(bytes));
    }
    return texts;
  }

  private async applyBatch(
    docs: readonly CouchDocument[],
    lastSeq: string,
    summary: SyncSummary,
    longTexts: ReadonlyMap<string, string>,
  ): Promise<void> {
    const at = new Date().toISOString();
    await this.db.transaction('rw', [...this.db.workspaceTables, ...this.db.syncTables], async () => {
      const changes = new ChangeSet(this.db, at);
      for (const doc of docs) {
        const place = parseDocId(doc._id);
        if (!place || !doc._rev) continue;
        const known = await this.db.syncRecords.get(doc._id);
        if (known?.rev === doc._rev) continue; // the echo of this machine's own push
        const theirs = fromDocument(doc, longTexts);
        if (!doc._deleted && !theirs) {
          summary.refused++;
          continue;
        }
        const outcome = await this.applyOne(changes, place.table, place.key, doc._id, doc._rev, known, theirs, at);
        if (outcome === 'refused') summary.refused++;
        else {
          summary.received++;
          if (outcome === 'merged') summary.merged++;
        }
      }
      await this.db.syncCheckpoints.put({ database: this.client.database, since: lastSeq });
    });
  }

  private async applyOne(
    changes: ChangeSet,
    table: SyncedTable,
    key: string,
    docId: string,
    rev: string,
    known: SyncRecord | undefined,
    theirs: Row | undefined,
    at: string,
  ): Promise<'applied' | 'merged' | 'conflict' | 'refused'> {
    const mine = (await this.db.table(table).get(key)) as Row | undefined;
    const dirty = await this.db.syncOutbox.get(docId);
    const open = await this.db.syncConflicts.get(docId);
    const agree = (base: Row | undefined) => this.db.syncRecords.put({ docId, rev, base: base ?? null });
    const base = known?.base ?? undefined;

    if (!dirty && !open) {
      if (!(await this.write(changes, table, key, theirs))) return 'refused';
      await agree(theirs);
      return 'applied';
    }
    if (sameRecord(mine, theirs)) {
      // Both sides hold the same (a push whose answer was lost, or the same edit twice): nothing to send.
      await this.db.syncOutbox.delete(docId);
      await this.db.syncConflicts.delete(docId);
      await agree(theirs);
      return 'applied';
    }
    if (mine && theirs) {
      const merge = mergeRecordThreeWay(table, base, mine, theirs);
      await agree(theirs);
      if (merge.conflicts.length > 0) {
        await this.db.syncConflicts.put({
          docId,
          theirRev: rev,
          conflict: syncConflictOf(table, key, mine, theirs, merge),
          foundAt: at,
        });
        return 'conflict';
      }
      await this.db.syncConflicts.delete(docId);
      if (!(await this.write(changes, table, key, merge.merged))) return 'refused';
      if (sameRecord(merge.merged, theirs)) await this.db.syncOutbox.delete(docId);
      return 'merged';
    }
    if (!mine && theirs) {
      // Deleted here. If they did not change it since we agreed, the deletion stands and is sent.
      await agree(theirs);
      if (base && sameRecord(base, theirs)) return 'merged';
      await this.db.syncConflicts.put({
        docId,
        theirRev: rev,
        conflict: syncConflictOf(table, key, undefined, theirs, undefined),
        foundAt: at,
      });
      return 'conflict';
    }
    // Deleted on the server, changed here: deleting what the analyst just changed needs their word.
    await agree(undefined);
    if (base && sameRecord(base, mine)) {
      await this.write(changes, table, key, undefined);
      await this.db.syncOutbox.delete(docId);
      return 'applied';
    }
    await this.db.syncConflicts.put({
      docId,
      theirRev: rev,
      conflict: syncConflictOf(table, key, mine, undefined, undefined),
      foundAt: at,
    });
    return 'conflict';
  }

  /** Writes a record as received (validated, derived fields computed); false when it is not a valid record. */
  private async write(changes: ChangeSet, table: SyncedTable, key: string, row: Row | undefined): Promise<boolean> {
    if (table === 'revisions') {
      if (row) await this.db.revisions.put(row as never);
      else await this.db.revisions.delete(key);
      return true;
    }
    try {
      if (!row) {
        await changes.delete(table as TableName, key);
        return true;
      }
      const written = (await changes.put(table as TableName, row as never, { keepStamp: true })) as Row;
      // A change set does not write a record whose only difference is its stamp; the team's copy is kept exact.
      if (typeof row.updatedAt === 'string' && written.updatedAt !== row.updatedAt)
        await this.db.table(table).put({ ...written, updatedAt: row.updatedAt });
      return true;
    } catch (error) {
      if (error instanceof CommandRefusal) return false;
      throw error;
    }
  }

  /** Sends the outbox; answers how many writes the server refused as stale (409), to pull and retry. */
  private async push(summary: SyncSummary): Promise<number> {
    let stale = 0;
    let after = '';
    for (;;) {
      const entries = await this.db.syncOutbox.where('docId').above(after).limit(this.batch).toArray();
      if (entries.length === 0) return stale;
      after = entries.at(-1)!.docId;
      const outgoing = await this.outgoing(entries);
      await this.sendLongTexts(outgoing);
      if (outgoing.discards.length > 0) await this.client.bulkDocs(outgoing.discards);
      if (outgoing.docs.length > 0) {
        const results = await this.bulkDocsInParts(outgoing.docs);
        stale += await this.storeAnswers(outgoing, results, summary);
      } else if (outgoing.settled.length > 0) {
        await this.db.syncOutbox.bulkDelete(outgoing.settled);
      }
      this.options.onProgress?.({ phase: 'sending', done: summary.sent });
      await this.yieldToWindow();
    }
  }

  private async outgoing(entries: readonly SyncOutboxEntry[]) {
    return this.db.transaction('r', [...this.db.workspaceTables, ...this.db.syncTables], async () => {
      const docs: CouchDocument[] = [];
      const sent = new Map<string, { entry: SyncOutboxEntry; row: Row | undefined }>();
      const settled: string[] = [];
      // Losing versions of a settled server-side conflict: deleted so the server holds one version again.
      const discards: CouchDocument[] = [];
      // Texts too long to travel inline: hashed and sent as chunks after this transaction, before the records.
      const longTexts: { index: number; row: Row; bytes: Uint8Array }[] = [];
      for (const entry of entries) {
        const place = parseDocId(entry.docId);
        if (!place) {
          settled.push(entry.docId);
          continue;
        }
        if (await this.db.syncConflicts.get(entry.docId)) continue; // waits for the analyst
        const row = (await this.db.table(place.table).get(place.key)) as Row | undefined;
        const known = await this.db.syncRecords.get(entry.docId);
        if (!row && (!known || known.base === null)) {
          settled.push(entry.docId); // deleted here and not (or no longer) on the server
          continue;
        }
        const doc: CouchDocument = row
          ? toDocument(place.table, row, this.client.user)
          : { _id: entry.docId, _deleted: true, table: place.table, author: this.client.user };
        if (known) doc._rev = known.rev;
        const long = row ? longTextOf(place.table, row) : null;
        if (row && long) longTexts.push({ index: docs.length, row, bytes: long });
        for (const rev of entry.discardRevs ?? [])
          discards.push({ _id: entry.docId, _rev: rev, _deleted: true, author: this.client.user });
        docs.push(doc);
        sent.set(entry.docId, { entry, row });
      }
      return { docs, sent, settled, discards, longTexts };
    });
  }

  /** Sends the chunks of long texts about to be pushed (unless already there) and names them in their documents. */
  private async sendLongTexts(outgoing: Awaited<ReturnType<TeamSync['outgoing']>>): Promise<void> {
    for (const { index, row, bytes } of outgoing.longTexts) {
      const ref: BlobRef = { sha256: await sha256Hex(bytes), size: bytes.byteLength };
      if ((await this.blobs.missing([ref])).length > 0) await this.blobs.send(ref, bytes);
      const doc = outgoing.docs[index]!;
      outgoing.docs[index] = {
        ...toDocument('sourceTexts', row, this.client.user, ref),
        ...(doc._rev ? { _rev: doc._rev } : {}),
      };
    }
  }

  /** `_bulk_docs` in requests of at most REQUEST_BYTES; the answers of all of them, by id. */
  private async bulkDocsInParts(docs: readonly CouchDocument[]): Promise<Map<string, BulkResult>> {
    const results = new Map<string, BulkResult>();
    let part: CouchDocument[] = [];
    let bytes = 0;
    const flush = async () => {
      if (part.length === 0) return;
      for (const [id, result] of await this.client.bulkDocs(part)) results.set(id, result);
      part = [];
      bytes = 0;
    };
    for (const doc of docs) {
      const size = JSON.stringify(doc).length;
      if (bytes + size > REQUEST_BYTES) await flush();
      part.push(doc);
      bytes += size;
    }
    await flush();
    return results;
  }

  /**
   * Original files travel with their sources: each file a source here names is sent unless the server
   * has it, and each file a source names that this computer's store lacks is fetched (a joining member's
   * first sync brings them all). A file not yet on the server (its owner has not synced since) is
   * fetched by a later sync. This machine notes which files it knows are on the server, so a sync does
   * not ask again.
   */
  private async exchangeFiles(files: SourceFiles, summary: SyncSummary): Promise<void> {
    const refs = new Map<string, BlobRef>();
    for (const source of await this.db.sources.toArray())
      if (source.file) refs.set(source.file.sha256, { sha256: source.file.sha256, size: source.file.size });
    if (refs.size === 0) return;
    const here = new Set(await files.list());
    const marks = await this.db.syncRecords.bulkGet([...refs.keys()].map(fileMark));
    const unknown = [...refs.values()].filter((_, i) => !marks[i]);
    const missing = new Set((await this.blobs.missing(unknown)).map((ref) => ref.sha256));
    for (const ref of unknown) {
      if (missing.has(ref.sha256)) {
        if (!here.has(ref.sha256)) continue; // neither here nor there yet: its owner will send it
        await this.blobs.send(ref, await files.read(ref.sha256));
        summary.filesSent++;
      }
      await this.db.syncRecords.put({ docId: fileMark(ref.sha256), rev: 'stored', base: null });
      this.options.onProgress?.({ phase: 'files', done: summary.filesSent + summary.filesReceived });
      await this.yieldToWindow();
    }
    for (const ref of refs.values()) {
      if (here.has(ref.sha256) || missing.has(ref.sha256)) continue;
      const bytes = await this.blobs.fetch(ref);
      if (!bytes) continue; // not all there yet: a later sync fetches it
      await files.put(bytes);
      summary.filesReceived++;
      this.options.onProgress?.({ phase: 'files', done: summary.filesSent + summary.filesReceived });
      await this.yieldToWindow();
    }
  }

  private async storeAnswers(
    outgoing: Awaited<ReturnType<TeamSync['outgoing']>>,
    results: Map<string, { rev?: string; error?: string; reason?: string }>,
    summary: SyncSummary,
  ): Promise<number> {
    let stale = 0;
    const refusals: string[] = [];
    await this.db.transaction('rw', this.db.syncTables, async () => {
      if (outgoing.settled.length > 0) await this.db.syncOutbox.bulkDelete(outgoing.settled);
      for (const [docId, { entry, row }] of outgoing.sent) {
        const result = results.get(docId);
        if (!result) continue; // no answer for it: stays in the outbox
        if (result.rev && !result.error) {
          await this.db.syncRecords.put({ docId, rev: result.rev, base: row ?? null });
          const current = await this.db.syncOutbox.get(docId);
          // A change made while the request was out stays to be sent, on top of the revision just written.
          if (current?.changeId === entry.changeId) await this.db.syncOutbox.delete(docId);
          summary.sent++;
        } else if (result.error === 'conflict') stale++;
        else refusals.push(result.reason ?? result.error ?? 'refused');
      }
    });
    if (refusals.length > 0) {
      throw new SyncError('refused', translate('team.serverRefused', { count: refusals.length, reason: refusals[0] }));
    }
    return stale;
  }

  /**
   * Routes conflicts the server itself holds (`_conflicts`, from replication between servers) into the
   * conflict view: the losing version is "theirs" against the record here. Settling it writes the chosen
   * record on top of the winner and removes the losing versions.
   */
  private async sweepServerConflicts(): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const docs = await this.client.documentsWithConflicts(after, this.batch);
      if (docs.length === 0) return;
      after = docs.at(-1)!._id;
      for (const doc of docs) {
        const place = parseDocId(doc._id);
        if (!place || !doc._conflicts?.length || (await this.db.syncConflicts.get(doc._id))) continue;
        const loser = await this.client.getRevision(doc._id, doc._conflicts[0]!);
        const theirs = fromDocument(loser, await this.longTexts([loser]));
        const mine = (await this.db.table(place.table).get(place.key)) as Row | undefined;
        if (!mine || !theirs) continue;
        const merge = mergeRecordThreeWay(place.table, undefined, mine, theirs);
        await this.db.syncConflicts.put({
          docId: doc._id,
          theirRev: doc._rev!,
          losingRevs: doc._conflicts,
          conflict: syncConflictOf(place.table, place.key, mine, theirs, merge),
          foundAt: new Date().toISOString(),
        });
      }
      await this.yieldToWindow();
    }
  }
}

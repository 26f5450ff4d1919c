import { mergeRecordThreeWay, syncConflictOf, type Row } from '../../../shared/interop/merge';
import type { WorkbenchDatabase } from '../../db/database';
import { docIdOf, parseDocId, SYNCED_TABLES, type SyncOutboxEntry, type SyncRecord } from '../../db/sync-state';
import { ChangeSet } from '../change-set';
import { SyncError, type BulkResult, type ChangesBatch, type CouchClient } from './couch';
import { BlobTransfer, sha256Hex, type BlobRef, type SourceFiles } from './blobs';
import { fromDocument, longTextOf, toDocument, type CouchDocument } from './documents';
import { IncomingBatch, type HeldConflict } from './incoming';
import { textsForBatch, withTextsInline } from './local-texts';
import { mapBounded, PARALLEL_REQUESTS } from './parallel';
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
  /** Documents per `_bulk_get` request and per transaction that applies them (see FETCH_GROUP). */
  fetchSize?: number;
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

/** Documents of one page ready to apply: as the server holds them, with the long texts they name. */
interface FetchedGroup {
  docs: CouchDocument[];
  longTexts: Map<string, string>;
}

/** What the last group of a page brings besides its documents: the checkpoint past the page, its held conflicts. */
interface PageEnd {
  lastSeq: string;
  held: HeldConflict[];
}

/** How many pull–push rounds one sync makes when the server keeps refusing stale writes (409). */
const MAX_ROUNDS = 5;
const DEFAULT_BATCH = 1000;
/**
 * Documents per `_bulk_get` request and per transaction that applies them: a page of the feed is
 * fetched and applied in groups, so the documents held in memory at once stay bounded however large
 * the records are (a source text travels inline up to TEXT_INLINE_BYTES).
 */
const FETCH_GROUP = 250;
/**
 * How often the whole database is read for conflicts the server holds. Every sync already finds those on
 * the documents it pulls (their leaves are in `_changes`); the full sweep is the safety net, so a
 * conflict missed any other way (a workspace synced before this check existed) reaches the view within a
 * day. The clock only schedules it: a clock set back makes it due at once.
 */
const FULL_SWEEP_EVERY_MS = 24 * 60 * 60 * 1000;
/** At most this many bytes of documents in one `_bulk_docs` request (CouchDB's default limits are far above). */
const REQUEST_BYTES = 8 * 1024 * 1024;
/** The id under which this machine notes that an original file is on the server (never a record's). */
const fileMark = (sha256: string) => `blobs:${sha256}`;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Team sync of one workspace with one CouchDB database (issue 20). Dexie stays the system of record:
 * this pulls the server's `_changes` from a stored checkpoint and applies them group by group, each in one
 * transaction, then pushes the outbox with each record's last-seen `_rev`. A record changed on both sides goes through
 * the three-way merge (base = stored copy, mine = here, theirs = server); a field changed differently on
 * both is a conflict for the analyst, never decided by timestamps. A stale write (409) is pulled, merged
 * and retried. A crash at any point loses nothing: the outbox entry goes only once the server's answer
 * is stored, and a document the server has but this machine did not hear about comes back by `_changes`
 * and merges as "the same on both sides".
 */
export class TeamSync {
  private readonly batch: number;
  private readonly fetchSize: number;
  private readonly yieldToWindow: () => Promise<void>;
  private readonly blobs: BlobTransfer;

  constructor(
    private readonly db: WorkbenchDatabase,
    private readonly client: CouchClient,
    private readonly options: TeamSyncOptions = {},
  ) {
    this.batch = options.batchSize ?? DEFAULT_BATCH;
    this.fetchSize = options.fetchSize ?? FETCH_GROUP;
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
    if (await this.fullSweepDue()) await this.sweepServerConflicts();
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
      // The first pull reads every document's leaves from the start: it finds every conflict the server holds.
      await this.db.syncCheckpoints.put({
        database: this.client.database,
        since: '0',
        conflictsSweptAt: new Date().toISOString(),
      });
    });
  }

  private async saveCheckpoint(since: string): Promise<void> {
    const database = this.client.database;
    if ((await this.db.syncCheckpoints.update(database, { since })) === 0)
      await this.db.syncCheckpoints.put({ database, since });
  }

  /**
   * Pulls the server's changes page by page; a page's documents are fetched and applied in groups (see
   * FETCH_GROUP), the checkpoint moving past the page with its last group. While one group is applied
   * (one transaction), the next is already being fetched, so the server's work and the window's overlap.
   * A crash between groups loses nothing: the page is read again, and the groups already applied come
   * back as revisions this machine knows.
   */
  private async pull(summary: SyncSummary): Promise<void> {
    let since = (await this.db.syncCheckpoints.get(this.client.database))?.since ?? '0';
    let listing = this.client.changes(since, this.batch);
    for (;;) {
      const page = await listing;
      if (page.changes.length === 0) {
        if (page.lastSeq !== since) await this.saveCheckpoint(page.lastSeq);
        return;
      }
      // A page shorter than asked for is the end of the feed for now (a later change comes with the next sync).
      const more = page.changes.length >= this.batch;
      // The next page is asked for at once; awaited on the next turn, and heard of even if this one fails first.
      if (more) {
        listing = this.client.changes(page.lastSeq, this.batch);
        listing.catch(() => undefined);
      }
      const unseen = await this.unseen(page.changes);
      const held = this.heldConflicts(page.changes);
      held.catch(() => undefined); // awaited with the page's last group
      const groups: ChangesBatch['changes'][] = [];
      for (let at = 0; at < unseen.length; at += this.fetchSize) groups.push(unseen.slice(at, at + this.fetchSize));
      let fetching = this.fetchGroup(groups[0] ?? []);
      for (let index = 0; index < Math.max(1, groups.length); index++) {
        const group = await fetching;
        const last = index >= groups.length - 1;
        if (!last) {
          fetching = this.fetchGroup(groups[index + 1]!);
          fetching.catch(() => undefined);
        }
        await this.applyGroup(group, last ? { lastSeq: page.lastSeq, held: await held } : undefined, summary);
        this.options.onProgress?.({ phase: 'receiving', done: summary.received });
        await this.yieldToWindow();
      }
      if (!more) return;
      since = page.lastSeq;
    }
  }

  /**
   * Documents of a page from the server: deletions as the feed says them, the rest by `_bulk_get`, and
   * the long texts they name. Reads the server only, never the workspace (it runs while the group before
   * is applied).
   */
  private async fetchGroup(changes: ChangesBatch['changes']): Promise<FetchedGroup> {
    // A deletion needs no fetch: the feed says it, with the tombstone's revision.
    const tombstones: CouchDocument[] = changes
      .filter((c) => c.deleted)
      .map((c) => ({ _id: c.id, _rev: c.revs[0]!, _deleted: true }));
    const fetched = await this.client.bulkGet(changes.filter((c) => !c.deleted).map((c) => c.id));
    return { docs: [...tombstones, ...fetched], longTexts: await this.longTexts(fetched) };
  }

  /** The ids whose server revision this machine does not know yet: its own pushes come back as echoes. */
  private async unseen(changes: ChangesBatch['changes']): Promise<ChangesBatch['changes']> {
    const records = changes.filter((c) => parseDocId(c.id));
    const known = await this.db.syncRecords.bulkGet(records.map((c) => c.id));
    return records.filter((c, i) => !(c.revs.length === 1 && known[i]?.rev === c.revs[0]));
  }

  /**
   * Conflicts the server holds on the documents of a page. The feed lists every leaf of a document
   * (`style=all_docs`): one with more than one leaf may hold a conflict (or a deleted former one), and
   * only those are asked for their `_conflicts`.
   */
  private async heldConflicts(changes: ChangesBatch['changes']): Promise<HeldConflict[]> {
    const branched = changes.filter((c) => c.revs.length > 1 && parseDocId(c.id)).map((c) => c.id);
    const docs = (await this.client.withConflicts(branched)).filter((d) => d._rev && d._conflicts?.length);
    const held = await mapBounded(docs, PARALLEL_REQUESTS, async (doc) => {
      const loser = await this.client.getRevision(doc._id, doc._conflicts![0]!);
      const theirs = fromDocument(loser, await this.longTexts([loser]));
      return theirs ? { docId: doc._id, winnerRev: doc._rev!, losingRevs: doc._conflicts!, theirs } : undefined;
    });
    return held.filter((h) => h !== undefined);
  }

  /** The long source texts these documents name, fetched from their chunks (before the batch's transaction). */
  private async longTexts(docs: readonly CouchDocument[]): Promise<Map<string, string>> {
    const refs = new Map<string, BlobRef>();
    for (const doc of docs) if (doc.textBlob) refs.set(doc.textBlob.sha256, doc.textBlob);
    const texts = new Map<string, string>();
    await mapBounded([...refs.values()], PARALLEL_REQUESTS, async (ref) => {
      const bytes = await this.blobs.fetch(ref);
      if (!bytes) {
        // The colleague's sync sends the chunks before the record; this one was interrupted. Later it is whole.
        throw new SyncError('server', translate('team.errors.textIncomplete'));
      }
      texts.set(ref.sha256, new TextDecoder().decode(bytes));
    });
    return texts;
  }

  /** Applies a group in one transaction, with the checkpoint past the page when it is the page's last. */
  private async applyGroup(group: FetchedGroup, end: PageEnd | undefined, summary: SyncSummary): Promise<void> {
    if (group.docs.length === 0 && !end?.held.length) {
      if (end) await this.saveCheckpoint(end.lastSeq); // only echoes of this machine's pushes
      return;
    }
    const at = new Date().toISOString();
    const texts = await textsForBatch(this.db, group.docs, group.longTexts);
    await this.db.transaction('rw', [...this.db.workspaceTables, ...this.db.syncTables], async () => {
      const counts = await new IncomingBatch(this.db, new ChangeSet(this.db, at)).apply(
        group.docs,
        group.longTexts,
        end?.held ?? [],
        texts,
      );
      summary.received += counts.received;
      summary.merged += counts.merged;
      summary.refused += counts.refused;
      if (end) await this.saveCheckpoint(end.lastSeq);
    });
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
    const ids = entries.map((e) => e.docId);
    const places = entries.map((e) => parseDocId(e.docId));
    const read = await this.db.transaction('r', [...this.db.workspaceTables, ...this.db.syncTables], async () => {
      const [open, known] = await Promise.all([this.db.syncConflicts.bulkGet(ids), this.db.syncRecords.bulkGet(ids)]);
      return { open, known, rows: await this.rowsAt(places) };
    });
    // Sent as the text itself, as every version of the app sends it (see local-texts.ts).
    const rows = await withTextsInline(this.db, places, read.rows);
    const { open, known } = read;
    const docs: CouchDocument[] = [];
    const sent = new Map<string, { entry: SyncOutboxEntry; row: Row | undefined }>();
    const settled: string[] = [];
    // Losing versions of a settled server-side conflict: deleted so the server holds one version again.
    const discards: CouchDocument[] = [];
    // Texts too long to travel inline: hashed and sent as chunks after this transaction, before the records.
    const longTexts: { index: number; row: Row; bytes: Uint8Array }[] = [];
    entries.forEach((entry, i) => {
      const place = places[i];
      if (!place) {
        settled.push(entry.docId);
        return;
      }
      if (open[i]) return; // waits for the analyst
      const row = rows[i];
      const agreed = known[i];
      if (!row && (!agreed || agreed.base === null)) {
        settled.push(entry.docId); // deleted here and not (or no longer) on the server
        return;
      }
      const doc: CouchDocument = row
        ? toDocument(place.table, row, this.client.user)
        : { _id: entry.docId, _deleted: true, table: place.table, author: this.client.user };
      if (agreed) doc._rev = agreed.rev;
      const long = row ? longTextOf(place.table, row) : null;
      if (row && long) longTexts.push({ index: docs.length, row, bytes: long });
      for (const rev of entry.discardRevs ?? [])
        discards.push({ _id: entry.docId, _rev: rev, _deleted: true, author: this.client.user });
      docs.push(doc);
      sent.set(entry.docId, { entry, row });
    });
    return { docs, sent, settled, discards, longTexts };
  }

  /** The records at these places (one read per table), in the same order; undefined where none is. */
  private async rowsAt(places: readonly ({ table: string; key: string } | undefined)[]): Promise<(Row | undefined)[]> {
    const rows = new Array<Row | undefined>(places.length);
    const byTable = new Map<string, number[]>();
    places.forEach((place, i) => {
      if (!place) return;
      const at = byTable.get(place.table) ?? [];
      at.push(i);
      byTable.set(place.table, at);
    });
    for (const [table, indexes] of byTable) {
      const found = (await this.db.table(table).bulkGet(indexes.map((i) => places[i]!.key))) as (Row | undefined)[];
      indexes.forEach((index, j) => (rows[index] = found[j]));
    }
    return rows;
  }

  /** Sends the chunks of long texts about to be pushed (unless already there) and names them in their documents. */
  private async sendLongTexts(outgoing: Awaited<ReturnType<TeamSync['outgoing']>>): Promise<void> {
    if (outgoing.longTexts.length === 0) return;
    const refs: BlobRef[] = [];
    for (const { bytes } of outgoing.longTexts) refs.push({ sha256: await sha256Hex(bytes), size: bytes.byteLength });
    const missing = new Set((await this.blobs.missing(refs)).map((ref) => ref.sha256));
    for (const [i, { index, row, bytes }] of outgoing.longTexts.entries()) {
      const ref = refs[i]!;
      if (missing.delete(ref.sha256)) await this.blobs.send(ref, bytes);
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
    const wanted = [...refs.values()].filter((ref) => !here.has(ref.sha256) && !missing.has(ref.sha256));
    await mapBounded(wanted, PARALLEL_REQUESTS, async (ref) => {
      const bytes = await this.blobs.fetch(ref);
      if (!bytes) return; // not all there yet: a later sync fetches it
      await files.put(bytes);
      summary.filesReceived++;
      this.options.onProgress?.({ phase: 'files', done: summary.filesSent + summary.filesReceived });
      await this.yieldToWindow();
    });
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
      const ids = [...outgoing.sent.keys()];
      const current = await this.db.syncOutbox.bulkGet(ids);
      const agreed: SyncRecord[] = [];
      const done: string[] = [];
      ids.forEach((docId, i) => {
        const { entry, row } = outgoing.sent.get(docId)!;
        const result = results.get(docId);
        if (!result) return; // no answer for it: stays in the outbox
        if (result.rev && !result.error) {
          agreed.push({ docId, rev: result.rev, base: row ?? null });
          // A change made while the request was out stays to be sent, on top of the revision just written.
          if (current[i]?.changeId === entry.changeId) done.push(docId);
          summary.sent++;
        } else if (result.error === 'conflict') stale++;
        else refusals.push(result.reason ?? result.error ?? 'refused');
      });
      if (agreed.length > 0) await this.db.syncRecords.bulkPut(agreed);
      if (done.length > 0) await this.db.syncOutbox.bulkDelete(done);
    });
    if (refusals.length > 0) {
      throw new SyncError('refused', translate('team.serverRefused', { count: refusals.length, reason: refusals[0] }));
    }
    return stale;
  }

  /** Whether the periodic full sweep is due (see FULL_SWEEP_EVERY_MS). */
  private async fullSweepDue(): Promise<boolean> {
    const swept = (await this.db.syncCheckpoints.get(this.client.database))?.conflictsSweptAt;
    if (!swept) return true;
    const since = Date.now() - Date.parse(swept);
    return !(since >= 0 && since < FULL_SWEEP_EVERY_MS);
  }

  /**
   * The full sweep: routes every conflict the server itself holds (`_conflicts`, from replication between
   * servers) into the conflict view: the losing version is "theirs" against the record here. Settling it
   * writes the chosen record on top of the winner and removes the losing versions. Each sync already does
   * this for the documents it pulls (see heldConflicts); this reads the whole database, so it runs seldom.
   */
  private async sweepServerConflicts(): Promise<void> {
    const started = new Date().toISOString();
    let after: string | undefined;
    for (;;) {
      const docs = await this.client.documentsWithConflicts(after, this.batch);
      if (docs.length === 0) {
        await this.db.syncCheckpoints.update(this.client.database, { conflictsSweptAt: started });
        return;
      }
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

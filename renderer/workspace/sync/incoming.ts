import { dequal } from 'dequal';
import { mergeRecordThreeWay, syncConflictOf, type Row } from '../../../shared/interop/merge';
import type { WorkbenchDatabase } from '../../db/database';
import { withTextInline, withTextStored, type BatchTexts } from './local-texts';
import { parseDocId, type SyncConflict, type SyncedTable, type SyncRecord } from '../../db/sync-state';
import { CommandRefusal, type ChangeSet } from '../change-set';
import type { TableName } from '../tables';
import { fromDocument, type CouchDocument } from './documents';

/** What applying a batch of the server's documents did, for the sync's summary. */
export interface IncomingCounts {
  received: number;
  merged: number;
  refused: number;
}

/**
 * A conflict the server itself holds (`_conflicts`, left by replication between servers), found on a
 * document of a pulled page: the losing version is "theirs" against the record here once it is applied.
 */
export interface HeldConflict {
  docId: string;
  /** The winning revision: settling the conflict writes on top of it. */
  winnerRev: string;
  losingRevs: string[];
  /** The first losing version as a record. */
  theirs: Row;
}

type Outcome = 'applied' | 'merged' | 'conflict' | 'refused';

/** The sync bookkeeping of one record: what both sides now agree on, and what stops waiting. */
interface Bookkeeping {
  /** The record both sides now agree on (null: deleted on the server), stored with the server's revision. */
  agree?: Row | null;
  dropOutbox?: boolean;
  dropConflict?: boolean;
  conflict?: SyncConflict;
}

/** What one document of the batch does here, decided from what was read before anything is written. */
interface Plan {
  docId: string;
  table: SyncedTable;
  key: string;
  rev: string;
  outcome: Outcome;
  /** Done whether or not the write below is taken. */
  always: Bookkeeping;
  /** The record to write (`row` undefined: delete it) and the bookkeeping done only if it is written. */
  write?: { row: Row | undefined; then: Bookkeeping };
}

const withoutStamp = (row: Row): Row => {
  const { updatedAt: _u, ...rest } = row;
  return rest;
};
export const sameRecord = (a: Row | undefined, b: Row | undefined): boolean =>
  a === undefined || b === undefined ? a === b : dequal(withoutStamp(a), withoutStamp(b));

/** Reads `keys` of each table at once (one request per table), answering the rows by `<table>\0<key>`. */
async function rowsOf(
  db: WorkbenchDatabase,
  places: readonly { table: SyncedTable; key: string }[],
): Promise<Map<string, Row>> {
  const byTable = new Map<SyncedTable, string[]>();
  for (const { table, key } of places) {
    const keys = byTable.get(table) ?? [];
    keys.push(key);
    byTable.set(table, keys);
  }
  const rows = new Map<string, Row>();
  for (const [table, keys] of byTable) {
    const found = (await db.table(table).bulkGet(keys)) as (Row | undefined)[];
    keys.forEach((key, i) => {
      if (found[i]) rows.set(`${table}\u0000${key}`, found[i]);
    });
  }
  return rows;
}

/**
 * Applies a batch of the server's documents inside the caller's transaction: everything this needs is
 * read in one request per table, each document is decided in memory (clean change, both sides the same,
 * three-way merge, conflict for the analyst), and the records and the bookkeeping are written in one
 * request per table. A record the workspace refuses (not valid here) is counted and left out; the rest
 * of the batch is applied.
 */
export class IncomingBatch {
  private texts: BatchTexts = { mine: new Map(), theirs: new Map() };

  constructor(
    private readonly db: WorkbenchDatabase,
    private readonly changes: ChangeSet,
  ) {}

  async apply(
    docs: readonly CouchDocument[],
    longTexts: ReadonlyMap<string, string>,
    held: readonly HeldConflict[],
    /** The texts of the records the batch touches, this workspace's and the batch's (see local-texts.ts). */
    texts: BatchTexts = { mine: new Map(), theirs: new Map() },
  ): Promise<IncomingCounts> {
    this.texts = texts;
    const counts: IncomingCounts = { received: 0, merged: 0, refused: 0 };
    const at = this.changes.at;
    const relevant = docs.filter((doc) => parseDocId(doc._id) && doc._rev);
    const ids = relevant.map((doc) => doc._id);
    const [known, dirty, open] = await Promise.all([
      this.db.syncRecords.bulkGet(ids),
      this.db.syncOutbox.bulkGet(ids),
      this.db.syncConflicts.bulkGet(ids),
    ]);
    const mine = await rowsOf(
      this.db,
      relevant.map((doc) => parseDocId(doc._id)!),
    );
    for (const [at, row] of mine) if (at.startsWith('sourceTexts\u0000')) mine.set(at, withTextInline(row, texts.mine));
    const plans: Plan[] = [];
    relevant.forEach((doc, i) => {
      if (known[i]?.rev === doc._rev) return; // the echo of this machine's own push
      const place = parseDocId(doc._id)!;
      const theirs = fromDocument(doc, longTexts);
      if (!doc._deleted && !theirs) {
        counts.refused++;
        return;
      }
      plans.push(
        decide({
          docId: doc._id,
          ...place,
          rev: doc._rev!,
          base: known[i]?.base ?? undefined,
          mine: mine.get(`${place.table}\u0000${place.key}`),
          theirs,
          pending: Boolean(dirty[i] || open[i]),
          at,
        }),
      );
    });
    const refused = await this.write(plans);
    await this.keepBooks(plans, refused);
    for (const plan of plans) {
      if (refused.has(plan.docId)) counts.refused++;
      else {
        counts.received++;
        if (plan.outcome === 'merged') counts.merged++;
      }
    }
    await this.routeHeld(held, at);
    return counts;
  }

  /** Writes the batch's records, table by table; answers the documents whose record was refused. */
  private async write(plans: readonly Plan[]): Promise<Set<string>> {
    const refused = new Set<string>();
    const byTable = new Map<SyncedTable, Plan[]>();
    for (const plan of plans) {
      if (!plan.write) continue;
      const list = byTable.get(plan.table) ?? [];
      list.push(plan);
      byTable.set(plan.table, list);
    }
    for (const [table, list] of byTable) {
      const puts = list.filter((p) => p.write!.row !== undefined);
      const deletes = list.filter((p) => p.write!.row === undefined).map((p) => p.key);
      if (table === 'revisions') {
        // Revisions are the history as written elsewhere: stored as they are, never a change of their own.
        if (puts.length > 0) await this.db.revisions.bulkPut(puts.map((p) => p.write!.row as never));
        if (deletes.length > 0) await this.db.revisions.bulkDelete(deletes);
        continue;
      }
      if (deletes.length > 0) await this.changes.bulkDelete(table as TableName, deletes);
      if (puts.length > 0) await this.put(table as TableName, puts, refused);
    }
    return refused;
  }

  /** Puts received records (validated, derived fields computed), one by one only when one of them is refused. */
  private async put(table: TableName, plans: readonly Plan[], refused: Set<string>): Promise<void> {
    const received = plans.map((p) => p.write!.row!);
    // Texts are compared as texts, and kept as references to the store.
    const rows = table === 'sourceTexts' ? received.map((row) => withTextStored(row, this.texts.theirs)) : received;
    let written: (Row | undefined)[];
    try {
      written = (await this.changes.bulkPut(table, rows as never[], { keepStamp: true })) as Row[];
    } catch (error) {
      if (!(error instanceof CommandRefusal)) throw error;
      written = [];
      for (const [i, row] of rows.entries()) {
        try {
          written.push((await this.changes.put(table, row as never, { keepStamp: true })) as Row);
        } catch (each) {
          if (!(each instanceof CommandRefusal)) throw each;
          written.push(undefined);
          refused.add(plans[i]!.docId);
        }
      }
    }
    // A change set does not write a record whose only difference is its stamp; the team's copy is kept exact.
    const restamped = rows.flatMap((row, i) => {
      const done = written[i];
      return done && typeof row.updatedAt === 'string' && done.updatedAt !== row.updatedAt
        ? [{ ...done, updatedAt: row.updatedAt }]
        : [];
    });
    if (restamped.length > 0) await this.db.table(table).bulkPut(restamped);
  }

  private async keepBooks(plans: readonly Plan[], refused: ReadonlySet<string>): Promise<void> {
    const agreed: SyncRecord[] = [];
    const dropOutbox: string[] = [];
    const dropConflicts: string[] = [];
    const conflicts: SyncConflict[] = [];
    for (const plan of plans) {
      const books = [plan.always, ...(plan.write && !refused.has(plan.docId) ? [plan.write.then] : [])];
      for (const book of books) {
        if (book.agree !== undefined) agreed.push({ docId: plan.docId, rev: plan.rev, base: book.agree });
        if (book.dropOutbox) dropOutbox.push(plan.docId);
        if (book.dropConflict) dropConflicts.push(plan.docId);
        if (book.conflict) conflicts.push(book.conflict);
      }
    }
    if (agreed.length > 0) await this.db.syncRecords.bulkPut(agreed);
    if (dropOutbox.length > 0) await this.db.syncOutbox.bulkDelete(dropOutbox);
    if (dropConflicts.length > 0) await this.db.syncConflicts.bulkDelete(dropConflicts);
    if (conflicts.length > 0) await this.db.syncConflicts.bulkPut(conflicts);
  }

  /** Server-side conflicts into the conflict view, against the record as the batch left it. */
  private async routeHeld(held: readonly HeldConflict[], at: string): Promise<void> {
    if (held.length === 0) return;
    const open = await this.db.syncConflicts.bulkGet(held.map((h) => h.docId));
    const waiting = held.filter((_, i) => !open[i]);
    const places = waiting.map((h) => parseDocId(h.docId)!);
    const mine = await rowsOf(this.db, places);
    const found: SyncConflict[] = [];
    waiting.forEach((h, i) => {
      const { table, key } = places[i]!;
      const here = mine.get(`${table}\u0000${key}`);
      if (!here) return;
      const merge = mergeRecordThreeWay(table, undefined, here, h.theirs);
      found.push({
        docId: h.docId,
        theirRev: h.winnerRev,
        losingRevs: h.losingRevs,
        conflict: syncConflictOf(table, key, here, h.theirs, merge),
        foundAt: at,
      });
    });
    if (found.length > 0) await this.db.syncConflicts.bulkPut(found);
  }
}

interface Sides {
  docId: string;
  table: SyncedTable;
  key: string;
  rev: string;
  /** What both sides last agreed on. */
  base: Row | undefined;
  mine: Row | undefined;
  theirs: Row | undefined;
  /** The record waits to be sent, or for the analyst in the conflict view. */
  pending: boolean;
  at: string;
}

/**
 * One document against the record here. Never by timestamps: a record changed only there is taken, one
 * changed on both sides goes through the three-way merge, and what the merge cannot settle (the same
 * field changed differently, a deletion against an edit) waits for the analyst.
 */
function decide({ docId, table, key, rev, base, mine, theirs, pending, at }: Sides): Plan {
  const plan = { docId, table, key, rev };
  const conflictWith = (
    here: Row | undefined,
    there: Row | undefined,
    merge?: ReturnType<typeof mergeRecordThreeWay>,
  ) =>
    ({
      docId,
      theirRev: rev,
      conflict: syncConflictOf(table, key, here, there, merge),
      foundAt: at,
    }) satisfies SyncConflict;

  if (!pending)
    return { ...plan, outcome: 'applied', always: {}, write: { row: theirs, then: { agree: theirs ?? null } } };
  if (sameRecord(mine, theirs)) {
    // Both sides hold the same (a push whose answer was lost, or the same edit twice): nothing to send.
    return { ...plan, outcome: 'applied', always: { dropOutbox: true, dropConflict: true, agree: theirs ?? null } };
  }
  if (mine && theirs) {
    const merge = mergeRecordThreeWay(table, base, mine, theirs);
    if (merge.conflicts.length > 0)
      return { ...plan, outcome: 'conflict', always: { agree: theirs, conflict: conflictWith(mine, theirs, merge) } };
    return {
      ...plan,
      outcome: 'merged',
      always: { agree: theirs, dropConflict: true },
      write: { row: merge.merged, then: { dropOutbox: sameRecord(merge.merged, theirs) } },
    };
  }
  if (!mine && theirs) {
    // Deleted here. If they did not change it since we agreed, the deletion stands and is sent.
    if (base && sameRecord(base, theirs)) return { ...plan, outcome: 'merged', always: { agree: theirs } };
    return { ...plan, outcome: 'conflict', always: { agree: theirs, conflict: conflictWith(undefined, theirs) } };
  }
  // Deleted on the server, changed here: deleting what the analyst just changed needs their word.
  if (base && sameRecord(base, mine))
    return {
      ...plan,
      outcome: 'applied',
      always: { agree: null },
      write: { row: undefined, then: { dropOutbox: true } },
    };
  return { ...plan, outcome: 'conflict', always: { agree: null, conflict: conflictWith(mine, undefined) } };
}

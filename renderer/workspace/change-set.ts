import { t as translate } from '../i18n';
import { dequal } from 'dequal';
import type { Revision, RevisionOp } from '../../shared/domain/revision';
import type { WorkbenchDatabase } from '../db/database';
import { TABLES, type Row, type TableName } from './tables';

type Plain = Record<string, unknown>;

/** Field-level bookkeeping that changes with every write: never a reason to write by itself. */
const STAMP = 'updatedAt';

export interface PutOptions {
  /**
   * Keep the record's own `updatedAt` instead of stamping the change's instant: for records brought in
   * whole from elsewhere (a merge, the demo) and for undo, which puts back exactly what was there.
   */
  keepStamp?: boolean;
}

/** What one change did to one record: how it was before the command ran and how it is now (absent = none). */
export interface RecordChange {
  table: TableName;
  key: string;
  before: Plain | undefined;
  after: Plain | undefined;
}

/** A sentence-bearing error: a command refuses with what happened and what to do. */
export class CommandRefusal extends Error {
  override name = 'CommandRefusal';
}

/** One record of one table, as a key of the change set's maps. */
function recordId(table: TableName, key: string): string {
  return `${table}\u0000${key}`;
}

function withoutStamp(record: Plain): Plain {
  if (!(STAMP in record)) return record;
  const { [STAMP]: _stamp, ...rest } = record;
  return rest;
}

/** A record with its derived fields worked out, as the change set writes it (`threats`: the score). */
function derived(table: TableName, record: Plain): Plain {
  const spec = TABLES[table];
  return spec.derive ? spec.derive(record) : record;
}

/**
 * The record a change with instant `at` will store when it puts `record` over `before`, worked out
 * without the database: the derived fields computed and, if it differs from `before` in more than its
 * stamp, stamped with `at`; otherwise `before` itself, which the change set leaves as it is. A view
 * that shows an edit before its write (the register's grid) shows this, so the stored record, read
 * back once written, is the one already shown. Not validated: a refused write is taken back instead.
 */
export function asWritten<N extends TableName>(
  table: N,
  before: Row<N> | undefined,
  record: Row<N>,
  at: string,
): Row<N> {
  const next = derived(table, record as Plain);
  if (before && dequal(withoutStamp(before as Plain), withoutStamp(next))) return before;
  return (STAMP in next ? { ...next, [STAMP]: at } : next) as Row<N>;
}

/**
 * The only way a command writes the workspace. Every write goes to Dexie at once (so the command reads
 * its own writes) and is remembered as one before/after pair per record, however often the command
 * touched it; when the command ends, `revisions()` turns those pairs into one revision per field.
 * Each record is validated against its table's schema and its derived fields are computed here.
 */
export class ChangeSet {
  private readonly changes = new Map<string, RecordChange>();
  /**
   * Records this change has read through `get` and not written since, as they stand in its
   * transaction (a copy nobody else holds; absent = not there): the write that follows a read — a
   * command's `require` then `put` — takes its "before" from here instead of asking IndexedDB again.
   * Every write to these tables passes through this change set (lint forbids any other), so a copy
   * stays current until this change writes the record, which drops it.
   */
  private readonly read = new Map<string, Plain | undefined>();

  constructor(
    readonly db: WorkbenchDatabase,
    /** The instant of the change: every record it stamps and every revision it writes carry it. */
    readonly at: string,
  ) {}

  async get<N extends TableName>(table: N, key: string): Promise<Row<N> | undefined> {
    const found = await this.db.table<Row<N>, string>(table).get(key);
    this.read.set(recordId(table, key), found === undefined ? undefined : structuredClone(found as Plain));
    return found;
  }

  /** The record, or a refusal naming what is missing (e.g. deleted in another window). */
  async require<N extends TableName>(table: N, key: string, missing: string): Promise<Row<N>> {
    const found = await this.get(table, key);
    if (!found) throw new CommandRefusal(missing);
    return found;
  }

  /** Creates or replaces a record; answers the record as written (validated, derived fields computed). */
  async put<N extends TableName>(table: N, record: Row<N>, options: PutOptions = {}): Promise<Row<N>> {
    const [written] = await this.bulkPut(table, [record], options);
    return written!;
  }

  /** Changes some fields of an existing record. */
  async update<N extends TableName>(
    table: N,
    key: string,
    patch: Partial<Row<N>>,
    missing: string,
    options: PutOptions = {},
  ): Promise<Row<N>> {
    const current = await this.require(table, key, missing);
    return this.put(table, { ...current, ...patch }, options);
  }

  async bulkPut<N extends TableName>(
    table: N,
    records: readonly Row<N>[],
    options: PutOptions = {},
  ): Promise<Row<N>[]> {
    if (records.length === 0) return [];
    const spec = TABLES[table];
    const store = this.db.table<Row<N>, string>(table);
    const prepared = records.map((record) => this.prepare(table, record as Plain, options));
    const keys = prepared.map((record) => String(record[spec.key]));
    const befores = await this.storedBefore(table, keys);
    const written: Plain[] = [];
    const toWrite: Plain[] = [];
    prepared.forEach((record, i) => {
      const before = befores[i];
      if (before && dequal(withoutStamp(before), withoutStamp(record))) {
        written.push(before); // nothing changed: no write, no revision, no new stamp
        return;
      }
      const stamped = !options.keepStamp && STAMP in record ? { ...record, [STAMP]: this.at } : record;
      toWrite.push(stamped);
      written.push(stamped);
      this.remember(table, keys[i]!, before, stamped);
    });
    if (toWrite.length > 0) await store.bulkPut(toWrite as Row<N>[]);
    return written as Row<N>[];
  }

  /** Deletes a record; answers it as it was, or `undefined` when it was not there. */
  async delete<N extends TableName>(table: N, key: string): Promise<Row<N> | undefined> {
    const [removed] = await this.bulkDelete(table, [key]);
    return removed;
  }

  async bulkDelete<N extends TableName>(table: N, keys: readonly string[]): Promise<(Row<N> | undefined)[]> {
    if (keys.length === 0) return [];
    const store = this.db.table<Row<N>, string>(table);
    const befores = await this.storedBefore(table, keys);
    const present = keys.filter((_, i) => befores[i] !== undefined);
    if (present.length > 0) await store.bulkDelete(present);
    keys.forEach((key, i) => {
      const before = befores[i];
      if (before) this.remember(table, key, before, undefined);
    });
    return befores as (Row<N> | undefined)[];
  }

  /** Refuses the change when a record it leaves written breaks a rule across records of its table. */
  async checkRules(): Promise<void> {
    const written = new Map<TableName, Plain[]>();
    for (const change of this.touched()) {
      if (!change.after || !TABLES[change.table].check) continue;
      const list = written.get(change.table) ?? [];
      list.push(change.after);
      written.set(change.table, list);
    }
    for (const [table, records] of written) {
      const problem = await TABLES[table].check!(records, this.db);
      if (problem) throw new CommandRefusal(`${problem} ${translate('refusals.nothingChanged')}`);
    }
  }

  /** Every record this change touched, as it was and as it is. */
  touched(): RecordChange[] {
    return [...this.changes.values()].filter((c) => c.before !== undefined || c.after !== undefined);
  }

  /** One revision per field of every record created, changed or deleted, all stamped with the change's instant. */
  revisions(changeId: string, command: string, rationale: string | undefined): Revision[] {
    const out: Revision[] = [];
    for (const change of this.touched()) {
      const spec = TABLES[change.table];
      const record = (change.after ?? change.before)!;
      if (spec.revised && !spec.revised(record)) continue;
      const op: RevisionOp = !change.before ? 'create' : !change.after ? 'delete' : 'update';
      const before = change.before ?? {};
      const after = change.after ?? {};
      const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
      for (const field of fields) {
        if (op === 'update' && dequal(before[field], after[field])) continue;
        const revision: Revision = {
          id: crypto.randomUUID(),
          entity: spec.entity,
          entityId: change.key,
          field,
          before: before[field],
          after: after[field],
          at: this.at,
          op,
          changeId,
          command,
        };
        // A created record has no `before`, a deleted one no `after`: absent, not `undefined`, so the JSON of a backup says the same.
        if (op === 'create') delete revision.before;
        if (op === 'delete') delete revision.after;
        if (rationale) revision.rationale = rationale;
        out.push(revision);
      }
    }
    return out;
  }

  /**
   * The stored records under `keys`, before this change writes them: those it has read from `read`,
   * the others in one read. Each leaves `read`, since the write about to follow changes it.
   */
  private async storedBefore(table: TableName, keys: readonly string[]): Promise<(Plain | undefined)[]> {
    const befores: (Plain | undefined)[] = new Array<Plain | undefined>(keys.length);
    const unread: number[] = [];
    keys.forEach((key, i) => {
      const id = recordId(table, key);
      if (this.read.has(id)) {
        befores[i] = this.read.get(id);
        this.read.delete(id);
      } else unread.push(i);
    });
    if (unread.length > 0) {
      const found = (await this.db.table<Plain, string>(table).bulkGet(unread.map((i) => keys[i]!))) as (
        Plain | undefined
      )[];
      unread.forEach((at, j) => (befores[at] = found[j]));
    }
    return befores;
  }

  private prepare(table: TableName, record: Plain, options: PutOptions): Plain {
    const spec = TABLES[table];
    const next = derived(table, record);
    // The stamp is validated as it will be written, so a record without one yet still passes.
    const candidate = !options.keepStamp && STAMP in next ? { ...next, [STAMP]: this.at } : next;
    const parsed = spec.schema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
      throw new CommandRefusal(
        translate('refusals.invalidRecord', {
          entity: spec.entity,
          where,
          problem: issue?.message ?? translate('refusals.unknownProblem'),
        }),
      );
    }
    return parsed.data as Plain;
  }

  private remember(table: TableName, key: string, before: Plain | undefined, after: Plain | undefined): void {
    const id = recordId(table, key);
    const earlier = this.changes.get(id);
    this.changes.set(id, { table, key, before: earlier ? earlier.before : before, after });
  }
}

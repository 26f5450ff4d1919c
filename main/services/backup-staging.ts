import { backupParts } from '../../shared/interop/backup';
import { ServiceError } from './errors';

/** Backups being sent in parts at once; a further one pushes out the longest idle. */
const MAX_SESSIONS = 4;
/** A backup whose parts stopped arriving this long ago was abandoned (a closed window, a crash). */
const IDLE_MS = 10 * 60_000;
/** Records one backup may stage: far above any workspace, low enough that a runaway sender is stopped. */
const MAX_RECORDS = 5_000_000;

interface StagedPart {
  /** The part's place in its table (the sender's number, or its arrival when it gave none). */
  part: number;
  records: unknown[];
}

interface Session {
  tables: Map<string, StagedPart[]>;
  records: number;
  touched: number;
}

/**
 * The records of a backup the window sends in parts before its writeBackup request. A workspace of
 * tens of MB sent as one request is one long task on the window's thread (structured clone on the
 * desktop, JSON in the browser preview) that keeps the analyst's input waiting for seconds; in parts of
 * a few hundred records each, no part takes long. Parts are kept by the backup's task id until the
 * write takes them, the backup is cancelled, or they are abandoned. Nothing is checked here: the write
 * checks every record, staged or not, before anything is written.
 */
export class BackupStaging {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Adds records to a table of the backup named `taskId`, as part number `part` of that table (parts
   * sent several at once can arrive out of order); answers how many records that backup now holds.
   */
  add(taskId: string, table: string, records: unknown[], part?: number): number {
    this.expire();
    let session = this.sessions.get(taskId);
    if (!session) {
      if (this.sessions.size >= MAX_SESSIONS) this.evictIdlest();
      session = { tables: new Map(), records: 0, touched: this.now() };
      this.sessions.set(taskId, session);
    }
    if (session.records + records.length > MAX_RECORDS) {
      this.sessions.delete(taskId);
      throw new ServiceError({
        en: 'The backup is larger than the workbench can collect in one go, so it was stopped and nothing was written. Report this with the size of your workspace.',
        ru: 'Резервная копия больше, чем приложение может собрать за один раз, поэтому она остановлена и ничего не записано. Сообщите об этом, указав размер рабочего пространства.',
      });
    }
    let parts = session.tables.get(table);
    if (!parts) session.tables.set(table, (parts = []));
    parts.push({ part: part ?? parts.length, records });
    session.records += records.length;
    session.touched = this.now();
    return session.records;
  }

  /** The staged records of `taskId` by table, in the order of their parts, removed from here; null when none were staged. */
  take(taskId: string): Map<string, unknown[]> | null {
    const session = this.sessions.get(taskId);
    this.sessions.delete(taskId);
    if (!session) return null;
    const tables = new Map<string, unknown[]>();
    for (const [table, parts] of session.tables) {
      const records: unknown[] = [];
      for (const { records: part } of parts.sort((a, b) => a.part - b.part))
        for (const record of part) records.push(record);
      tables.set(table, records);
    }
    return tables;
  }

  drop(taskId: string): void {
    this.sessions.delete(taskId);
  }

  get size(): number {
    return this.sessions.size;
  }

  private expire(): void {
    const cutoff = this.now() - IDLE_MS;
    for (const [id, session] of this.sessions) if (session.touched < cutoff) this.sessions.delete(id);
  }

  private evictIdlest(): void {
    let idlest: [string, Session] | null = null;
    for (const entry of this.sessions) if (!idlest || entry[1].touched < idlest[1].touched) idlest = entry;
    if (idlest) this.sessions.delete(idlest[0]);
  }
}

/** The snapshot's tables with the staged records put first, in the order they were sent. */
export function withStaged<T extends Record<string, unknown[]>>(tables: T, staged: Map<string, unknown[]> | null): T {
  if (!staged) return tables;
  const merged: Record<string, unknown[]> = { ...tables };
  for (const [table, records] of staged) merged[table] = [...records, ...(merged[table] ?? [])];
  return merged as T;
}

/** Opened backups held for the window at once; a further one pushes out the oldest. */
const MAX_HANDOFFS = 2;

interface Held {
  tables: Map<string, unknown[][]>;
  left: number;
  touched: number;
}

/**
 * The other direction: the large tables of a backup main has opened and checked, held for the window
 * to take part by part (a restore or a merge of tens of MB answered at once is, again, one long task
 * in the window while it decodes). Held by a random id until every part is taken, or abandoned.
 */
export class BackupHandoffs {
  private readonly held = new Map<string, Held>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Holds every table bigger than one part; answers the tables to send at once (those held left
   * empty) and what was held, or null when everything fits in one answer.
   */
  hold<T extends Record<string, unknown[]>>(
    tables: T,
  ): { tables: T; handoff: { id: string; tables: { table: string; parts: number }[] } } | null {
    const cutoff = this.now() - IDLE_MS;
    for (const [id, entry] of this.held) if (entry.touched < cutoff) this.held.delete(id);
    const kept = new Map<string, unknown[][]>();
    const rest: Record<string, unknown[]> = { ...tables };
    for (const [table, records] of Object.entries(tables)) {
      const parts = backupParts(records);
      if (parts.length < 2) continue;
      kept.set(table, parts);
      rest[table] = [];
    }
    if (kept.size === 0) return null;
    while (this.held.size >= MAX_HANDOFFS) this.held.delete(this.held.keys().next().value!);
    const id = crypto.randomUUID();
    const left = [...kept.values()].reduce((n, parts) => n + parts.length, 0);
    this.held.set(id, { tables: kept, left, touched: this.now() });
    return {
      tables: rest as T,
      handoff: { id, tables: [...kept].map(([table, parts]) => ({ table, parts: parts.length })) },
    };
  }

  /** One part of a held table; each part can be taken once, and the backup is let go after its last. */
  take(id: string, table: string, index: number): unknown[] {
    const entry = this.held.get(id);
    const part = entry?.tables.get(table)?.[index];
    if (!entry || !part)
      throw new ServiceError({
        en: 'That part of the opened backup is no longer held (it was taken already, or the backup was opened too long ago). Open the backup again.',
        ru: 'Эта часть открытой резервной копии больше не хранится (её уже забрали или копия открыта слишком давно). Откройте копию снова.',
      });
    entry.tables.get(table)![index] = undefined as never;
    entry.touched = this.now();
    if (--entry.left === 0) this.held.delete(id);
    return part;
  }

  get size(): number {
    return this.held.size;
  }
}

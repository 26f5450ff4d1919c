import { ServiceError } from './errors';

/** Backups being sent in parts at once; a further one pushes out the longest idle. */
const MAX_SESSIONS = 4;
/** A backup whose parts stopped arriving this long ago was abandoned (a closed window, a crash). */
const IDLE_MS = 10 * 60_000;
/** Records one backup may stage: far above any workspace, low enough that a runaway sender is stopped. */
const MAX_RECORDS = 5_000_000;

interface Session {
  tables: Map<string, unknown[]>;
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

  /** Adds records to a table of the backup named `taskId`; answers how many that backup now holds. */
  add(taskId: string, table: string, records: unknown[]): number {
    this.expire();
    let session = this.sessions.get(taskId);
    if (!session) {
      if (this.sessions.size >= MAX_SESSIONS) this.evictIdlest();
      session = { tables: new Map(), records: 0, touched: this.now() };
      this.sessions.set(taskId, session);
    }
    if (session.records + records.length > MAX_RECORDS) {
      this.sessions.delete(taskId);
      throw new ServiceError('The backup is larger than the workbench can collect in one go, so it was stopped and nothing was written. Report this with the size of your workspace.');
    }
    const list = session.tables.get(table);
    if (list) for (const record of records) list.push(record);
    else session.tables.set(table, [...records]);
    session.records += records.length;
    session.touched = this.now();
    return session.records;
  }

  /** The staged records of `taskId` by table, removed from here; null when none were staged. */
  take(taskId: string): Map<string, unknown[]> | null {
    const session = this.sessions.get(taskId);
    this.sessions.delete(taskId);
    return session?.tables ?? null;
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

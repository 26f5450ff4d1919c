import { Dexie, type IntervalTree } from 'dexie';
import type { WorkbenchDatabase } from './database';

/** An idle period, or a second at the latest (a plain timer where there is no requestIdleCallback). */
export function whenIdle(work: () => void): () => void {
  if (typeof window !== 'undefined' && typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout: 1000 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 0);
  return () => clearTimeout(handle);
}

/**
 * How many records each of `tables` holds: counted once, then again only for a table a committed write
 * touched (Dexie's `storagemutated` names the tables written), and not in the write's own frames — the
 * recount waits for `schedule` (an idle period). One listener for every table, where a live query per
 * table had each of them merge every write's keys into its own set and compare, and had the threat
 * count run again among the frames of each cell edit (a count cannot tell an edit from an insert, and an
 * edit, the register's most common write, never changes it). `onCounts` hears every table's count once
 * all have been counted, then again only when a recount found a different number. Returns the function
 * that stops following.
 */
export function followCounts(
  db: WorkbenchDatabase,
  tables: readonly string[],
  onCounts: (counts: Readonly<Record<string, number>>) => void,
  schedule: (work: () => void) => () => void = whenIdle,
): () => void {
  const parts = new Map(tables.map((table) => [`idb://${db.name}/${table}/`, table]));
  let counts: Record<string, number> | null = null;
  let stale = new Set(tables);
  let cancel: (() => void) | null = null;
  let running = false;
  let stopped = false;

  const recount = async (): Promise<void> => {
    cancel = null;
    if (stopped || running || stale.size === 0) return;
    running = true;
    const now = stale;
    stale = new Set();
    try {
      const found = await Promise.all([...now].map((table) => db.table(table).count()));
      if (stopped) return;
      const next = { ...(counts ?? {}) };
      let changed = counts === null;
      [...now].forEach((table, i) => {
        if (next[table] !== found[i]) changed = true;
        next[table] = found[i]!;
      });
      counts = next;
      if (changed) onCounts(counts);
    } catch (error) {
      // A count that failed is asked again at the next write; the rail keeps the last one meanwhile.
      console.error('The rail could not count records', error);
    } finally {
      running = false;
      // Writes that landed while counting are counted in the next idle period.
      if (!stopped && stale.size > 0) cancel ??= schedule(() => void recount());
    }
  };

  const onMutated = (mutated: Record<string, IntervalTree>) => {
    let touched = false;
    for (const part of Object.keys(mutated)) {
      const table = parts.get(part);
      if (table === undefined) continue;
      stale.add(table);
      touched = true;
    }
    if (touched && !running) cancel ??= schedule(() => void recount());
  };

  Dexie.on.storagemutated.subscribe(onMutated);
  void recount();
  return () => {
    stopped = true;
    cancel?.();
    Dexie.on.storagemutated.unsubscribe(onMutated);
  };
}

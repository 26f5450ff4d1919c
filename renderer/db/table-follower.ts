import { Dexie, RangeSet, type IntervalTree } from 'dexie';
import type { WorkbenchDatabase } from './database';

/** Writes naming more keys than this are cheaper to answer by reading the table afresh. */
const MAX_KEYS_TO_FOLLOW = 200;

/** What to bring up to date: every record (`'all'`), or the records with these primary keys. */
export type TableWork = 'all' | ReadonlySet<string>;

export interface TableFollower {
  /** Brings the follower's copy up to date for `work`; answers whether anything it keeps changed. */
  apply(work: TableWork): Promise<boolean>;
  /** Called once the copy has caught up with every write seen so far, if `apply` changed anything. */
  settled?(): void;
  onError(error: unknown): void;
}

/** The primary keys a committed write touched, or null when it touched a range (bulk write, clear). */
function touchedKeys(tree: IntervalTree): string[] | null {
  const keys: string[] = [];
  for (const node of RangeSet(tree)) {
    if (node.from !== node.to || typeof node.from !== 'string') return null;
    keys.push(node.from);
    if (keys.length > MAX_KEYS_TO_FOLLOW) return null;
  }
  return keys;
}

/**
 * Follows every committed write to one table through Dexie's `storagemutated` event, which names the
 * keys written, so that a copy kept in memory (a source's passages, the search index's notes) is
 * updated by reading back just those records instead of the whole table on every edit, as a live query
 * would. Starts with `'all'`; writes that name ranges rather than keys (bulk imports, merges, restores)
 * ask for `'all'` again. `apply` calls never overlap, and writes that land meanwhile are gathered into
 * the next one. Returns the function that stops following.
 */
export function followTable(db: WorkbenchDatabase, table: string, follower: TableFollower): () => void {
  const part = `idb://${db.name}/${table}/`;
  let stopped = false;
  let pending: Set<string> | 'all' = 'all';
  let running = false;
  const caughtUp = () => pending !== 'all' && pending.size === 0;

  const drain = async (): Promise<void> => {
    if (running) return;
    running = true;
    let changed = false;
    try {
      while (!stopped && !caughtUp()) {
        const work = pending;
        pending = new Set();
        if (await follower.apply(work)) changed = true;
        // Writes that landed meanwhile are applied first: listeners see only copies that are current.
        if (!stopped && caughtUp() && changed) {
          changed = false;
          follower.settled?.();
        }
      }
    } catch (error) {
      if (!stopped) follower.onError(error);
    } finally {
      running = false;
    }
  };

  const onMutated = (parts: Record<string, IntervalTree>) => {
    const tree = parts[part];
    if (!tree) return;
    const keys = touchedKeys(tree);
    if (keys === null) pending = 'all';
    else if (pending !== 'all') for (const key of keys) pending.add(key);
    void drain();
  };

  Dexie.on.storagemutated.subscribe(onMutated);
  void drain();
  return () => {
    stopped = true;
    Dexie.on.storagemutated.unsubscribe(onMutated);
  };
}

import { Dexie, RangeSet, type IntervalTree } from 'dexie';
import type { Annotation } from '../../shared/domain/annotation';
import { inDocumentOrder } from './annotations';
import type { WorkbenchDatabase } from './database';

/** Writes naming more keys than this are cheaper to answer by reading the source's passages afresh. */
const MAX_KEYS_TO_FOLLOW = 200;

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

/** Inserts into a list kept in document order (binary search: the list may hold thousands). */
function insertInOrder(list: Annotation[], annotation: Annotation): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inDocumentOrder(list[mid]!, annotation) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, annotation);
}

/**
 * Keeps one source's passages in memory, in document order, and follows every committed write to the
 * annotations table (Dexie's `storagemutated`, which names the keys written): a passage created,
 * edited or deleted is read back alone and applied, so the list is not re-read (5,000 records for a
 * book) on each edit. Writes that name ranges rather than keys (bulk imports, merges, restores) read
 * the source's passages again. Unchanged passages keep their object identity, so the reader repaints
 * only what changed. `onChange` receives a new array on every change.
 */
export function watchSourceAnnotations(db: WorkbenchDatabase, sourceId: string, onChange: (annotations: Annotation[]) => void, onError: (error: unknown) => void): () => void {
  const part = `idb://${db.name}/annotations/`;
  let list: Annotation[] | null = null;
  let stopped = false;
  /** Keys written since the last apply; `'all'` when the whole list must be read again. */
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
        if (work === 'all' || list === null) {
          const read = await db.annotations.where('sourceId').equals(sourceId).toArray();
          list = read.sort(inDocumentOrder);
          changed = true;
        } else {
          const found = await db.annotations.bulkGet([...work]);
          const next = list.filter((a) => !work.has(a.id));
          let touched = next.length !== list.length;
          for (const annotation of found) {
            if (annotation?.sourceId !== sourceId) continue;
            insertInOrder(next, annotation);
            touched = true;
          }
          // A write to another source's passages leaves this list (and its listeners) alone.
          if (touched) {
            list = next;
            changed = true;
          }
        }
        // Writes that landed meanwhile are applied first: listeners see only lists that are current.
        if (!stopped && caughtUp() && changed) {
          changed = false;
          onChange(list);
        }
      }
    } catch (error) {
      if (!stopped) onError(error);
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

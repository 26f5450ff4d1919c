import type { Annotation } from '../../shared/domain/annotation';
import { inDocumentOrder } from './annotations';
import type { WorkbenchDatabase } from './database';
import { followTable } from './table-follower';

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
 * annotations table (see followTable): a passage created, edited or deleted is read back alone and
 * applied, so the list is not re-read (5,000 records for a book) on each edit. Writes that name ranges
 * rather than keys (bulk imports, merges, restores) read the source's passages again. Unchanged
 * passages keep their object identity, so the reader repaints only what changed. `onChange` receives a
 * new array on every change, and only once the list has caught up with every write seen.
 */
export function watchSourceAnnotations(db: WorkbenchDatabase, sourceId: string, onChange: (annotations: Annotation[]) => void, onError: (error: unknown) => void): () => void {
  let list: Annotation[] | null = null;
  return followTable(db, 'annotations', {
    async apply(work) {
      if (work === 'all' || list === null) {
        const read = await db.annotations.where('sourceId').equals(sourceId).toArray();
        list = read.sort(inDocumentOrder);
        return true;
      }
      const found = await db.annotations.bulkGet([...work]);
      const next = list.filter((a) => !work.has(a.id));
      let touched = next.length !== list.length;
      for (const annotation of found) {
        if (annotation?.sourceId !== sourceId) continue;
        insertInOrder(next, annotation);
        touched = true;
      }
      // A write to another source's passages leaves this list (and its listeners) alone.
      if (touched) list = next;
      return touched;
    },
    settled: () => onChange(list!),
    onError,
  });
}

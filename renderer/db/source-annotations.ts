import { Dexie, RangeSet, type IntervalTree } from 'dexie';
import type { Annotation } from '../../shared/domain/annotation';
import { isStoredSourceText, type Source, type SourceText } from '../../shared/domain/source';
import { inDocumentOrder } from './annotations';
import type { WorkbenchDatabase } from './database';
import { t as translate } from '../i18n';
import { textOf } from './source-texts';
import type { SourceSnapshot } from './sources';

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

/** Writes naming more keys than this are cheaper to answer by reading the passages afresh. */
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

/** A source's text and its passages (in document order) as they stood together at one moment. */
export interface SourceReading {
  sourceId: string;
  text: string;
  annotations: Annotation[];
}

/** A native IndexedDB request's result, as a promise settled in the task of its success event. */
function answer<T>(request: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error ?? new Error(translate('sources.idbReadFailed')));
  });
}

/**
 * A source's text and only the passages that start in its first `chars` characters (a range query on
 * `[sourceId+position.start]`), read together in one transaction: what the reader's first screen
 * needs, in a few milliseconds where all of a book's passages take a few hundred.
 *
 * On IndexedDB itself, not through Dexie: this read decides whether a book's first screen is on the page
 * in the frame after the click. Measured on a 1 MB text with 5,000 passages (2-core machine at load 3–5,
 * median of 18 interleaved reads), the same two reads took ~12 ms through a Dexie transaction, which also answers
 * only once the transaction has completed, and ~6 ms on one native transaction answered in the task of
 * the second success.
 *
 * `expected` is the digest the caller expects the record to name (the source's `textHash`, known from
 * the library's list): the text is then asked of main's store at once, beside the IndexedDB reads,
 * instead of after the record has come back and the click's render has let the record's answer run
 * (main takes ~20 ms to send a 1 MB text, which this overlaps with the click's own work). It is used only
 * if the record does name that digest; otherwise the text the record names is read as before.
 */
export function readSourceOpening(
  db: WorkbenchDatabase,
  sourceId: string,
  chars: number,
  expected?: string,
): Promise<SourceReading> {
  const early = expected ? db.textStore.read(expected) : null;
  // Unused when the record names another text (or holds its own); its failure is then nobody's concern.
  early?.catch(() => undefined);
  return readOpening(db, sourceId, chars, expected && early ? { sha256: expected, text: early } : null);
}

function readOpening(
  db: WorkbenchDatabase,
  sourceId: string,
  chars: number,
  early: { sha256: string; text: Promise<string> } | null,
): Promise<SourceReading> {
  if (!db.isOpen()) return db.open().then(() => readOpening(db, sourceId, chars, early));
  try {
    const within = db.backendDB().transaction(['sourceTexts', 'annotations'], 'readonly');
    const first = answer<Annotation[]>(
      within
        .objectStore('annotations')
        .index('[sourceId+position.start]')
        .getAll(IDBKeyRange.bound([sourceId, 0], [sourceId, chars], false, true)),
    );
    // The record names its text by digest: the text read from main's store is the one it named.
    const text = answer<SourceText | undefined>(within.objectStore('sourceTexts').get(sourceId)).then((stored) =>
      early && stored && isStoredSourceText(stored) && stored.sha256 === early.sha256
        ? early.text
        : textOf(db.textStore, stored),
    );
    return Promise.all([text, first]).then(([text, annotations]) => ({
      sourceId,
      text,
      annotations: annotations.sort(inDocumentOrder),
    }));
  } catch (error) {
    // The database was closed under us (another window upgraded it): the full reading reopens it.
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** What identifies the text a list of passages was read against (see watchSourceReading). */
const textStamp = (source: Source | undefined): string =>
  source ? `${source.version}:${source.textHash}:${source.textLength}` : '';

/**
 * Keeps one source's text and passages in memory, always as a pair read together, and follows every
 * committed write (Dexie's `storagemutated`, which names the keys written). A passage created, edited
 * or deleted is read back alone and applied, so a book's 5,000 passages are not re-read on each edit,
 * and unchanged passages keep their object identity, so the reader repaints only what changed. A
 * write to the source's text (a correction, a new version, a merge, a restore, the undo of any of
 * them), or one that names ranges rather than keys, reads the text and every passage again in one
 * transaction. Passages read back alone are read with the source's record, and if its text has moved
 * on meanwhile the whole pair is read again: listeners never see new passages over an old text, or old
 * passages over a new one (issue 14). `onChange` receives a new reading on every change, and only once
 * it has caught up with every write seen. Returns the function that stops following.
 */
export function watchSourceReading(
  db: WorkbenchDatabase,
  sourceId: string,
  onChange: (reading: SourceReading) => void,
  onError: (error: unknown) => void,
): () => void {
  const annotationsPart = `idb://${db.name}/annotations/`;
  const textsPart = `idb://${db.name}/sourceTexts/`;
  let stopped = false;
  let running = false;
  let pending: Set<string> | 'all' = 'all';
  let current: { text: string; stamp: string; annotations: Annotation[] } | null = null;
  const caughtUp = () => pending !== 'all' && pending.size === 0;

  const readAll = async () => {
    const { source, stored, read } = await db.transaction('r', db.sources, db.sourceTexts, db.annotations, async () => {
      const [source, stored, read] = await Promise.all([
        db.sources.get(sourceId),
        db.sourceTexts.get(sourceId),
        db.annotations.where('sourceId').equals(sourceId).toArray(),
      ]);
      return { source, stored, read };
    });
    // The pair stays one moment: the record read with the passages names its text by digest.
    current = {
      text: await textOf(db.textStore, stored),
      stamp: textStamp(source),
      annotations: read.sort(inDocumentOrder),
    };
    return true;
  };

  const apply = async (work: 'all' | ReadonlySet<string>): Promise<boolean> => {
    if (work === 'all' || current === null) return readAll();
    const known = current;
    const { source, found } = await db.transaction('r', db.sources, db.annotations, async () => ({
      source: await db.sources.get(sourceId),
      found: await db.annotations.bulkGet([...work]),
    }));
    if (textStamp(source) !== known.stamp) return readAll();
    const next = known.annotations.filter((a) => !work.has(a.id));
    let touched = next.length !== known.annotations.length;
    for (const annotation of found) {
      if (annotation?.sourceId !== sourceId) continue;
      insertInOrder(next, annotation);
      touched = true;
    }
    // A write to another source's passages leaves this reading (and its listeners) alone.
    if (touched) current = { ...known, annotations: next };
    return touched;
  };

  const drain = async (): Promise<void> => {
    if (running) return;
    running = true;
    let changed = false;
    try {
      while (!stopped && !caughtUp()) {
        const work = pending;
        pending = new Set();
        if (await apply(work)) changed = true;
        // Writes that landed meanwhile are applied first: listeners see only readings that are current.
        if (!stopped && caughtUp() && changed) {
          changed = false;
          onChange({ sourceId, text: current!.text, annotations: current!.annotations });
        }
      }
    } catch (error) {
      if (!stopped) onError(error);
    } finally {
      running = false;
    }
  };

  const onMutated = (parts: Record<string, IntervalTree>) => {
    const texts = parts[textsPart];
    const annotations = parts[annotationsPart];
    if (!texts && !annotations) return;
    if (texts) {
      const keys = touchedKeys(texts);
      if (keys === null || keys.includes(sourceId)) pending = 'all';
    }
    if (annotations) {
      const keys = touchedKeys(annotations);
      if (keys === null) pending = 'all';
      else if (pending !== 'all') for (const key of keys) pending.add(key);
    }
    void drain();
  };

  Dexie.on.storagemutated.subscribe(onMutated);
  void drain();
  return () => {
    stopped = true;
    Dexie.on.storagemutated.unsubscribe(onMutated);
  };
}

/**
 * One source's passages in document order, followed write by write (see watchSourceReading); a list
 * is reported only when the passages changed, not when the text alone did.
 */
export function watchSourceAnnotations(
  db: WorkbenchDatabase,
  sourceId: string,
  onChange: (annotations: Annotation[]) => void,
  onError: (error: unknown) => void,
): () => void {
  let last: Annotation[] | null = null;
  return watchSourceReading(
    db,
    sourceId,
    (reading) => {
      if (reading.annotations === last) return;
      last = reading.annotations;
      onChange(reading.annotations);
    },
    onError,
  );
}

/** The source, its text and its passages, read in one transaction (to put back on undo). */
export async function readSourceSnapshot(db: WorkbenchDatabase, sourceId: string): Promise<SourceSnapshot> {
  const { stored, ...rest } = await db.transaction('r', db.sources, db.sourceTexts, db.annotations, async () => {
    const source = await db.sources.get(sourceId);
    if (!source) throw new Error(translate('refusals.gone.source'));
    const stored = await db.sourceTexts.get(sourceId);
    const annotations = await db.annotations.where('sourceId').equals(sourceId).toArray();
    return { source, stored, annotations };
  });
  return { ...rest, text: await textOf(db.textStore, stored) };
}

import { Dexie, type IntervalTree } from 'dexie';
import { db } from '../../db';
import { readSourceOpening, type SourceReading } from '../../db/source-annotations';
import type { Source } from '../../../shared/domain/source';

/** The characters whose passages the reader's first screen is painted from (several screens of text). */
export const OPENING_CHARS = 20_000;

/**
 * A source's opening (its text and the passages of its first screens), read ahead of the reader that
 * shows it. `read` is undefined while the read runs and null when it failed (the full reading then
 * says what went wrong).
 */
export interface Opening {
  sourceId: string;
  read: SourceReading | null | undefined;
}

/**
 * The one opening kept: the source the analyst is about to open (pointed at, focused or clicked in
 * the library) or has just opened. One, because a book's text is a megabyte or more and the renderer
 * has little memory to spare; reading another source's opening drops it.
 */
let latest: Opening | null = null;
const listeners = new Set<() => void>();
let following = false;

function publish(next: Opening | null): void {
  latest = next;
  for (const listener of listeners) listener();
}

/**
 * A write to any text or passage may make the kept opening stale, and it is not worth finding out
 * whose: the opening is dropped, and the reader that already shows it keeps its own copy until its
 * full reading (which follows every write) takes over.
 */
function follow(): void {
  if (following) return;
  following = true;
  const texts = `idb://${db.name}/sourceTexts/`;
  const annotations = `idb://${db.name}/annotations/`;
  Dexie.on.storagemutated.subscribe((parts: Record<string, IntervalTree>) => {
    if (latest && (parts[texts] || parts[annotations])) publish(null);
  });
}

/**
 * Starts reading `sourceId`'s opening now, unless it is already read or being read. Called from the
 * library's click handler itself (and earlier, when the pointer rests on an entry or it takes the
 * focus), so the read is under way while React takes the previous source off the page, and the reader
 * can show the first screen in the task the read answers in. `textHash` (the source's, from the library's
 * list; omitted for a source without a text) lets the text be asked of main's store at once, beside the
 * IndexedDB reads, rather than once the record naming it has been read.
 */
export function readAhead(sourceId: string, textHash?: string): void {
  if (latest?.sourceId === sourceId) return;
  follow();
  const reading: Opening = { sourceId, read: undefined };
  publish(reading);
  const settle = (read: SourceReading | null) => {
    // Superseded by another source's read, or dropped by a write meanwhile (then read again on demand).
    if (latest === reading) publish({ sourceId, read });
  };
  readSourceOpening(db, sourceId, OPENING_CHARS, textHash).then(settle, () => settle(null));
}

/** How long a click in the library keeps the current source on screen while the next one's opening is read. */
export const HOLD_MS = 100;

/** The one switch waiting for its opening (the latest click wins). */
let waiting: { sourceId: string; go: () => void } | null = null;
let holdTimer = 0;

/** Drops the waiting switch, if any, without running it; answers it. */
function dropWaiting(): { sourceId: string; go: () => void } | null {
  const dropped = waiting;
  waiting = null;
  window.clearTimeout(holdTimer);
  listeners.delete(checkWaiting);
  return dropped;
}

function letWaitingGo(): void {
  dropWaiting()?.go();
}

function checkWaiting(): void {
  // Read (or failed), or dropped by a write (the reader then reads it itself): switch now. Overtaken by
  // another source's read, it is most likely another click, whose switch supersedes this one; else the
  // hold's time limit lets it go.
  if (waiting && (latest === null || (latest.sourceId === waiting.sourceId && latest.read !== undefined)))
    letWaitingGo();
}

/**
 * Calls `go` (which puts `sourceId` on screen) once its opening has been read, or after `HOLD_MS`,
 * whichever is first: the source on screen stays until the next one can show its first screen, so the
 * switch is one render and one frame (as a browser holds a page until the next can paint) rather than
 * an empty reader painted first and the text a frame or more later. Called in the click's task with
 * the read already under way; an opening read ahead (the pointer rested on the entry, or it had the
 * keyboard focus) switches at once. A later call supersedes a waiting one, which then never runs.
 */
export function whenOpened(sourceId: string, go: () => void): void {
  dropWaiting();
  if (!(latest?.sourceId === sourceId && latest.read === undefined)) {
    go();
    return;
  }
  waiting = { sourceId, go };
  listeners.add(checkWaiting);
  holdTimer = window.setTimeout(letWaitingGo, HOLD_MS);
}

/**
 * Lets `sourceId`'s opening go once its reader holds the full reading (a second copy of the text):
 * the one kept is then for the next source pointed at.
 */
export function forgetOpening(sourceId: string): void {
  if (latest?.sourceId === sourceId && latest.read !== undefined) publish(null);
}

/** For useSyncExternalStore: the kept opening, a new object whenever it changes. */
export function subscribeOpenings(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function keptOpening(): Opening | null {
  return latest;
}

/** The digest of a source's text, for asking main's store for it beside the opening's read (none without a text). */
export const textNamed = (source: Pick<Source, 'textLength' | 'textHash'>): string | undefined =>
  source.textLength > 0 ? source.textHash : undefined;

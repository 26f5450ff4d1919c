import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { db } from '../../db';
import { watchSourceReading, type SourceReading } from '../../db/source-annotations';
import { t as translate } from '../../i18n';
import { useWorkbench } from '../../stores';
import { forgetOpening, keptOpening, readAhead, subscribeOpenings, type Opening } from './opening';
import { reasonOf } from '../../../shared/domain/sentences';

/**
 * Runs `work` in a task of its own after the next frame has been drawn (or after a tenth of a second,
 * where a hidden window draws no frames). Answers the function that calls it off.
 */
function afterNextPaint(work: () => void): () => void {
  let done = false;
  let timer = 0;
  const run = () => {
    if (done) return;
    done = true;
    work();
  };
  const frame = requestAnimationFrame(() => {
    window.clearTimeout(fallback);
    timer = window.setTimeout(run);
  });
  const fallback = window.setTimeout(run, 100);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    window.clearTimeout(timer);
    window.clearTimeout(fallback);
  };
}

/**
 * One source's text and passages, kept current write by write and always read together, so the
 * reader, its stripes, the passage list and the review queue move to a new text in the same render;
 * undefined while first read, and not read before `start` (the sources view first reads the opening,
 * since IndexedDB would answer the small read only after the large one). The read starts after the
 * next frame: the render that shows the opening runs its effects in the same task, and starting a
 * book's full read there (a Dexie transaction over the text and every passage) held that frame back.
 */
export function useSourceReading(sourceId: string, start = true): SourceReading | undefined {
  const [reading, setReading] = useState<SourceReading | null>(null);
  useEffect(() => {
    if (!start) return;
    let stop: (() => void) | null = null;
    const cancel = afterNextPaint(() => {
      stop = watchSourceReading(db, sourceId, setReading, (error) =>
        useWorkbench.getState().notify('error', translate('sources.readFailed', { reason: reasonOf(error) })),
      );
    });
    return () => {
      cancel();
      stop?.();
    };
  }, [sourceId, start]);
  return reading?.sourceId === sourceId ? reading : undefined;
}

/**
 * The source's text with the passages of its opening only, read ahead of the full reading so the
 * reader can show and paint its first screen at once; `settled` once read (or failed). The read is
 * usually started by the library's click (see opening.ts), and the render that shows it is the one
 * useSyncExternalStore makes in the task the read answers in, before the next frame. Once settled, the
 * component keeps its own copy: the kept opening may be dropped by a write before the full reading
 * (useSourceReading, the one that counts: a failure here is left to it to report) takes over.
 */
export function useSourceOpening(
  sourceId: string,
  textHash?: string,
): {
  opening: SourceReading | undefined;
  settled: boolean;
  /** The full reading has arrived: the opening's copy of the text is let go (a book's text is megabytes). */
  release: () => void;
} {
  const [held, setHeld] = useState<Opening | null>(null);
  // Followed only until held: reading another source's opening then re-renders no one else.
  const kept = useSyncExternalStore(held ? followNothing : subscribeOpenings, held ? nothing : keptOpening);
  const ours = kept?.sourceId === sourceId && kept.read !== undefined ? kept : null;
  // Derived during render (React's pattern for state that follows a changing input): no extra commit.
  if (ours && !held) setHeld(ours);
  const settled = held !== null || ours !== null;
  const reading = kept?.sourceId === sourceId;
  // Opened without a click (at start, after an import) or dropped by a write before it was read.
  useEffect(() => {
    if (!settled && !reading) readAhead(sourceId, textHash);
  }, [sourceId, textHash, settled, reading]);
  const release = useCallback(() => {
    forgetOpening(sourceId);
    setHeld((now) => (now?.read ? { sourceId, read: null } : now));
  }, [sourceId]);
  const read = (held ?? ours)?.read;
  return { opening: read ?? undefined, settled, release };
}

const followNothing = () => () => undefined;
const nothing = () => null;

import { useEffect, useState } from 'react';
import { db } from '../../db';
import { readSourceOpening, watchSourceReading, type SourceReading } from '../../db/source-annotations';
import { useWorkbench } from '../../stores';

/**
 * One source's text and passages, kept current write by write and always read together, so the
 * reader, its stripes, the passage list and the review queue move to a new text in the same render;
 * undefined while first read, and not read before `start` (the sources view first reads the opening,
 * since IndexedDB would answer the small read only after the large one).
 */
export function useSourceReading(sourceId: string, start = true): SourceReading | undefined {
  const [reading, setReading] = useState<SourceReading | null>(null);
  useEffect(
    () =>
      !start
        ? undefined
        : watchSourceReading(db, sourceId, setReading, (error) =>
            useWorkbench
              .getState()
              .notify(
                'error',
                `The source’s text and passages could not be read: ${error instanceof Error ? error.message : String(error)}. Reload the window (Ctrl+R) to try again.`,
              ),
          ),
    [sourceId, start],
  );
  return reading?.sourceId === sourceId ? reading : undefined;
}

/** The characters whose passages the reader's first screen is painted from (several screens of text). */
const OPENING_CHARS = 20_000;

/**
 * The source's text with the passages of its opening only, read ahead of the full reading so the
 * reader can show and paint its first screen at once; `settled` once read (or failed). The full
 * reading (useSourceReading) is the one that counts: a failure here is left to it to report.
 */
export function useSourceOpening(sourceId: string): { opening: SourceReading | undefined; settled: boolean } {
  const [opening, setOpening] = useState<{ sourceId: string; read: SourceReading | null } | null>(null);
  useEffect(() => {
    let live = true;
    readSourceOpening(db, sourceId, OPENING_CHARS).then(
      (read) => live && setOpening({ sourceId, read }),
      // The full reading reads the same records and says what went wrong.
      () => live && setOpening({ sourceId, read: null }),
    );
    return () => {
      live = false;
    };
  }, [sourceId]);
  const settled = opening?.sourceId === sourceId;
  return { opening: settled ? (opening.read ?? undefined) : undefined, settled };
}

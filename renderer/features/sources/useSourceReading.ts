import { useEffect, useState } from 'react';
import { db } from '../../db';
import { readSourceOpening, watchSourceReading, type SourceReading } from '../../db/source-annotations';
import { useWorkbench } from '../../stores';

/**
 * One source's text and passages, kept current write by write and always read together, so the
 * reader, its stripes, the passage list and the review queue move to a new text in the same render;
 * undefined while first read.
 */
export function useSourceReading(sourceId: string): SourceReading | undefined {
  const [reading, setReading] = useState<SourceReading | null>(null);
  useEffect(
    () =>
      watchSourceReading(db, sourceId, setReading, (error) =>
        useWorkbench
          .getState()
          .notify(
            'error',
            `The source’s text and passages could not be read: ${error instanceof Error ? error.message : String(error)}. Reload the window (Ctrl+R) to try again.`,
          ),
      ),
    [sourceId],
  );
  return reading?.sourceId === sourceId ? reading : undefined;
}

/** The characters whose passages the reader's first screen is painted from (several screens of text). */
const OPENING_CHARS = 20_000;

/**
 * The source's text with the passages of its opening only, read ahead of the full reading so the
 * reader can show and paint its first screen at once; undefined until read. The full reading
 * (useSourceReading) is the one that counts: a failure here is left to it to report.
 */
export function useSourceOpening(sourceId: string): SourceReading | undefined {
  const [opening, setOpening] = useState<SourceReading | null>(null);
  useEffect(() => {
    let live = true;
    readSourceOpening(db, sourceId, OPENING_CHARS).then(
      (read) => live && setOpening(read),
      () => undefined, // the full reading reads the same records and says what went wrong
    );
    return () => {
      live = false;
    };
  }, [sourceId]);
  return opening?.sourceId === sourceId ? opening : undefined;
}

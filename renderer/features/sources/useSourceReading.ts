import { useEffect, useState } from 'react';
import { db } from '../../db';
import { watchSourceReading, type SourceReading } from '../../db/source-annotations';
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

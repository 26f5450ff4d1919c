import { useEffect, useState } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import { db } from '../../db';
import { watchSourceAnnotations } from '../../db/source-annotations';
import { useWorkbench } from '../../stores';

/** One source's passages in document order, kept current write by write; undefined while first read. */
export function useSourceAnnotations(sourceId: string): Annotation[] | undefined {
  const [state, setState] = useState<{ sourceId: string; annotations: Annotation[] } | null>(null);
  useEffect(
    () =>
      watchSourceAnnotations(
        db,
        sourceId,
        (annotations) => setState({ sourceId, annotations }),
        (error) => useWorkbench.getState().notify('error', `The source’s passages could not be read: ${error instanceof Error ? error.message : String(error)}. Reload the window (Ctrl+R) to try again.`),
      ),
    [sourceId],
  );
  return state?.sourceId === sourceId ? state.annotations : undefined;
}

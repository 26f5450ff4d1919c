import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { db } from '../../db';
import { workbench } from '../../platform/workbench';

/** How much the workspace holds, counted live (the welcome's "what the demo holds", the question before emptying). */
export interface WorkspaceSummary {
  sources: number;
  passages: number;
  threats: number;
  actors: number;
  countries: number;
  briefings: number;
  /**
   * The demo's article and register, as they are called now, while the workspace still holds them: the
   * welcome's sentence about the demo names them (and not, once the analyst has sources of their own,
   * whichever source happens to come first).
   */
  demoSource: string | undefined;
  demoRegister: string | undefined;
}

/** The identifiers of the demo's article and register, from the demo main ships (the same in every installation). */
function useDemoIds(): { sourceId: string; registerId: string } | null | undefined {
  const [ids, setIds] = useState<{ sourceId: string; registerId: string } | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    workbench()
      .loadDemoWorkspace()
      .then(
        (demo) => live && setIds({ sourceId: demo.source.id, registerId: demo.register.id }),
        // Without the demo's file the welcome still counts what the workspace holds.
        () => live && setIds(null),
      );
    return () => {
      live = false;
    };
  }, []);
  return ids;
}

export function useWorkspaceSummary(): WorkspaceSummary | undefined {
  const demo = useDemoIds();
  return useLiveQuery(async () => {
    if (demo === undefined) return undefined;
    return {
      sources: await db.sources.count(),
      passages: await db.annotations.count(),
      threats: await db.threats.count(),
      actors: await db.actors.count(),
      countries: await db.countries.count(),
      briefings: await db.briefings.count(),
      demoSource: demo ? (await db.sources.get(demo.sourceId))?.title : undefined,
      demoRegister: demo ? (await db.registers.get(demo.registerId))?.name : undefined,
    };
  }, [demo]);
}

/** Nothing of the analyst's own: no source, passage, threat, actor or briefing (the region's countries may stay). */
export const isEmpty = (s: WorkspaceSummary) => s.sources + s.passages + s.threats + s.actors + s.briefings === 0;

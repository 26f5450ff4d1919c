import { useLiveQuery } from 'dexie-react-hooks';
import { DEMO_REGISTER_ID, DEMO_SOURCE_ID } from '../../../shared/domain/demo';
import { db } from '../../db';

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

export function useWorkspaceSummary(): WorkspaceSummary | undefined {
  return useLiveQuery(async () => ({
    sources: await db.sources.count(),
    passages: await db.annotations.count(),
    threats: await db.threats.count(),
    actors: await db.actors.count(),
    countries: await db.countries.count(),
    briefings: await db.briefings.count(),
    demoSource: (await db.sources.get(DEMO_SOURCE_ID))?.title,
    demoRegister: (await db.registers.get(DEMO_REGISTER_ID))?.name,
  }));
}

/** Nothing of the analyst's own: no source, passage, threat, actor or briefing (the region's countries may stay). */
export const isEmpty = (s: WorkspaceSummary) => s.sources + s.passages + s.threats + s.actors + s.briefings === 0;

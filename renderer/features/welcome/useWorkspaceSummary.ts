import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db';

/** How much the workspace holds, counted live (the welcome's "what the demo holds", the question before emptying). */
export interface WorkspaceSummary {
  sources: number;
  passages: number;
  threats: number;
  actors: number;
  countries: number;
  briefings: number;
  /** The first source's title and the first register's name, for the welcome's sentence about the demo. */
  firstSource: string | undefined;
  firstRegister: string | undefined;
}

export function useWorkspaceSummary(): WorkspaceSummary | undefined {
  return useLiveQuery(async () => ({
    sources: await db.sources.count(),
    passages: await db.annotations.count(),
    threats: await db.threats.count(),
    actors: await db.actors.count(),
    countries: await db.countries.count(),
    briefings: await db.briefings.count(),
    firstSource: (await db.sources.toCollection().first())?.title,
    firstRegister: (await db.registers.orderBy('name').first())?.name,
  }));
}

/** Nothing of the analyst's own: no source, passage, threat, actor or briefing (the region's countries may stay). */
export const isEmpty = (s: WorkspaceSummary) => s.sources + s.passages + s.threats + s.actors + s.briefings === 0;

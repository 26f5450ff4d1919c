import type { WorkbenchDatabase } from './database';

/** Meta entry saying when the demo workspace was written; it stays after the analyst deletes the demo. */
export const DEMO_SEEDED_KEY = 'demoSeededAt';

/** The command that writes the demo workspace (renderer/workspace/commands/seed.ts), as its revisions name it. */
export const DEMO_SEED_COMMAND = 'demo.seed';

/** For histories that list the analyst's changes: whether a revision is not the demo's own creation. */
export function notDemoCreation(revision: { command?: string }): boolean {
  return revision.command !== DEMO_SEED_COMMAND;
}

export type SeedOutcome = 'seeded' | 'already-seeded';

/** Whether the demo workspace has been written here once (whatever the analyst has deleted of it since). */
export async function isDemoSeeded(db: WorkbenchDatabase): Promise<boolean> {
  return (await db.meta.get(DEMO_SEEDED_KEY)) !== undefined;
}

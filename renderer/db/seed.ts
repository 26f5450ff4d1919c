import type { DemoWorkspace } from '../../shared/ipc/contract';
import type { WorkbenchDatabase } from './database';

export const DEMO_SEEDED_KEY = 'demoSeededAt';

export type SeedOutcome = 'seeded' | 'already-seeded';

/**
 * Writes the demo workspace on the very first start, in one transaction. The marker stays after the
 * analyst deletes the demo, so it never comes back uninvited.
 */
export async function seedDemoWorkspaceOnce(db: WorkbenchDatabase, load: () => Promise<DemoWorkspace>): Promise<SeedOutcome> {
  if (await db.meta.get(DEMO_SEEDED_KEY)) return 'already-seeded';
  const demo = await load();
  return db.transaction('rw', db.workspaceTables, async () => {
    // Another window may have seeded while main was loading the demo.
    if (await db.meta.get(DEMO_SEEDED_KEY)) return 'already-seeded';
    await db.sources.put(demo.source);
    await db.sourceTexts.put(demo.sourceText);
    await db.registers.put(demo.register);
    await db.threats.bulkPut(demo.threats);
    await db.actors.bulkPut(demo.actors);
    await db.countries.bulkPut(demo.countries);
    await db.tags.bulkPut(demo.tags);
    await db.annotations.bulkPut(demo.annotations);
    await db.meta.put({ key: DEMO_SEEDED_KEY, value: new Date().toISOString() });
    return 'seeded';
  });
}

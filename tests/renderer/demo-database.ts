import { storeTextsThrough } from './source-text';
import { afterEach } from 'vitest';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { DEMO_SEED_COMMAND } from '../../renderer/db/seed';
import { seedDemoWorkspaceOnce } from '../../renderer/workspace/commands/seed';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';
import type { Revision } from '../../shared/domain/revision';

/** History written since the demo was: not one of the demo's creation revisions (the seed writes one per field of each record). */
export const sinceDemo = (revision: Revision): boolean => revision.command !== DEMO_SEED_COMMAND;

/**
 * Fresh databases (fake-indexeddb) seeded with the demo workspace through the real main handler
 * table and a real data folder, each deleted after its test.
 */
export function useDemoDatabases(): () => Promise<WorkbenchDatabase> {
  const tempFolder = useTempFolders();
  const open: WorkbenchDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.delete();
  });
  return async () => {
    const db = new WorkbenchDatabase(`test-${crypto.randomUUID()}`);
    open.push(db);
    const api = await realWorkbench(await tempFolder());
    storeTextsThrough(db, api);
    await seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace());
    return db;
  };
}

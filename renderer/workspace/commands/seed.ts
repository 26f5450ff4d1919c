import type { DemoWorkspace } from '../../../shared/ipc/contract';
import type { StoredSourceText } from '../../../shared/domain/source';
import type { WorkbenchDatabase } from '../../db/database';
import { storeSourceText } from '../../db/source-texts';
import { DEMO_SEED_COMMAND, DEMO_SEEDED_KEY, isDemoSeeded, type SeedOutcome } from '../../db/seed';
import { t as translate } from '../../i18n';
import { defineCommand, Workspace } from '../workspace';

/**
 * Writes the demo workspace (as main loaded it) unless it was written here before. Its records keep the
 * stamps they come with and each gets its creation revisions; the marker stays after the analyst
 * deletes the demo, so it never comes back uninvited. Recorded, not a step for Ctrl+Z.
 */
export const seedDemo = defineCommand({
  id: DEMO_SEED_COMMAND,
  label: () => translate('labels.seedDemo'),
  undoable: false,
  // The demo's text goes into main's store like any other source's.
  prepare: async (demo: DemoWorkspace, db) => ({
    ...demo,
    stored: await storeSourceText(db.textStore, demo.sourceText.sourceId, demo.sourceText.text),
  }),
  run: async (changes, demo: DemoWorkspace & { stored?: StoredSourceText }): Promise<SeedOutcome> => {
    // Another window may have seeded while main was loading the demo.
    if (await changes.get('meta', DEMO_SEEDED_KEY)) return 'already-seeded';
    const asIs = { keepStamp: true };
    await changes.put('sources', demo.source, asIs);
    await changes.put('sourceTexts', demo.stored ?? demo.sourceText, asIs);
    await changes.put('registers', demo.register, asIs);
    await changes.bulkPut('threats', demo.threats, asIs);
    await changes.bulkPut('actors', demo.actors, asIs);
    await changes.bulkPut('countries', demo.countries, asIs);
    await changes.bulkPut('tags', demo.tags, asIs);
    await changes.bulkPut('annotations', demo.annotations, asIs);
    await changes.put('meta', { key: DEMO_SEEDED_KEY, value: changes.at });
    return 'seeded';
  },
});

/**
 * Writes the demo workspace on the very first start, as one change. `load` (main's demo, read from
 * disk) is only called when the demo has not been written yet, and before the change begins.
 */
export async function seedDemoWorkspaceOnce(
  db: WorkbenchDatabase,
  load: () => Promise<DemoWorkspace>,
): Promise<SeedOutcome> {
  if (await isDemoSeeded(db)) return 'already-seeded';
  const demo = await load();
  // Not a step for Ctrl+Z, so a workspace of its own does: startup runs before any view, and tests
  // seed databases of their own.
  return new Workspace(db).perform(seedDemo, demo);
}

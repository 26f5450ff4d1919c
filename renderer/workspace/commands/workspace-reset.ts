import type { TableName } from '../tables';
import { defineCommand } from '../workspace';
import { t as translate } from '../../i18n';

/**
 * What an empty workspace has none of: every record the analyst works with. Countries stay: they are
 * the region's reference profiles (figures, notes), which nothing else in the app can create; meta
 * (settings, bookkeeping) stays too.
 */
const CONTENT_TABLES = [
  'annotations',
  'sourceTexts',
  'sources',
  'threats',
  'exposureOverrides',
  'registers',
  'actors',
  'tags',
  'briefings',
  'views',
] as const satisfies readonly TableName[];

/** How many records of each kind the change removed. */
export type EmptiedCounts = Record<(typeof CONTENT_TABLES)[number], number>;

/**
 * Starts an empty workspace: deletes every source, passage, tag, register, threat, actor, briefing,
 * country override and saved view — the demo, or whatever is there — as one change that Ctrl+Z takes
 * back whole. Settings of this installation stay, and the demo marker too, so the demo never returns by itself.
 */
export const startEmptyWorkspace = defineCommand({
  id: 'workspace.startEmpty',
  label: () => translate('labels.emptyWorkspace'),
  run: async (changes): Promise<EmptiedCounts> => {
    const counts = {} as EmptiedCounts;
    for (const table of CONTENT_TABLES) {
      const keys = (await changes.db.table(table).toCollection().primaryKeys()).map(String);
      await changes.bulkDelete(table, keys);
      counts[table] = keys.length;
    }
    return counts;
  },
});

import type { WorkbenchDatabase } from '../../renderer/db/database';
import { CachedTextStore, textOf, textStoreOf } from '../../renderer/db/source-texts';
import type { WorkbenchApi } from '../../shared/ipc';

/** The text of a source as the app reads it: from its record, or from main's store the record names. */
export async function sourceTextIn(db: WorkbenchDatabase, sourceId: string): Promise<string> {
  return textOf(db.textStore, await db.sourceTexts.get(sourceId));
}

/** Gives a test's database the store of a real handler table (a real data folder), as the app's has main's. */
export function storeTextsThrough(db: WorkbenchDatabase, api: WorkbenchApi): WorkbenchDatabase {
  db.textStore = new CachedTextStore(textStoreOf(() => api));
  return db;
}

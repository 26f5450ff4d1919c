import { WorkbenchDatabase } from './database';

/** The app's database; tests build their own `WorkbenchDatabase` under another name. */
export const db = new WorkbenchDatabase();

export { WorkbenchDatabase } from './database';
export { threatBand } from './threats';

/** Asks the browser not to evict the workspace under storage pressure; answers whether it agreed. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

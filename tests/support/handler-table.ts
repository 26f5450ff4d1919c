import { resolve } from 'node:path';
import { ensureDataFolder } from '../../main/services/data-folder';
import { createHandlerTable, type HandlerTable, type WorkbenchServices } from '../../main/services/handlers';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/** The real handler table over a real data folder and the project's bundled data/. */
export async function realHandlerTable(
  dataRoot: string,
  extra: Partial<WorkbenchServices> = {},
): Promise<HandlerTable> {
  return createHandlerTable({
    appName: 'Analyst Workbench',
    appVersion: '0.0.0-test',
    host: 'bridge',
    dataFolder: await ensureDataFolder(dataRoot),
    bundledDataRoot: resolve(PROJECT_ROOT, 'data'),
    ...extra,
  });
}

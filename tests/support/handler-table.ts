import { resolve } from 'node:path';
import { ensureDataFolder } from '../../main/services/data-folder';
import { writeBriefingDocx } from '../../main/services/briefing-docx';
import { extractSource } from '../../main/services/import';
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
    // Without a worker, files are read and briefings packed in the test's own thread.
    readInThisThread: extractSource,
    packInThisThread: writeBriefingDocx,
    ...extra,
  });
}

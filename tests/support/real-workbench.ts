import { dispatch } from '../../main/ipc/dispatch';
import type { WorkbenchApi } from '../../shared/ipc';
import { createApiClient } from '../../shared/ipc/client';
import type { WorkbenchServices } from '../../main/services/handlers';
import { realHandlerTable } from './handler-table';

/**
 * `window.workbench` wired straight to the real handler table (real services, real files in
 * `dataRoot`), with the same envelope unwrapping as the preload and the bridge.
 */
export async function realWorkbench(dataRoot: string, extra: Partial<WorkbenchServices> = {}): Promise<WorkbenchApi> {
  const table = await realHandlerTable(dataRoot, extra);
  return createApiClient(
    (_channel, key, args) => dispatch(table, key, args),
    () => () => undefined,
  );
}

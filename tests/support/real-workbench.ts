import { dispatch } from '../../main/ipc/dispatch';
import type { WorkbenchApi } from '../../shared/ipc';
import { createApiClient } from '../../shared/ipc/client';
import { realHandlerTable } from './handler-table';

/**
 * `window.workbench` wired straight to the real handler table (real services, real files in
 * `dataRoot`), with the same envelope unwrapping as the preload and the bridge.
 */
export async function realWorkbench(dataRoot: string): Promise<WorkbenchApi> {
  const table = await realHandlerTable(dataRoot);
  return createApiClient(
    (_channel, key, args) => dispatch(table, key, args),
    () => () => undefined,
  );
}

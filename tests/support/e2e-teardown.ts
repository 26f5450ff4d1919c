import { rmSync } from 'node:fs';

/**
 * Playwright global teardown: removes the run's scratch folder (files the tests wrote to import) and
 * the bridge's data folder the config made for the run. Each run left ~100 MB in the temporary folder
 * (the cancel tests alone write 55 MB), so a laptop that runs the suite daily filled up.
 * WORKBENCH_E2E_KEEP=1 keeps both, to look into a failed run.
 */
export default function removeRunFolders(): void {
  if (process.env.WORKBENCH_E2E_KEEP) return;
  const scratch = process.env.WORKBENCH_E2E_SCRATCH;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  const data = process.env.WORKBENCH_E2E_DATA_DIR;
  if (data && process.env.WORKBENCH_E2E_DATA_DIR_OWNED) rmSync(data, { recursive: true, force: true });
}

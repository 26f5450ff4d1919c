import { rmSync } from 'node:fs';

/**
 * Playwright global teardown: removes the run's scratch folder (files the tests wrote to import) and
 * the bridge's data folder, each only when the config made it for the run. Each run left ~100 MB in
 * the temporary folder (the cancel tests alone write 55 MB), so a laptop that runs the suite daily
 * filled up. WORKBENCH_E2E_KEEP=1 keeps both, to look into a failed run. Playwright stops the bridge
 * after this, so a file it still holds open may resist (Windows): retried, and never a failed run.
 */
export default function removeRunFolders(): void {
  if (process.env.WORKBENCH_E2E_KEEP === '1') return;
  for (const [folder, owned] of [
    [process.env.WORKBENCH_E2E_SCRATCH, process.env.WORKBENCH_E2E_SCRATCH_OWNED],
    [process.env.WORKBENCH_E2E_DATA_DIR, process.env.WORKBENCH_E2E_DATA_DIR_OWNED],
  ]) {
    if (!folder || !owned) continue;
    try {
      rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (error) {
      console.warn(`Could not remove ${folder}: ${(error as Error).message}`);
    }
  }
}

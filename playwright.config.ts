import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/chromium';

// One data folder per run, shared by the bridge and the tests (workers inherit the environment), and one
// folder for the files the tests write to import; both are removed when the run ends (tests/support/
// e2e-teardown.ts), unless they were given from outside or WORKBENCH_E2E_KEEP=1.
if (!process.env.WORKBENCH_E2E_DATA_DIR) {
  process.env.WORKBENCH_E2E_DATA_DIR = join(tmpdir(), `analyst-workbench-e2e-${Date.now()}`);
  process.env.WORKBENCH_E2E_DATA_DIR_OWNED = '1';
}
if (!process.env.WORKBENCH_E2E_SCRATCH) {
  process.env.WORKBENCH_E2E_SCRATCH = `${process.env.WORKBENCH_E2E_DATA_DIR}-scratch`;
  process.env.WORKBENCH_E2E_SCRATCH_OWNED = '1';
}
const port = Number(process.env.WORKBENCH_E2E_PORT ?? 5299);
const executablePath = findChromium();

export default defineConfig({
  outputDir: 'test-results',
  globalSetup: './tests/support/ensure-chromium.ts',
  globalTeardown: './tests/support/e2e-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1400, height: 880 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'e2e', testDir: 'tests/e2e' },
    { name: 'electron', testDir: 'tests/electron' },
  ],
  webServer: {
    command: 'node dist/bridge/cli.mjs',
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: { WORKBENCH_PORT: String(port), WORKBENCH_DATA_DIR: process.env.WORKBENCH_E2E_DATA_DIR },
    stdout: 'pipe',
  },
});

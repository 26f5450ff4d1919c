import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/chromium';

// `npm run screens`: the README's screenshots (docs/screens/), not a test of the suite (`npm test` never runs it).
process.env.WORKBENCH_E2E_DATA_DIR ??= join(tmpdir(), `analyst-workbench-screens-${Date.now()}`);
const port = Number(process.env.WORKBENCH_E2E_PORT ?? 5298);
const executablePath = findChromium();

export default defineConfig({
  testDir: 'tests/screens',
  outputDir: 'test-results/screens',
  globalSetup: './tests/support/ensure-chromium.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS },
  },
  webServer: {
    command: 'node dist/bridge/cli.mjs',
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: { WORKBENCH_PORT: String(port), WORKBENCH_DATA_DIR: process.env.WORKBENCH_E2E_DATA_DIR },
    stdout: 'pipe',
  },
});

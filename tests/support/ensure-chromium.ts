import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium';

/**
 * Playwright global setup: with no system Chromium and no CHROMIUM_PATH, install Playwright's own
 * Chromium once (this needs the network), so a fresh laptop needs no extra step before `npm test`.
 */
export default function ensureChromium(): void {
  const found = findChromium();
  if (found || existsSync(chromium.executablePath())) return;
  console.log('No Chromium found; installing Playwright’s own (a one-time download)…');
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const result = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(
      'Could not install Chromium. Install Chromium or Chrome, or set CHROMIUM_PATH to a Chromium binary, then run npm test again.',
    );
  }
}

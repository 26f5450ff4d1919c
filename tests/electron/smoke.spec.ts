import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * The Electron binary, if this machine has one. Resolved the way the electron package does, but
 * without its lazy download (which cannot succeed where the binary is unreachable).
 */
function electronBinary(): { path?: string; reason?: string } {
  const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const path = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(pkg, 'dist', relative);
  return existsSync(path) ? { path } : { reason: `there is no Electron binary at ${path} (it could not be downloaded on this machine)` };
}

const binary = electronBinary();
const skipReason = `Skipped: ${binary.reason}. On a machine with network access, run "npm install" without ELECTRON_SKIP_BINARY_DOWNLOAD to get Electron, then npm test runs this test.`;

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.path, skipReason);

  test('opens its window and lists the sample article', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'workbench-electron-'));
    const app = await electron.launch({
      executablePath: binary.path,
      args: [root],
      cwd: root,
      env: { ...process.env, WORKBENCH_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      await expect(window).toHaveTitle('Analyst Workbench');
      await expect(window.getByRole('list', { name: 'Sources' })).toContainText('Security Threats Emanating from Afghanistan');
      const isolated = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined' && typeof (globalThis as { process?: unknown }).process === 'undefined');
      expect(isolated).toBe(true);
      expect(existsSync(join(dataDir, 'sources'))).toBe(true);
    } finally {
      await app.close();
    }
  });
});

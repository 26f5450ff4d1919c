import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, PROJECT_ROOT, test } from './fixtures';

const CORPUS = join(PROJECT_ROOT, 'tests', 'vendor', 'corpora', 'pdf');
const SHOTS = process.env.WORKBENCH_SCREENSHOTS;

/** With WORKBENCH_SCREENSHOTS=<folder>: the screen at the two sizes the UI is checked at. */
async function screenshots(app: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  const before = app.viewportSize();
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1440, height: 900 },
  ]) {
    await app.setViewportSize(size);
    await app.screenshot({ path: join(SHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  if (before) await app.setViewportSize(before);
}

test.describe('PDF pages that may be unreadable', () => {
  test('the import says which page, and the source keeps saying it in its details', async ({ app }) => {
    // pdf.js's issue10640.pdf: its font maps the digits to control characters ("Version \x81.\x81").
    await app.locator('#import-files').setInputFiles([join(CORPUS, 'issue10640.pdf')]);
    const imports = app.getByRole('region', { name: 'Imports' });
    const job = imports.getByRole('listitem').filter({ hasText: 'issue10640.pdf' });
    await expect(job).toContainText('Imported', { timeout: 30_000 });
    await expect(job).toContainText(/Page 1 may be unreadable: \d+ control characters where the font maps no letter/);
    await screenshots(app, 'pdf-warning-import');

    await app.getByRole('tab', { name: 'Details' }).click();
    const warnings = app.getByRole('region', { name: 'When the file was imported' });
    await expect(warnings).toContainText('Page 1 may be unreadable');
    // The stored text holds no control character: each unreadable one is shown as U+FFFD.
    const reader = app.getByRole('document', { name: 'Source text' });
    await expect(reader).toContainText('Version \uFFFD.\uFFFD');
    await screenshots(app, 'pdf-warning-details');

    // They survive a reload: they are part of the source's record.
    const title = (await app.getByRole('heading', { level: 2 }).textContent()) ?? '';
    await expect(app.getByText('All changes are saved')).toBeVisible();
    await app.reload();
    await app.getByRole('list', { name: 'Sources' }).getByRole('button').filter({ hasText: title }).first().click();
    await app.getByRole('tab', { name: 'Details' }).click();
    await expect(app.getByRole('region', { name: 'When the file was imported' })).toContainText(
      'Page 1 may be unreadable',
    );
  });
});

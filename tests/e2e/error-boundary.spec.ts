// Errors are never silent, end to end: a record damaged outside the app (here written straight
// into IndexedDB) makes the Register view fail; its error boundary contains it — the rail and the
// other views keep working — says so calmly, and the error lands in main's error log on disk.
// Help › Open Error Log (here through the palette) says where that log is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DATA_DIR, SAMPLE_TITLE, skipWelcome } from './fixtures';

const SCREENSHOTS = process.env.WORKBENCH_SCREENSHOTS ?? 'test-results';

async function open(page: Page): Promise<void> {
  // Past the first run: the welcome would stand over the views this test breaks.
  await skipWelcome(page.context());
  await page.goto('/');
  await expect(
    page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: new RegExp(SAMPLE_TITLE) }),
  ).toBeVisible();
}

/** Runs `work` on the app's own IndexedDB database, as another program (or a bad disk) could. */
function onDatabase(page: Page, work: 'damage' | 'repair'): Promise<void> {
  return page.evaluate(async (what) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('analyst-workbench');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const transaction = db.transaction('threats', 'readwrite');
    const threats = transaction.objectStore('threats');
    if (what === 'damage') {
      const first = await new Promise<Record<string, unknown>>((resolve) => {
        const cursor = threats.openCursor();
        cursor.onsuccess = () => resolve(cursor.result!.value as Record<string, unknown>);
      });
      threats.put({
        ...first,
        id: 'damaged-threat',
        title: 'Damaged record',
        countryCodes: 42,
        actorIds: 'not a list',
        indicators: null,
        mitigations: null,
        likelihood: 'high',
        updatedAt: 7,
      });
    } else {
      threats.delete('damaged-threat');
    }
    await new Promise((resolve) => (transaction.oncomplete = resolve));
    db.close();
  }, work);
}

test('a view that fails is contained, explained, logged, and can be reloaded', async ({ page }) => {
  await open(page);
  await onDatabase(page, 'damage');
  await page.getByRole('button', { name: /Register/ }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'The Register view stopped working' });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('button', { name: 'Reload view' })).toBeVisible();
  await expect(alert.getByRole('button', { name: 'Copy details' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'error-boundary-register.png') });

  // The rest of the workbench is untouched.
  await page
    .getByRole('button', { name: /Sources/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: SAMPLE_TITLE, level: 2 })).toBeVisible();

  // The failure is in main's error log, with the view it came from.
  await expect
    .poll(() => readFileSync(join(DATA_DIR, 'logs', 'workbench.log'), 'utf8'))
    .toContain('ERROR renderer (register, boundary):');

  // Once the record is repaired, "Reload view" brings the view back.
  await page.getByRole('button', { name: /Register/ }).click();
  await expect(alert).toBeVisible();
  await onDatabase(page, 'repair');
  await alert.getByRole('button', { name: 'Reload view' }).click();
  await expect(page.getByRole('grid', { name: 'Threats' }).locator('tbody tr[data-threat-id]')).toHaveCount(12);
});

test('Open Error Log says where the log is in the browser preview', async ({ page }) => {
  await open(page);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Open Error Log');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'The error log is at' })).toContainText(
    join(DATA_DIR, 'logs', 'workbench.log'),
  );
});

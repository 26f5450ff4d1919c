import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DATA_DIR, expect, PROJECT_ROOT, SAMPLE_TITLE, test } from './fixtures';

async function fromPalette(app: Page, title: string): Promise<void> {
  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: /^Go to a view/ }).fill(title);
  await app.keyboard.press('Enter');
}

test.describe('sources with Zotero', () => {
  test('a Zotero RIS export fills the demo source and adds two; the sources go back out as BibTeX', async ({
    app,
  }, testInfo) => {
    const chooser = app.waitForEvent('filechooser');
    await fromPalette(app, 'Import References (Zotero)');
    await (await chooser).setFiles(join(PROJECT_ROOT, 'tests/fixtures/zotero/library.ris'));
    const dialog = app.getByRole('dialog', { name: 'Import references from “library.ris”' });
    await expect(dialog.getByRole('status')).toHaveText(
      '3 references: 1 source to fill, 2 new sources. Filled fields were empty; nothing you wrote is overwritten.',
    );
    const table = dialog.getByRole('table', { name: 'What the import will change' });
    await expect(table.getByRole('row').nth(1)).toContainText(SAMPLE_TITLE);
    await expect(table.getByRole('row').nth(1)).toContainText('matched by title');
    await expect(table.getByRole('row').nth(1)).toContainText('Fill Publisher: Institute for Foreign Policy Research');
    await expect(table.getByRole('row').nth(1)).toContainText('Fill Published: 2023-05-16');
    await expect(table).toContainText('Водные ресурсы Центральной Азии и канал Кош-Тепа');
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1440, height: 900 },
    ]) {
      await app.setViewportSize(size);
      await app.screenshot({ path: testInfo.outputPath(`zotero-review-${size.width}.png`) });
    }
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(
      app.getByText('Filled 1 source and created 2 sources from “library.ris”. Undo takes the whole import back.'),
    ).toBeVisible();
    const sources = app.getByRole('list', { name: 'Sources' });
    await expect(sources.getByRole('button', { name: /Водные ресурсы/ })).toBeVisible();
    await expect(sources.getByRole('button', { name: /مهاجرت از ولایات/ })).toBeVisible();

    // A source made from a reference has no text: badged as a reference, and its reader says what to do.
    const water = sources.getByRole('button', { name: /Водные ресурсы/ });
    await expect(water.locator('.type-badge')).toHaveText('REF');
    await expect(water.locator('.type-badge')).toHaveAttribute('title', 'Reference only: no text yet');
    await water.click();
    const empty = app.getByRole('region', { name: 'This source is a reference only' });
    await expect(empty).toContainText('Attach the document (PDF, Word, HTML or text) or paste its text');
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1440, height: 900 },
    ]) {
      await app.setViewportSize(size);
      await app.screenshot({ path: testInfo.outputPath(`reference-only-${size.width}.png`) });
    }
    await empty.getByRole('button', { name: 'Paste the text…' }).click();
    const editor = app.getByRole('dialog', { name: 'Correct the text' });
    await editor.getByRole('textbox', { name: 'Source text' }).fill('Канал Кош-Тепа забирает до 20% стока Амударьи.');
    await editor.getByRole('button', { name: 'Save text' }).click();
    await expect(editor).toBeHidden();
    await expect(water.locator('.type-badge')).toHaveText('PASTED');
    await expect(empty).toBeHidden();
    await expect(app.getByRole('document', { name: 'Source text' })).toHaveText(
      'Канал Кош-Тепа забирает до 20% стока Амударьи.',
    );

    const before = readdirSync(join(DATA_DIR, 'exports'));
    await fromPalette(app, 'Export Sources for Zotero');
    const exportDialog = app.getByRole('dialog', { name: 'Export sources for Zotero' });
    await exportDialog.getByLabel('BibTeX (.bib)').check();
    await app.screenshot({ path: testInfo.outputPath('zotero-export-1440.png') });
    await exportDialog.getByRole('button', { name: 'Export' }).click();
    await expect(app.getByText(/^Exported 3 sources as references to .*\.bib\.$/)).toBeVisible();
    const written = readdirSync(join(DATA_DIR, 'exports')).filter((f) => !before.includes(f) && f.endsWith('.bib'));
    expect(written).toHaveLength(1);
    const bib = readFileSync(join(DATA_DIR, 'exports', written[0]!), 'utf8');
    expect(bib).toContain('author = {Сейткали, Айгерим and Назарбек, Ерлан}');
    expect(bib).toContain('doi = {10.37178/ca-c.23.2.04}');
    expect(bib).toContain('institution = {Institute for Foreign Policy Research}');
  });
});

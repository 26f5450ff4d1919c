import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { qdpxContents, refiQdaSchemaErrors } from '../support/refi-qda-validator';
import { DATA_DIR, expect, SAMPLE_TITLE, test } from './fixtures';

/** Runs a command from the palette (Ctrl+K), as the File menu's item would. */
async function fromPalette(app: Page, title: string): Promise<void> {
  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: /^Go to a view/ }).fill(title);
  await app.keyboard.press('Enter');
}

const qdpxFiles = () => readdirSync(join(DATA_DIR, 'exports')).filter((f) => f.endsWith('.qdpx'));

test.describe('REFI-QDA projects', () => {
  test('export the demo as .qdpx, delete its source, import the file back: every coded passage returns', async ({
    app,
  }, testInfo) => {
    const passages = app.getByRole('list', { name: 'Passages' }).getByRole('listitem');
    await expect(passages).toHaveCount(35);
    const quotes = await passages.locator('.passage-quote').allInnerTexts();

    const before = qdpxFiles();
    await fromPalette(app, 'Export REFI-QDA Project');
    await expect(app.getByText(/^Exported 1 source, \d+ codes and 35 coded passages to .*\.qdpx\.$/)).toBeVisible();
    const written = qdpxFiles().filter((f) => !before.includes(f));
    expect(written).toHaveLength(1);
    const exported = join(DATA_DIR, 'exports', written[0]!);
    // The file another program gets: a project.qde the official schema accepts, and the text beside it.
    const contents = await qdpxContents(exported);
    expect(await refiQdaSchemaErrors(contents.projectXml)).toEqual([]);
    expect(contents.texts).toHaveLength(1);

    // The source goes, and its passages with it.
    await app.getByRole('tab', { name: 'Details' }).click();
    app.once('dialog', (d) => void d.accept());
    await app.getByRole('button', { name: 'Delete source' }).click();
    await expect(
      app.getByRole('list', { name: 'Sources' }).getByRole('button', { name: new RegExp(SAMPLE_TITLE) }),
    ).toHaveCount(0);

    // A file that is not a project is refused with a sentence, and nothing changes.
    const broken = testInfo.outputPath('broken.qdpx');
    writeFileSync(broken, 'not a zip');
    let chooser = app.waitForEvent('filechooser');
    await fromPalette(app, 'Import REFI-QDA Project');
    await (await chooser).setFiles(broken);
    let dialog = app.getByRole('dialog', { name: 'Import “broken.qdpx”' });
    await expect(dialog.getByRole('alert')).toHaveText(
      'This file is not a REFI-QDA project (.qdpx files are zip files holding a project.qde). Nothing was imported.',
    );
    await dialog.getByRole('button', { name: 'Close' }).click();

    chooser = app.waitForEvent('filechooser');
    await fromPalette(app, 'Import REFI-QDA Project');
    await (await chooser).setFiles(exported);
    dialog = app.getByRole('dialog', { name: `Import “${written[0]}”` });
    const review = dialog.getByRole('list', { name: 'What the import will do' });
    await expect(review).toContainText('1 new source.');
    await expect(review).toContainText('35 coded passages, with');
    await expect(review).toContainText('merged with existing tags of the same name');
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1440, height: 900 },
    ]) {
      await app.setViewportSize(size);
      await app.screenshot({ path: testInfo.outputPath(`refi-qda-review-${size.width}.png`) });
    }
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(app.getByText(/^Imported 1 source, 0 tags and 35 coded passages from/)).toBeVisible();
    await expect(dialog).toBeHidden();

    await app
      .getByRole('list', { name: 'Sources' })
      .getByRole('button', { name: new RegExp(SAMPLE_TITLE) })
      .click();
    await app.getByRole('tab', { name: /^Passages/ }).click();
    await expect(passages).toHaveCount(35);
    expect(await passages.locator('.passage-quote').allInnerTexts()).toEqual(quotes);
  });
});

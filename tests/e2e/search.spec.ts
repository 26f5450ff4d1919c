import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, expect, SAMPLE_TITLE, test } from './fixtures';
import { highlightedTexts } from './reader-helpers';

/** The file in the data folder's store whose bytes hold `marker` (texts are kept as their UTF-8 bytes). */
function storedFileHolding(marker: string): string {
  const root = join(DATA_DIR, 'sources');
  const found = readdirSync(root)
    .flatMap((shard) => readdirSync(join(root, shard)).map((name) => join(root, shard, name)))
    .filter((path) => readFileSync(path).includes(marker));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Wholly in sight: inside its view's visible box and the window. */
function wholeInSight(element: Element): boolean {
  const box = element.getBoundingClientRect();
  const view = element.closest('.pane')!.getBoundingClientRect();
  return box.top >= Math.max(view.top, 0) && box.bottom <= Math.min(view.bottom, window.innerHeight) + 1;
}

test.describe('search and retrieval', () => {
  test('search finds text, notes and tags, and a hit opens highlighted in the reader', async ({ app }) => {
    await app.getByRole('button', { name: /^Search/ }).click();
    await app.getByRole('searchbox', { name: 'Search the workspace' }).fill('Crocus');
    const results = app.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await expect(results.first()).toContainText('Crocus City Hall');
    await results.first().getByRole('button').click();
    await expect(app.getByRole('document', { name: 'Source text' })).toBeVisible();
    await expect.poll(() => highlightedTexts(app, 'wb-search')).toEqual(['Crocus']);

    await app.keyboard.press('Control+6');
    await app.getByRole('searchbox', { name: 'Search the workspace' }).fill('baseline');
    await expect(results.first()).toContainText('Note');
  });

  test('the palette jumps to anything with the keyboard', async ({ app }) => {
    await app.keyboard.press('Control+k');
    const palette = app.getByRole('dialog', { name: 'Go to anything' });
    await palette.getByRole('combobox').fill('Uzbekistan');
    await expect(palette.getByRole('option').filter({ hasText: 'Country' })).toBeVisible();
    await palette
      .getByRole('option')
      .filter({ hasText: /^Country/ })
      .click();
    // The Countries view opens with Uzbekistan in the inspector.
    await expect(app.getByRole('heading', { name: 'Countries', level: 1 })).toBeVisible();
    await expect(app.getByRole('complementary', { name: 'Inspector' })).toContainText('Uzbekistan');
    await expect(app.getByRole('complementary', { name: 'Inspector' })).toContainText('Tashkent');
  });

  test('a word found all over the workspace: the results scroll with the wheel to the last one', async ({ app }) => {
    await app.keyboard.press('Control+6');
    await app.getByRole('searchbox', { name: 'Search the workspace' }).fill('Afghanistan');
    const results = app.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await expect(results.nth(20)).toBeAttached();
    const last = results.last();
    // The view was as tall as its results inside a work area that clips: the wheel moved nothing.
    await expect(last).not.toBeInViewport();
    const box = (await app.locator('.search-view').boundingBox())!;
    await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let step = 0; step < 100 && !(await last.evaluate(wholeInSight)); step++) await app.mouse.wheel(0, 2000);
    expect(await last.evaluate(wholeInSight)).toBe(true);
  });

  test('retrieval lists every passage for a threat with citations, and copies a quote', async ({ app, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await app.keyboard.press('Control+5');
    await app
      .getByRole('combobox', { name: 'Retrieve passages for' })
      .selectOption({ label: 'Kosh-Tepa canal water draw on the Amu Darya' });
    const passages = app.locator('.retrieved');
    await expect(passages).toHaveCount(3);
    await expect(
      app.getByText(/Almat Toyekin, “Security Threats Emanating from Afghanistan: The View from Kazakhstan” \[B3\]/),
    ).toBeVisible();
    await passages.filter({ hasText: '15%' }).getByRole('button', { name: 'Copy as quote' }).click();
    const copied = await app.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(
      '“For example, for Uzbekistan, the Kosh-Tepa canal will significantly reduce the flow of water from the Amu Darya by 15%.” — Almat Toyekin, “Security Threats Emanating from Afghanistan: The View from Kazakhstan” [B3]',
    );
    await passages.filter({ hasText: '15%' }).getByRole('button', { name: 'Show in source' }).click();
    await expect
      .poll(() => highlightedTexts(app, 'wb-selected'))
      .toEqual([
        'For example, for Uzbekistan, the Kosh-Tepa canal will significantly reduce the flow of water from the Amu Darya by 15%.',
      ]);
  });
});

test.describe('a source whose text is gone from the data folder', () => {
  // The text's address answers 404 with the sentence the analyst reads; Chromium logs the refused fetch.
  test.use({ expectedConsoleErrors: [/^Failed to load resource: the server responded with a status of 404/] });

  test('the reader and search say so, and the rest reads and searches as before', async ({ app }) => {
    const title = 'Termez gauge report';
    const marker = `Gauge ${randomUUID()}`;
    await app.getByRole('button', { name: 'Paste…' }).click();
    const dialog = app.getByRole('dialog', { name: 'Paste text' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
    await dialog.getByRole('textbox', { name: 'Text' }).fill(`${marker}: the readings at Termez were recalibrated.`);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(app.getByRole('heading', { level: 2 })).toHaveText(title);

    // The file is deleted behind the app's back (a data folder copied by hand without its sources/).
    rmSync(storedFileHolding(marker));
    await app.reload();

    const library = app.getByRole('list', { name: 'Sources' });
    await library.getByRole('button', { name: title }).click();
    await expect(
      app.getByText(/The text of this source is no longer in the data folder\. Restore a backup/),
    ).toBeVisible();

    await library.getByRole('button', { name: SAMPLE_TITLE }).click();
    await expect(app.getByRole('document', { name: 'Source text' })).toContainText('Kazakhstan');

    await app.getByRole('button', { name: /^Search/ }).click();
    await app.getByRole('searchbox', { name: 'Search the workspace' }).fill('Crocus');
    await expect(app.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toContainText(
      'Crocus City Hall',
    );
    await expect(
      app.getByRole('alert').filter({ hasText: '1 source is left out of search because its text could not be read.' }),
    ).toContainText('no longer in the data folder');
  });
});

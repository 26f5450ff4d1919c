import { expect, test } from './fixtures';
import { highlightedTexts } from './reader-helpers';

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

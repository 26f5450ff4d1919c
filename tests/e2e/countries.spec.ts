import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const compared = (page: Page) => page.getByRole('table', { name: 'Compared countries' });
const columnOrder = (page: Page) =>
  compared(page)
    .locator('thead th[data-code]')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-code')));
const map = (page: Page) => page.getByRole('group', { name: /^Map of Afghanistan, Central Asia/ });
const onMap = (page: Page, name: string) => map(page).getByRole('button', { name: new RegExp(`^${name}:`) });
const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });
const matrixCell = (page: Page, threat: string, country: string) =>
  page
    .getByRole('table', { name: 'Country × threat matrix' })
    .getByRole('button', { name: new RegExp(`^${threat}.* — ${country}:`) });

async function openCountries(page: Page) {
  await page.keyboard.press('Control+3');
  await expect(map(page).getByRole('button')).toHaveCount(10);
}

test.describe('countries side by side', () => {
  test('pick on the map and in the picker, reorder, swap, a formatted note, an override; all of it survives a reload', async ({
    app,
  }, testInfo) => {
    await openCountries(app);
    await expect.poll(() => columnOrder(app)).toEqual(['KZ', 'UZ', 'TJ', 'TM']);

    // The map: a fifth country is refused with the reason; clicking a compared one takes it out.
    await onMap(app, 'Afghanistan').click();
    await expect(app.getByRole('status').filter({ hasText: 'At most 4 countries side by side' })).toBeVisible();
    await onMap(app, 'Turkmenistan').click();
    await expect.poll(() => columnOrder(app)).toEqual(['KZ', 'UZ', 'TJ']);
    await expect(onMap(app, 'Turkmenistan')).toHaveAttribute('aria-pressed', 'false');
    // …and by keyboard: Tab to a country, Enter.
    await onMap(app, 'Afghanistan').focus();
    await expect(app.getByRole('tooltip')).toContainText('Afghanistan');
    await app.keyboard.press('Enter');
    await expect.poll(() => columnOrder(app)).toEqual(['KZ', 'UZ', 'TJ', 'AF']);
    await expect(onMap(app, 'Afghanistan')).toHaveAttribute('aria-pressed', 'true');
    // Hover names the country and its score for the chosen category.
    await app.getByRole('combobox', { name: 'Colour the map by' }).selectOption('water');
    await onMap(app, 'Uzbekistan').hover();
    await expect(app.getByRole('tooltip')).toContainText(/Uzbekistan\s*20\s*critical/);
    await expect(onMap(app, 'Kazakhstan')).toHaveAccessibleName(/^Kazakhstan: no water threats/);

    // The picker: take Kazakhstan out from its column, add Kyrgyzstan.
    await app.getByRole('button', { name: 'Remove Kazakhstan from the comparison' }).click();
    await expect.poll(() => columnOrder(app)).toEqual(['UZ', 'TJ', 'AF']);
    await app.getByRole('combobox', { name: 'Add a country' }).selectOption({ label: 'Kyrgyzstan' });
    await expect.poll(() => columnOrder(app)).toEqual(['UZ', 'TJ', 'AF', 'KG']);

    // Reorder, and swap a country in place.
    await app.getByRole('button', { name: 'Move Kyrgyzstan left' }).click();
    await app.getByRole('button', { name: 'Move Kyrgyzstan left' }).click();
    await expect.poll(() => columnOrder(app)).toEqual(['UZ', 'KG', 'TJ', 'AF']);
    await app.getByRole('combobox', { name: 'Swap Afghanistan for' }).selectOption({ label: 'Pakistan' });
    await expect.poll(() => columnOrder(app)).toEqual(['UZ', 'KG', 'TJ', 'PK']);
    await expect(compared(app).getByRole('columnheader', { name: 'Pakistan' })).toBeVisible();
    await expect(compared(app)).toContainText('2,670 km');

    // A note with formatting: Ctrl+B, the list button, and typed marks.
    await app.getByRole('button', { name: 'Edit the notes on Uzbekistan' }).click();
    const note = app.getByRole('textbox', { name: 'Notes on Uzbekistan' });
    await expect(note).toBeFocused();
    await app.keyboard.type('Downstream of Kosh-Tepa: ');
    await app.keyboard.press('Control+b');
    await app.keyboard.type('most exposed');
    await note.press('End');
    await app.keyboard.type('\n\nloses up to 15% of the Amu Darya flow\nno _water-sharing_ deal with Kabul');
    await note.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.indexOf('loses'), el.value.length));
    await app.getByRole('button', { name: 'Bullet list' }).click();
    await expect(note).toHaveValue(
      'Downstream of Kosh-Tepa: **most exposed**\n\n- loses up to 15% of the Amu Darya flow\n- no _water-sharing_ deal with Kabul',
    );
    await app.keyboard.press('Control+Enter');
    const notes = app.getByRole('region', { name: 'Notes on Uzbekistan' });
    await expect(notes.locator('strong')).toHaveText('most exposed');
    await expect(notes.getByRole('listitem')).toHaveCount(2);
    await expect(notes.locator('em')).toHaveText('water-sharing');
    // The stance, and markup typed as text stays text.
    await app.getByRole('button', { name: 'Edit the stance of Tajikistan' }).click();
    await app.getByRole('textbox', { name: 'Stance of Tajikistan' }).fill('No official contacts with Kabul <b>yet</b>');
    await app.getByRole('textbox', { name: 'Stance of Tajikistan' }).blur();
    await expect(app.getByRole('region', { name: 'Stance of Tajikistan' })).toHaveText(
      'No official contacts with Kabul <b>yet</b>',
    );

    // An override with a rationale, in the matrix: refused without one, then set; undo and redo.
    await app.getByRole('tab', { name: 'Country × threat matrix' }).click();
    const canal = matrixCell(app, 'Kosh-Tepa canal', 'Uzbekistan');
    await expect(canal).toHaveAccessibleName(/: 20, critical, rising; 3 passages$/);
    await canal.click();
    const form = inspector(app).getByRole('form', { name: 'Override for Uzbekistan' });
    await form.getByRole('combobox', { name: 'Likelihood' }).selectOption('5');
    await form.getByRole('button', { name: 'Set override' }).click();
    await expect(form.getByRole('alert')).toHaveText(/needs a rationale/);
    await expect(canal).toHaveAccessibleName(/: 20, critical/);
    await form
      .getByRole('textbox', { name: 'Rationale' })
      .fill('Uzbekistan draws most of its irrigation water from the Amu Darya, downstream of the canal');
    await form.getByRole('button', { name: 'Set override' }).click();
    await expect(canal).toHaveAccessibleName(/: 25, critical, rising, overridden \(register 20\)/);
    await expect(inspector(app)).toContainText('“Uzbekistan draws most of its irrigation water');
    await expect(inspector(app).getByRole('list', { name: 'Override history' })).toContainText('likelihood');
    await canal.focus();
    await app.keyboard.press('Control+z');
    await expect(canal).toHaveAccessibleName(/: 20, critical, rising; 3 passages$/);
    await app.keyboard.press('Control+Shift+Z');
    await expect(canal).toHaveAccessibleName(/: 25, critical, rising, overridden/);
    await expect(matrixCell(app, 'Kosh-Tepa canal', 'Kyrgyzstan')).toHaveCount(0);

    // Names in Russian.
    await app.getByRole('radio', { name: 'Country names in Russian' }).check();
    await expect(matrixCell(app, 'Kosh-Tepa canal', 'Узбекистан')).toBeVisible();
    await expect(
      app.getByRole('table', { name: 'Country × threat matrix' }).getByRole('columnheader', { name: 'Кыргызстан' }),
    ).toBeVisible();

    // Reload: the order, the names, the note, the stance and the override are all still there.
    await app.reload();
    await expect(matrixCell(app, 'Kosh-Tepa canal', 'Узбекистан')).toHaveAccessibleName(
      /: 25, critical, rising, overridden \(register 20\)/,
    );
    await app.getByRole('tab', { name: 'Side by side' }).click();
    await expect.poll(() => columnOrder(app)).toEqual(['UZ', 'KG', 'TJ', 'PK']);
    await expect(compared(app).getByRole('columnheader', { name: 'Узбекистан' })).toBeVisible();
    const reloadedNotes = app.getByRole('region', { name: 'Notes on Узбекистан' });
    await expect(reloadedNotes.locator('strong')).toHaveText('most exposed');
    await expect(reloadedNotes.getByRole('listitem')).toHaveCount(2);
    await expect(app.getByRole('region', { name: 'Stance of Таджикистан' })).toHaveText(
      'No official contacts with Kabul <b>yet</b>',
    );
    const water = compared(app).getByRole('row', { name: /^Water/ });
    await expect(water.getByRole('cell').first()).toContainText('25');
    await expect(water.getByRole('cell').first()).toContainText('overridden');
    await expect(onMap(app, 'Узбекистан')).toHaveAccessibleName(/25, critical \(overridden\); compared/);

    // The history of the country shows its notes, stance and override.
    await compared(app).getByRole('button', { name: 'Узбекистан', exact: true }).click();
    const history = inspector(app).getByRole('list', { name: 'History' });
    await expect(history).toContainText('notes');
    await expect(history).toContainText('override of “Kosh-Tepa canal water draw on the Amu Darya”');

    await app.getByRole('radio', { name: 'Country names in English' }).check();
    for (const scheme of ['light', 'dark'] as const) {
      await app.emulateMedia({ colorScheme: scheme });
      await app.getByRole('tab', { name: 'Side by side' }).click();
      await app.locator('.countries-scroll').evaluate((el) => el.scrollTo(0, 0));
      await app.waitForTimeout(150);
      await app.screenshot({ path: testInfo.outputPath(`countries-side-by-side-${scheme}.png`) });
      await app.getByRole('region', { name: 'Notes on Uzbekistan' }).scrollIntoViewIfNeeded();
      await app.screenshot({ path: testInfo.outputPath(`countries-notes-${scheme}.png`) });
      await app.getByRole('tab', { name: 'Country × threat matrix' }).click();
      await matrixCell(app, 'Kosh-Tepa canal', 'Uzbekistan').click();
      await app.waitForTimeout(150);
      await app.screenshot({ path: testInfo.outputPath(`countries-matrix-${scheme}.png`) });
      await matrixCell(app, 'Kosh-Tepa canal', 'Uzbekistan').click();
    }
  });

  test('a matrix cell opens its evidence: quotes and citations for that threat and that country', async ({ app }) => {
    await openCountries(app);
    await app.getByRole('tab', { name: 'Country × threat matrix' }).click();
    const cell = matrixCell(app, 'ISIS-Khorasan', 'Tajikistan');
    await expect(cell).toHaveAccessibleName(/: 20, critical, rising; 8 passages$/);
    await cell.click();
    await expect(cell).toHaveAttribute('aria-pressed', 'true');
    const evidence = inspector(app).getByRole('region', { name: 'Evidence' });
    await expect(evidence.getByRole('heading', { name: 'Evidence for Tajikistan (8)' })).toBeVisible();
    const linked = evidence.getByRole('list', { name: 'Passages linked to Tajikistan' });
    await expect(linked.getByRole('listitem')).toHaveCount(8);
    await expect(linked).toContainText('in Italy, citizens of Tajikistan associated with ISIS have been arrested');
    await expect(linked.locator('.citation').first()).toContainText('Almat Toyekin');
    // A country the threat does not affect has no cell; one without country-specific passages says so.
    await expect(matrixCell(app, 'Jamaat Ansarullah', 'Kazakhstan')).toHaveCount(0);
    await app.getByRole('tab', { name: 'Side by side' }).click();
    await app.getByRole('combobox', { name: 'Swap Turkmenistan for' }).selectOption({ label: 'Kyrgyzstan' });
    await app.getByRole('tab', { name: 'Country × threat matrix' }).click();
    await matrixCell(app, 'Rivalry of external powers', 'Kyrgyzstan').click();
    await expect(inspector(app)).toContainText(
      /No passage on this threat is linked to Kyrgyzstan or names it \(the threat has \d+ passages in all\)/,
    );
    // From a quote to the source.
    await matrixCell(app, 'Kosh-Tepa canal', 'Uzbekistan').click();
    await inspector(app).getByRole('button', { name: 'Show in source' }).first().click();
    await expect(app.getByRole('document', { name: 'Source text' })).toBeVisible();
  });

  test('the comparison and a stance are undone and redone by keys, and their history says so', async ({ app }) => {
    await openCountries(app);
    const history = inspector(app).getByRole('list', { name: 'Comparison history' });
    await app.getByRole('button', { name: 'Move Tajikistan left' }).click();
    await expect.poll(() => columnOrder(app)).toEqual(['KZ', 'TJ', 'UZ', 'TM']);
    await expect(history.getByRole('listitem')).toHaveCount(1);
    await expect(history).toContainText('comparison chosen: compared KZ, TJ, UZ, TM');
    await app.keyboard.press('Control+z');
    await expect.poll(() => columnOrder(app)).toEqual(['KZ', 'UZ', 'TJ', 'TM']);
    await expect(history.getByRole('listitem').first()).toContainText(
      'back to the default comparison (was compared KZ, TJ, UZ, TM) · Undone: move Tajikistan left',
    );
    await app.keyboard.press('Control+Shift+Z');
    await expect.poll(() => columnOrder(app)).toEqual(['KZ', 'TJ', 'UZ', 'TM']);
    await expect(history.getByRole('listitem').first()).toContainText('Redone: move Tajikistan left');

    await app.getByRole('button', { name: 'Edit the stance of Kazakhstan' }).click();
    await app.getByRole('textbox', { name: 'Stance of Kazakhstan' }).fill('Engages Kabul on trade');
    await app.getByRole('textbox', { name: 'Stance of Kazakhstan' }).blur();
    const stance = app.getByRole('region', { name: 'Stance of Kazakhstan' });
    await expect(stance).toHaveText('Engages Kabul on trade');
    await app.keyboard.press('Control+z');
    await expect(stance).toHaveText('No stance recorded.');
    await app.keyboard.press('Control+Shift+Z');
    await expect(stance).toHaveText('Engages Kabul on trade');
    // The country's history: the stance set, undone and redone; no bookkeeping lines.
    await compared(app).getByRole('button', { name: 'Kazakhstan', exact: true }).click();
    const countryHistory = inspector(app).getByRole('list', { name: 'History' });
    await expect(countryHistory.getByRole('listitem')).toHaveCount(3);
    await expect(countryHistory.getByRole('listitem').first()).toContainText(
      'stance: — → Engages Kabul on trade · Redone: edit the stance on Kazakhstan',
    );
    await expect(countryHistory).not.toContainText('updatedAt');
  });

  test('keeps between two and four countries, and says why', async ({ app }) => {
    await openCountries(app);
    await app.getByRole('button', { name: 'Remove Turkmenistan from the comparison' }).click();
    await app.getByRole('button', { name: 'Remove Tajikistan from the comparison' }).click();
    await expect.poll(() => columnOrder(app)).toEqual(['KZ', 'UZ']);
    await onMap(app, 'Uzbekistan').click();
    await expect(app.getByRole('status').filter({ hasText: 'Compare at least 2 countries' })).toBeVisible();
    await expect.poll(() => columnOrder(app)).toEqual(['KZ', 'UZ']);
    await expect(app.getByRole('button', { name: 'Move Kazakhstan left' })).toBeDisabled();
    // The top threats open the same cell as the matrix.
    await compared(app)
      .getByRole('list', { name: 'Top threats for Uzbekistan' })
      .getByRole('button', { name: /^Kosh-Tepa canal/ })
      .click();
    await expect(inspector(app).getByRole('form', { name: 'Override for Uzbekistan' })).toBeVisible();
  });
});

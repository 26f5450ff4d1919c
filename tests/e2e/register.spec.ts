import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { refProblems, stixValidator } from '../support/stix-validator';
import { addedExport, expect, exportedFiles, openMenu, scratchFolder, test } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Threats' });
const rows = (page: Page) => grid(page).locator('tbody tr[data-threat-id]');
const cell = (page: Page, threat: RegExp | string, column: string) =>
  rows(page)
    .filter({ hasText: threat })
    .getByRole('gridcell', { name: new RegExp(`^${column}:`) });

async function openRegister(page: Page) {
  await page.keyboard.press('Control+2');
  await expect(rows(page)).toHaveCount(12);
}

test.describe('threat register grid', () => {
  test('edit cells with the keyboard, the mouse and the stepper; undo, redo, and the edits survive a reload', async ({
    app,
  }) => {
    await openRegister(app);
    // Keyboard: the first row is the highest score; Enter edits the title, Enter saves and moves down.
    await grid(app).focus();
    await app.keyboard.press('ArrowDown');
    const first = await rows(app).first().getAttribute('data-threat-id');
    await app.keyboard.press('Enter');
    const editor = app.getByRole('dialog', { name: 'Edit Threat' });
    await editor
      .getByRole('textbox', { name: 'Threat' })
      .fill('ISIS-K: recruitment among Central Asian labour migrants');
    await app.keyboard.press('Enter');
    await expect(grid(app).locator(`tr[data-threat-id="${first}"]`)).toContainText(
      'ISIS-K: recruitment among Central Asian labour migrants',
    );

    // Typing over a cell starts editing it; Escape cancels.
    await app.keyboard.press('x');
    await expect(app.getByRole('dialog', { name: 'Edit Threat' }).getByRole('textbox')).toHaveValue('x');
    await app.keyboard.press('Escape');
    await expect(app.getByRole('dialog', { name: 'Edit Threat' })).toBeHidden();

    // Mouse: double-click a select cell.
    await cell(app, 'Jamaat Ansarullah', 'Status').dblclick();
    await app
      .getByRole('dialog', { name: 'Edit Status' })
      .getByRole('combobox', { name: 'Status' })
      .selectOption('active');
    await app.getByRole('dialog', { name: 'Edit Status' }).getByRole('button', { name: 'Save' }).click();
    await expect(cell(app, 'Jamaat Ansarullah', 'Status')).toHaveText('active');

    // Likelihood stepper with a rationale: the score and its band follow.
    await cell(app, 'Jamaat Ansarullah', 'Likelihood').dblclick();
    const stepper = app.getByRole('dialog', { name: 'Edit Likelihood' });
    await stepper.getByRole('button', { name: 'Raise likelihood' }).click();
    await stepper
      .getByRole('textbox', { name: 'Rationale for the change' })
      .fill('Dushanbe reports new cross-border incidents');
    await stepper.getByRole('button', { name: 'Save' }).click();
    await expect(cell(app, 'Jamaat Ansarullah', 'Score')).toHaveText('12');
    await expect(app.getByRole('list', { name: 'History' })).toContainText(
      'Dushanbe reports new cross-border incidents',
    );

    // Undo and redo across the grid.
    await grid(app).focus();
    await app.keyboard.press('Control+z');
    await expect(cell(app, 'Jamaat Ansarullah', 'Score')).toHaveText('9');
    await app.keyboard.press('Control+Shift+Z');
    await expect(cell(app, 'Jamaat Ansarullah', 'Score')).toHaveText('12');

    await app.reload();
    await openRegister(app);
    await expect(grid(app)).toContainText('ISIS-K: recruitment among Central Asian labour migrants');
    await expect(cell(app, 'Jamaat Ansarullah', 'Score')).toHaveText('12');
    await expect(cell(app, 'Jamaat Ansarullah', 'Status')).toHaveText('active');
  });

  test('sort, filter (text, per column, numbers), group, hide a column and save a view', async ({ app }) => {
    await openRegister(app);
    await grid(app)
      .getByRole('button', { name: /^Threat/ })
      .click();
    const titles = await rows(app)
      .getByRole('gridcell', { name: /^Threat:/ })
      .allInnerTexts();
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));

    await app.getByRole('searchbox', { name: 'Filter threats' }).fill('Tajikistan');
    await expect(rows(app)).not.toHaveCount(12);
    await app.getByRole('button', { name: 'Clear filters' }).click();
    await app.getByRole('textbox', { name: 'Filter Score' }).fill('>=15');
    await expect(rows(app)).toHaveCount(3);
    await app.getByRole('textbox', { name: 'Filter Category' }).fill('water');
    await expect(rows(app)).toHaveCount(1);
    await app.getByRole('button', { name: 'Clear filters' }).click();
    await expect(rows(app)).toHaveCount(12);

    await openMenu(app, 'View');
    await app.getByRole('combobox', { name: 'Group by' }).selectOption('category');
    await expect(grid(app).locator('tr.group-row')).toHaveCount(6);
    await app.getByRole('button', { name: 'Columns' }).click();
    await app.getByRole('checkbox', { name: 'Trend' }).uncheck();
    await expect(grid(app).getByRole('columnheader', { name: /Trend/ })).toHaveCount(0);

    app.once('dialog', (dialog) => void dialog.accept('By category, no trend'));
    await app.getByRole('button', { name: 'Save view…' }).click();
    await openMenu(app, 'View');
    await app.getByRole('combobox', { name: 'Saved view' }).selectOption({ label: 'Default' });
    await expect(grid(app).locator('tr.group-row')).toHaveCount(0);
    await expect(grid(app).getByRole('columnheader', { name: /Trend/ })).toHaveCount(1);
    await app.getByRole('combobox', { name: 'Saved view' }).selectOption({ label: 'By category, no trend' });
    await expect(grid(app).locator('tr.group-row')).toHaveCount(6);
    await expect(grid(app).getByRole('columnheader', { name: /Trend/ })).toHaveCount(0);
  });

  test('an edit the workspace refuses is taken back, with a sentence saying why', async ({ app }) => {
    await openRegister(app);
    await grid(app).focus();
    await app.keyboard.press('ArrowDown');
    const first = await rows(app).first().getAttribute('data-threat-id');
    const titleCell = grid(app)
      .locator(`tr[data-threat-id="${first}"]`)
      .getByRole('gridcell', { name: /^Threat:/ });
    const title = await titleCell.innerText();
    // A threat needs a title: the blank one is shown as the analyst commits it, then refused and put back.
    await app.keyboard.press('Enter');
    await app.getByRole('dialog', { name: 'Edit Threat' }).getByRole('textbox', { name: 'Threat' }).fill('   ');
    await app.keyboard.press('Enter');
    await expect(app.getByRole('alert')).toContainText('The change was not saved because a threat would be invalid');
    await expect(app.locator('.save-state')).toHaveText('The last change was not saved');
    await expect(titleCell).toHaveText(title);
    await app.reload();
    await openRegister(app);
    await expect(grid(app).locator(`tr[data-threat-id="${first}"]`)).toContainText(title);
  });

  test('typing into a column filter filters, and never edits the active cell', async ({ app }) => {
    await openRegister(app);
    // A cell of the first threat's title is active, as after the analyst clicked it.
    const firstTitle = rows(app)
      .first()
      .getByRole('gridcell', { name: /^Threat:/ });
    const before = await firstTitle.innerText();
    await firstTitle.click();
    const filter = app.getByRole('textbox', { name: 'Filter Threat' });
    await filter.click();
    await app.keyboard.type('Kosh');
    await expect(filter).toHaveValue('Kosh');
    await expect(app.locator('.cell-editor')).toHaveCount(0);
    await app.keyboard.press('Enter');
    await expect(rows(app)).toHaveCount(1);
    await expect(rows(app).first()).toContainText('Kosh-Tepa');
    await app.getByRole('button', { name: 'Clear filters' }).click();
    await expect(rows(app)).toHaveCount(12);
    await expect(
      rows(app)
        .getByRole('gridcell', { name: /^Threat:/ })
        .filter({ hasText: before }),
    ).toHaveCount(1);
    await expect(
      rows(app)
        .getByRole('gridcell', { name: /^Threat:/ })
        .filter({ hasText: /^Kosh$/ }),
    ).toHaveCount(0);
  });

  test('the heat map counts threats by cell and filters the grid', async ({ app }) => {
    await openRegister(app);
    const heat = app.getByRole('table', { name: 'Heat map' });
    const critical = heat.getByRole('button', { name: /Likelihood 4 .*impact 5 .*: 2 threats/ });
    await expect(critical).toHaveText('2');
    await critical.click();
    await expect(rows(app)).toHaveCount(2);
    await expect(app.getByText('Showing likelihood 4 × impact 5')).toBeVisible();
    await critical.click();
    await expect(rows(app)).toHaveCount(12);
    await expect(app.getByRole('list', { name: 'Threats per band' })).toContainText('critical');
  });

  test('add, duplicate and delete threats with undo', async ({ app }) => {
    await openRegister(app);
    await app.getByRole('button', { name: 'Add threat' }).click();
    await expect(rows(app)).toHaveCount(13);
    await expect(app.getByRole('textbox', { name: 'Title' })).toHaveValue('New threat');
    await app.getByRole('button', { name: 'Duplicate threat' }).click();
    await expect(rows(app)).toHaveCount(14);
    await app.getByRole('button', { name: 'Delete threat' }).click();
    await expect(rows(app)).toHaveCount(13);
    await app.getByRole('button', { name: 'Undo' }).click();
    await expect(rows(app)).toHaveCount(14);
  });

  test('the scale is configurable and the heat map follows it; a scale that would cut ratings is refused', async ({
    app,
  }) => {
    await openRegister(app);
    await openMenu(app, 'Register');
    await app.getByRole('button', { name: 'Settings…' }).click();
    const settings = app.getByRole('dialog', { name: 'Register settings' });
    await settings.getByRole('combobox', { name: 'Levels' }).selectOption('4');
    await settings.getByRole('spinbutton', { name: 'Critical from' }).fill('12');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings.getByRole('alert')).toContainText(/rated above 4/);
    await settings.getByRole('button', { name: 'Cancel' }).click();

    await openMenu(app, 'Register');
    await app.getByRole('button', { name: 'New register' }).click();
    const fresh = app.getByRole('dialog', { name: 'Register settings' });
    await fresh.getByRole('textbox', { name: 'Name' }).fill('Water security 4×4');
    await fresh.getByRole('combobox', { name: 'Levels' }).selectOption('4');
    await fresh.getByRole('spinbutton', { name: 'Medium from' }).fill('3');
    await fresh.getByRole('spinbutton', { name: 'High from' }).fill('6');
    await fresh.getByRole('spinbutton', { name: 'Critical from' }).fill('12');
    await fresh.getByRole('button', { name: 'Save' }).click();
    await expect(app.getByRole('heading', { name: 'Water security 4×4' })).toBeVisible();
    await expect(app.getByRole('table', { name: 'Heat map' }).getByRole('button')).toHaveCount(16);
    await app.getByRole('button', { name: 'Add threat' }).click();
    await expect(rows(app)).toHaveCount(1);
  });
});

test.describe('evidence', () => {
  test('a threat lists its passages with citations; passages are linked and unlinked from here', async ({ app }) => {
    await openRegister(app);
    await rows(app).filter({ hasText: 'Kosh-Tepa' }).getByRole('gridcell').first().click();
    const evidence = app.getByRole('region', { name: 'Evidence' });
    await expect(evidence.getByRole('heading')).toHaveText('Evidence (3)');
    await expect(evidence).toContainText('Almat Toyekin');
    await evidence.getByRole('searchbox', { name: 'Link a passage' }).fill('Crocus City Hall');
    const candidates = app.getByRole('list', { name: 'Passages to link' });
    await candidates.getByRole('listitem').first().getByRole('button', { name: 'Link' }).click();
    await expect(evidence.getByRole('heading')).toHaveText('Evidence (4)');
    await expect(cell(app, 'Kosh-Tepa', 'Evidence')).toHaveText('4');
    await evidence.getByRole('listitem').first().getByRole('button', { name: 'Unlink' }).click();
    await expect(evidence.getByRole('heading')).toHaveText('Evidence (3)');
  });
});

test.describe('interchange', () => {
  const scratch = scratchFolder('register');

  test('CSV export, then import with a mapping step and a report of the bad row', async ({ app }) => {
    await openRegister(app);
    await openMenu(app, 'Import / export');
    const before = exportedFiles();
    await app.getByRole('button', { name: 'Export CSV' }).click();
    await expect(app.getByText(/Exported the register to .*\.csv/)).toBeVisible();
    const written = readFileSync(await addedExport(before, '.csv'), 'utf8');
    expect(written).toContain('Kosh-Tepa');
    // The register and its scale are named above the header; countries and categories in words.
    expect(written.split('\r\n')[0]).toMatch(/^\uFEFF"# Register: /);
    expect(written).toContain('Terrorism');

    const csv = join(scratch, 'desk-register.csv');
    writeFileSync(
      csv,
      [
        'Название;Категория;Вероятность;Влияние;Страны;Тренд',
        '"Наркотрафик через ГБАО, ""северный маршрут""";narcotics;4;4;TJ;rising',
        'Bad likelihood row;terrorism;9;3;KZ;stable',
      ].join('\r\n'),
    );
    await app.locator('input[aria-label="CSV file to import"]').setInputFiles(csv);
    const dialog = app.getByRole('dialog', { name: /Import “desk-register\.csv”/ });
    await expect(dialog.getByRole('combobox', { name: 'Field for column Вероятность' })).toHaveValue('likelihood');
    await dialog.getByRole('button', { name: 'Check rows' }).click();
    const report = dialog.getByRole('table', { name: 'Validation report' });
    await expect(report.getByRole('row').filter({ hasText: 'Вероятность' })).toContainText('3');
    await expect(dialog.getByRole('status')).toContainText('1 row ready to import; 1 row with problems');
    await dialog.getByRole('button', { name: 'Import 1 threat' }).click();
    await expect(rows(app)).toHaveCount(13);
    await expect(grid(app)).toContainText('Наркотрафик через ГБАО, "северный маршрут"');
  });

  test('STIX 2.1 bundle export with a TLP marking, credited to the author set beside it', async ({ app }) => {
    await openRegister(app);
    // Until it is set, the export says whom it will credit: a labelled stand-in.
    await openMenu(app, 'Import / export');
    await expect(app.getByText(/Author: Unnamed analyst/)).toBeVisible();
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1440, height: 900 },
    ]) {
      await app.setViewportSize(size);
      await app.screenshot({ path: `test-results/export-author-unset-${size.width}.png` });
    }
    await app.getByRole('button', { name: 'Set author…' }).click();
    const dialog = app.getByRole('dialog', { name: 'Settings' });
    await expect(dialog.getByRole('tab', { name: 'Author', selected: true })).toBeVisible();
    await dialog.getByRole('button', { name: 'Save author' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Give the author a name or an organisation');
    await dialog.getByLabel('Name').fill('Айгерим Сейткали');
    await dialog.getByLabel('Organisation').fill('KISI');
    await app.screenshot({ path: 'test-results/export-author-dialog-1440.png' });
    await dialog.getByRole('button', { name: 'Save author' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Saved.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await openMenu(app, 'Import / export');
    await expect(app.getByText('Author: Айгерим Сейткали (KISI)')).toBeVisible();
    await app.setViewportSize({ width: 1366, height: 768 });
    await app.screenshot({ path: 'test-results/export-author-set-1366.png' });
    await app.getByRole('combobox', { name: 'TLP marking' }).selectOption('green');
    const before = exportedFiles();
    await app.getByRole('button', { name: 'Export STIX 2.1' }).click();
    await expect(app.getByText(/Exported a STIX 2.1 bundle to/)).toBeVisible();
    const bundle = JSON.parse(readFileSync(await addedExport(before, '.stix.json'), 'utf8'));
    expect(bundle.type).toBe('bundle');
    const types = new Set(bundle.objects.map((o: { type: string }) => o.type));
    for (const type of ['report', 'location', 'note', 'relationship', 'marking-definition', 'identity'])
      expect(types).toContain(type);
    // The file the analyst gets is valid STIX 2.1, object by object, and every reference resolves.
    expect(stixValidator().bundleProblems(bundle)).toEqual([]);
    expect(refProblems(bundle)).toEqual([]);
    const author = bundle.objects.find(
      (o: { type: string; created_by_ref?: string }) => o.type === 'identity' && !o.created_by_ref,
    );
    expect(author).toMatchObject({ name: 'Айгерим Сейткали', identity_class: 'individual' });
    expect(
      bundle.objects.filter((o: { type: string }) => o.type === 'threat-actor').map((o: { name: string }) => o.name),
    ).not.toContain('Pakistan');
  });
});

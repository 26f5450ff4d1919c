import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, scratchFolder, test } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Threats' });
const rows = (page: Page) => grid(page).locator('tbody tr[data-threat-id]');
const cell = (page: Page, threat: RegExp | string, column: string) =>
  rows(page)
    .filter({ hasText: threat })
    .getByRole('gridcell', { name: new RegExp(`^${column}:`) });

const DRUGS = 'Resumption of drug trafficking from Afghanistan';

test.describe('a CSV import in the threat’s history', () => {
  const scratch = scratchFolder('register-history');

  test('an import that raises a likelihood asks for one rationale, shows in the threat’s history, and Ctrl+Z takes it back', async ({
    app,
  }) => {
    await app.keyboard.press('Control+2');
    await expect(rows(app)).toHaveCount(12);
    const id = await rows(app).filter({ hasText: DRUGS }).getAttribute('data-threat-id');
    expect(id).toBeTruthy();
    await expect(cell(app, DRUGS, 'Likelihood')).toHaveText('3');
    await expect(cell(app, DRUGS, 'Score')).toHaveText('12');

    // The desk's spreadsheet: the same threat (by its id) with likelihood 4, and one new threat.
    const csv = join(scratch, 'desk-ratings.csv');
    writeFileSync(
      csv,
      [
        'id,title,likelihood,impact,category',
        `${id},${DRUGS},4,4,narcotics`,
        ',Heroin price collapse in Dushanbe,3,2,narcotics',
      ].join('\r\n'),
    );
    await app.locator('input[aria-label="CSV file to import"]').setInputFiles(csv);
    const dialog = app.getByRole('dialog', { name: /Import “desk-ratings\.csv”/ });
    await dialog.getByRole('button', { name: 'Check rows' }).click();

    // The dialog names the rating it changes and will not import without the analyst's reason.
    await expect(dialog.getByRole('list', { name: 'Rating changes' })).toContainText(`“${DRUGS}” likelihood 3 → 4`);
    const importButton = dialog.getByRole('button', { name: 'Import 2 threats' });
    await expect(importButton).toBeDisabled();
    await dialog.getByRole('textbox', { name: /^Rationale/ }).fill('Seizure reports from the Tajik desk');
    await expect(dialog).toContainText(
      'Recorded on every change of this import as “Imported from desk-ratings.csv: Seizure reports from the Tajik desk”',
    );
    await importButton.click();
    await expect(dialog).toBeHidden();
    await expect(rows(app)).toHaveCount(13);
    await expect(cell(app, DRUGS, 'Likelihood')).toHaveText('4');
    await expect(cell(app, DRUGS, 'Score')).toHaveText('16');

    // The threat's history shows the change and the import's rationale; no bookkeeping stamp.
    await cell(app, DRUGS, 'Threat').click();
    const history = app.getByRole('list', { name: 'History' });
    const imported = history.getByRole('listitem').first();
    await expect(imported).toContainText('Likelihood 3 → 4');
    await expect(imported).toContainText('Score 12 → 16');
    await expect(imported).toContainText('Imported from desk-ratings.csv: Seizure reports from the Tajik desk');
    await expect(history).not.toContainText('updatedAt');

    // One Ctrl+Z takes the whole import back: the old rating, and the new threat gone.
    await grid(app).focus();
    await app.keyboard.press('Control+z');
    await expect(cell(app, DRUGS, 'Likelihood')).toHaveText('3');
    await expect(cell(app, DRUGS, 'Score')).toHaveText('12');
    await expect(rows(app)).toHaveCount(12);
    await expect(history.getByRole('listitem').first()).toContainText('Undone: import “desk-ratings.csv”');
    await expect(history.getByRole('listitem').first()).toContainText('Likelihood 4 → 3');

    // And Ctrl+Shift+Z brings it back.
    await app.keyboard.press('Control+Shift+Z');
    await expect(cell(app, DRUGS, 'Score')).toHaveText('16');
    await expect(rows(app)).toHaveCount(13);
  });

  test('a rating changed in the inspector is one history line with its rationale; undo says what it took back', async ({
    app,
  }) => {
    await app.keyboard.press('Control+2');
    await expect(rows(app)).toHaveCount(12);
    await cell(app, 'Jamaat Ansarullah', 'Threat').click();
    await app.getByRole('button', { name: 'Change rating…' }).click();
    const form = app.getByRole('form', { name: 'Change rating' });
    await form.getByRole('combobox', { name: /Impact/ }).selectOption('4');
    await form.getByRole('textbox', { name: 'Rationale' }).fill('Attacks on border posts in Khatlon');
    await form.getByRole('button', { name: 'Apply' }).click();
    await expect(cell(app, 'Jamaat Ansarullah', 'Score')).toHaveText('12');
    const history = app.getByRole('list', { name: 'History' });
    await expect(history.getByRole('listitem')).toHaveCount(1);
    await expect(history.getByRole('listitem').first()).toContainText(
      'Impact 3 → 4; Score 9 → 12 — “Attacks on border posts in Khatlon”',
    );

    await grid(app).focus();
    await app.keyboard.press('Control+z');
    await expect(cell(app, 'Jamaat Ansarullah', 'Score')).toHaveText('9');
    await expect(history.getByRole('listitem').first()).toContainText(
      'Undone: rate “Jamaat Ansarullah activity against Tajikistan”; Impact 4 → 3',
    );
  });
});

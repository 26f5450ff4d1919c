import type { Page } from '@playwright/test';
import { expect, openMenu, test } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Threats' });
const rows = (page: Page) => grid(page).locator('tbody tr[data-threat-id]');
const STARTER = 'Afghanistan: threats to Central Asia';

/** Ctrl+Z or Ctrl+Shift+Z with the focus on the grid, where they are the workspace's undo and redo. */
async function press(page: Page, keys: 'Control+z' | 'Control+Shift+Z') {
  await grid(page).focus();
  await page.keyboard.press(keys);
}

test.describe('undo and redo of the register’s changes', () => {
  test('add a threat and link evidence: each is one step back and forth', async ({ app }) => {
    await app.keyboard.press('Control+2');
    await expect(rows(app)).toHaveCount(12);

    await app.getByRole('button', { name: 'Add threat' }).click();
    await expect(rows(app)).toHaveCount(13);
    await press(app, 'Control+z');
    await expect(rows(app)).toHaveCount(12);
    await expect(app.getByText('Undone: add a threat.')).toBeVisible();
    await press(app, 'Control+Shift+Z');
    await expect(rows(app)).toHaveCount(13);

    await rows(app).filter({ hasText: 'Kosh-Tepa' }).getByRole('gridcell').first().click();
    const evidence = app.getByRole('region', { name: 'Evidence' });
    await expect(evidence.getByRole('heading')).toHaveText('Evidence (3)');
    await evidence.getByRole('searchbox', { name: 'Link a passage' }).fill('Crocus City Hall');
    await app
      .getByRole('list', { name: 'Passages to link' })
      .getByRole('listitem')
      .first()
      .getByRole('button', { name: 'Link' })
      .click();
    await expect(evidence.getByRole('heading')).toHaveText('Evidence (4)');
    await press(app, 'Control+z');
    await expect(evidence.getByRole('heading')).toHaveText('Evidence (3)');
    await press(app, 'Control+Shift+Z');
    await expect(evidence.getByRole('heading')).toHaveText('Evidence (4)');
  });

  test('save a view, and take it back', async ({ app }) => {
    await app.keyboard.press('Control+2');
    await expect(rows(app)).toHaveCount(12);
    const views = app.getByRole('combobox', { name: 'Saved view' });
    app.once('dialog', (dialog) => void dialog.accept('Highest first'));
    await openMenu(app, 'View');
    await app.getByRole('button', { name: 'Save view…' }).click();
    await openMenu(app, 'View');
    await expect(views.locator('option', { hasText: 'Highest first' })).toHaveCount(1);
    await press(app, 'Control+z');
    await expect(views.locator('option', { hasText: 'Highest first' })).toHaveCount(0);
    await press(app, 'Control+Shift+Z');
    await expect(views.locator('option', { hasText: 'Highest first' })).toHaveCount(1);
  });

  test('archive and duplicate a register, and take each back', async ({ app }) => {
    await app.keyboard.press('Control+2');
    await expect(rows(app)).toHaveCount(12);
    const registers = app.getByRole('combobox', { name: 'Register' });

    await openMenu(app, 'Register');
    await app.getByRole('button', { name: 'Archive' }).click();
    await openMenu(app, 'Register');
    await expect(app.getByRole('button', { name: 'Restore' })).toBeVisible();
    await press(app, 'Control+z');
    await expect(app.getByRole('button', { name: 'Archive' })).toBeVisible();
    await expect(app.getByText(`Undone: archive the register “${STARTER}”.`)).toBeVisible();

    await openMenu(app, 'Register');
    await app.getByRole('button', { name: 'Duplicate', exact: true }).click();
    await expect(app.getByRole('heading', { level: 1 })).toHaveText(`${STARTER} (copy)`);
    await expect(rows(app)).toHaveCount(12);
    await press(app, 'Control+z');
    await expect(app.getByRole('heading', { level: 1 })).toHaveText(STARTER);
    await expect(registers.locator('option')).toHaveCount(1);
    await press(app, 'Control+Shift+Z');
    await expect(registers.locator('option')).toHaveCount(2);
  });

  test('change a register’s settings, and take it back', async ({ app }) => {
    await app.keyboard.press('Control+2');
    await expect(rows(app)).toHaveCount(12);
    await openMenu(app, 'Register');
    await app.getByRole('button', { name: 'Settings…' }).click();
    const settings = app.getByRole('dialog', { name: 'Register settings' });
    await settings.getByRole('textbox', { name: 'Scope' }).fill('Tajik border only');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings).toBeHidden();
    await expect(app.getByText('Tajik border only')).toBeVisible();
    await press(app, 'Control+z');
    await expect(app.getByText('Tajik border only')).toHaveCount(0);
    await press(app, 'Control+Shift+Z');
    await expect(app.getByText('Tajik border only')).toBeVisible();
  });
});

import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openMenu, test } from './fixtures';

// Issue 17, point 5: every view and dialog, light and dark, without a serious or critical WCAG 2.1 AA violation.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test('every view and dialog passes axe (no serious or critical violation)', async ({ app }) => {
      test.setTimeout(180_000);
      const found: string[] = [];
      const check = async (where: string) => found.push(...(await violations(app, where)));

      // Sources with the reader.
      await expect(app.getByRole('document', { name: 'Source text' })).toBeVisible();
      await check('Sources with the reader');

      // Register with the inspector and the cell editor.
      await app.keyboard.press('Control+2');
      const grid = app.getByRole('grid', { name: 'Threats' });
      await grid.locator('tbody tr[data-threat-id]').first().getByRole('gridcell').first().click();
      await expect(app.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
      await check('Register with the inspector');
      await openMenu(app, 'Import / export');
      await check('Register, import/export menu');
      await app.keyboard.press('Escape');
      await grid.focus();
      await app.keyboard.press('ArrowRight');
      await app.keyboard.press('Enter');
      await expect(app.getByRole('dialog', { name: /^Edit / })).toBeVisible();
      await check('Register cell editor');
      await app.keyboard.press('Escape');

      // Countries, each tab.
      await app.keyboard.press('Control+3');
      const tabs = app.getByRole('tab');
      await expect(tabs.first()).toBeVisible();
      for (const name of await tabs.allInnerTexts()) {
        await app.getByRole('tab', { name }).click();
        await check(`Countries › ${name.trim()}`);
      }

      // Briefings: the composer and its preview.
      await app.keyboard.press('Control+4');
      await app
        .getByRole('button', { name: /New briefing/ })
        .first()
        .click();
      await expect(app.getByRole('textbox', { name: 'Title', exact: true })).toBeVisible();
      await check('Briefings composer and preview');

      for (const [key, where] of [
        ['Control+5', 'Passages'],
        ['Control+6', 'Search'],
        ['Control+7', 'Actors'],
      ] as const) {
        await app.keyboard.press(key);
        await expect(app.getByRole('heading', { level: 1 })).toBeVisible();
        await check(where);
      }

      // Dialogs: Settings, palette, shortcut sheet, Backups, About.
      await app.keyboard.press('Control+,');
      await expect(app.getByRole('dialog', { name: 'Settings' })).toBeVisible();
      await check('Settings');
      await app.keyboard.press('Escape');
      await app.keyboard.press('Control+k');
      // The palette by its own name: the dialogs it opens must be scanned only once it is gone.
      const palette = app.getByRole('dialog', { name: 'Go to anything', exact: true });
      await expect(palette).toBeVisible();
      await check('Palette');
      for (const command of ['Backups', 'About Analyst Workbench', 'Keyboard shortcuts']) {
        await app.keyboard.type(command);
        await app.keyboard.press('Enter');
        await expect(palette).toHaveCount(0);
        await expect(app.getByRole('dialog')).toBeVisible();
        await check(command);
        await app.keyboard.press('Escape');
        await expect(app.getByRole('dialog')).toHaveCount(0);
        await app.keyboard.press('Control+k');
      }
      await app.keyboard.press('Escape');

      expect(found).toEqual([]);
    });

    test('every dialog passes axe: Settings by tab, Welcome, Backups, Merge, CSV import, the check before export', async ({
      app,
    }, testInfo) => {
      test.setTimeout(180_000);
      const found: string[] = [];
      const check = async (where: string) => found.push(...(await violations(app, where)));
      const palette = async (command: string) => {
        await app.keyboard.press('Control+k');
        await app.keyboard.type(command);
        await app.keyboard.press('Enter');
      };

      // Settings, every tab.
      await app.keyboard.press('Control+,');
      const settings = app.getByRole('dialog', { name: 'Settings' });
      await expect(settings).toBeVisible();
      const tabs = settings.getByRole('tab');
      for (const name of await tabs.allInnerTexts()) {
        await settings.getByRole('tab', { name: name.trim() }).click();
        await expect(settings.getByRole('tab', { name: name.trim() })).toHaveAttribute('aria-selected', 'true');
        await check(`Settings › ${name.trim()}`);
      }
      await app.keyboard.press('Escape');
      await expect(settings).toBeHidden();

      // The welcome, as Help › Welcome brings it back.
      await palette('Welcome');
      const welcome = app.getByRole('dialog', { name: 'Welcome to Analyst Workbench' });
      await expect(welcome).toBeVisible();
      await check('Welcome');
      await app.keyboard.press('Escape');
      await expect(welcome).toBeHidden();

      // Backups, then the Merge dialog for a backup in its list.
      await app
        .getByRole('contentinfo')
        .getByRole('button', { name: /^(Backed up|Backups…)/ })
        .click();
      const backups = app.getByRole('dialog', { name: 'Backups' });
      await expect(backups).toBeVisible();
      await expect(backups.getByText('Reading the backups folder…')).toHaveCount(0);
      await backups.getByRole('button', { name: 'Back up now' }).click();
      await expect(backups.getByRole('status').filter({ hasText: /^Backed up the workspace/ })).toBeVisible();
      await check('Backups');
      await backups
        .getByRole('button', { name: /^Merge the backup of/ })
        .first()
        .click();
      const merge = app.getByRole('dialog', { name: /^Merge / });
      await expect(merge).toBeVisible();
      await expect(merge.getByRole('button').first()).toBeVisible();
      await check('Merge');
      await app.keyboard.press('Escape');
      await expect(merge).toHaveCount(0);

      // The register's CSV import, before and after checking its rows.
      await app.keyboard.press('Control+2');
      const csv = testInfo.outputPath('axe-register.csv');
      writeFileSync(
        csv,
        ['Title;Category;Likelihood;Impact;Countries', 'Water dispute;water;4;3;UZ', 'Bad row;terrorism;9;3;KZ'].join(
          '\r\n',
        ),
      );
      await app.locator('input[aria-label="CSV file to import"]').setInputFiles(csv);
      const importing = app.getByRole('dialog', { name: /Import “axe-register\.csv”/ });
      await expect(importing).toBeVisible();
      await check('CSV import, columns');
      await importing.getByRole('button', { name: 'Check rows' }).click();
      await expect(importing.getByRole('table', { name: 'Validation report' })).toBeVisible();
      await check('CSV import, validation report');
      // Leaving asks whether to discard the mapping: that prompt is a dialog too.
      await app.keyboard.press('Escape');
      const discard = app.getByRole('alertdialog', { name: /^Discard / });
      await expect(discard).toBeVisible();
      await check('Discard prompt');
      await discard.getByRole('button', { name: 'Discard' }).click();
      await expect(importing).toHaveCount(0);

      // A briefing's check before export, with its warnings listed.
      await app.keyboard.press('Control+4');
      await app.getByRole('button', { name: 'New briefing' }).first().click();
      await expect(app.getByRole('heading', { name: 'Before exporting' })).toBeVisible();
      await check('Check before export');

      expect(found).toEqual([]);
    });
  });
}

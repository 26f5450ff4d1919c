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
      const palette = app.getByRole('dialog').filter({ has: app.getByRole('combobox') });
      await expect(palette).toBeVisible();
      await check('Palette');
      for (const command of ['Backups', 'About Analyst Workbench', 'Keyboard shortcuts']) {
        await app.keyboard.type(command);
        await app.keyboard.press('Enter');
        await expect(app.getByRole('dialog')).toBeVisible();
        await check(command);
        await app.keyboard.press('Escape');
        await expect(app.getByRole('dialog')).toHaveCount(0);
        await app.keyboard.press('Control+k');
      }
      await app.keyboard.press('Escape');

      expect(found).toEqual([]);
    });
  });
}

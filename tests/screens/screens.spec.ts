import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/**
 * Writes every view of the demo workspace into docs/screens/ — at 1366×768 and 1440×900, light and dark,
 * English and Russian — for the README's screens section. The language comes from the system (the
 * context's locale), as on a fresh installation; the first shot of each set is the first-run welcome.
 */
const OUT = resolve(import.meta.dirname, '..', '..', 'docs', 'screens');
mkdirSync(OUT, { recursive: true });

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
] as const;
const THEMES = ['light', 'dark'] as const;
const LANGUAGES = [
  { code: 'en', locale: 'en-GB' },
  { code: 'ru', locale: 'ru-RU' },
] as const;
/** The rail's order (renderer/app/Rail.tsx): each view is its rail button, by position. */
const VIEWS = ['sources', 'register', 'countries', 'briefings', 'passages', 'search', 'actors'] as const;

async function settled(page: Page): Promise<void> {
  await expect(page.locator('main h1').first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

for (const language of LANGUAGES) {
  for (const theme of THEMES) {
    for (const size of SIZES) {
      const set = `${language.code}-${theme}-${size.width}x${size.height}`;
      test(set, async ({ browser }) => {
        const context = await browser.newContext({
          viewport: size,
          colorScheme: theme,
          locale: language.locale,
          reducedMotion: 'reduce',
        });
        const page = await context.newPage();
        const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}-${set}.png`) });
        await page.goto('/');
        const welcome = page.locator('dialog.welcome');
        await expect(welcome).toBeVisible();
        await shot('welcome');
        await welcome.locator('.dialog-actions button.primary').click();
        await expect(welcome).toBeHidden();

        const rail = page.locator('nav.rail .rail-item');
        for (const [i, view] of VIEWS.entries()) {
          await rail.nth(i).click();
          await expect(rail.nth(i)).toHaveAttribute('aria-current', 'page');
          if (view === 'sources') await page.locator('.list-pane .item-list button').first().click();
          if (view === 'passages') {
            const pick = page.locator('.passages-view select');
            const value = await pick.locator('optgroup').nth(1).locator('option').first().getAttribute('value');
            if (value) await pick.selectOption(value);
          }
          if (view === 'search') {
            await page.locator('.search-view input[type="search"], .search-view input').first().fill('Kazakhstan');
          }
          await settled(page);
          await shot(view);
        }
        await context.close();
      });
    }
  }
}

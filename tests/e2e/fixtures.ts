import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
/** The bridge's data folder for this run (set in playwright.config.ts). */
export const DATA_DIR = process.env.WORKBENCH_E2E_DATA_DIR!;

export const SAMPLE_ARTICLE = join(PROJECT_ROOT, 'data', 'sample', 'security-threats-afghanistan-kazakhstan.txt');
export const SAMPLE_TITLE = 'Security Threats Emanating from Afghanistan: The View from Kazakhstan';

export function sha256OfFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Opens the app and waits until the demo workspace is on screen. Fails the test on any page error. */
export const test = base.extend<{ app: Page }>({
  app: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto('/');
    await expect(
      page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: new RegExp(SAMPLE_TITLE) }),
    ).toBeVisible();
    await use(page);
    expect(problems, 'the page reported errors').toEqual([]);
  },
});

export { expect };

/** Opens a toolbar's menu (a button with aria-expanded) unless it is open already. */
export async function openMenu(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}
